-- E-mail domains for the e-mail pattern group check (signals/email-pattern-group.ts): how many accounts use the
-- author's domain says how common the author's address shape is among them. Mirrors emailDomain in
-- server/integrity/text-tools.ts (ASCII case folding only), with an expression index to keep the count cheap.
CREATE FUNCTION candor_email_domain(e text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN strpos(e, '@') > 1 THEN
    regexp_replace(translate(e, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '^.*@', '')
  END
$$;

CREATE INDEX accounts_email_domain ON accounts (candor_email_domain(email));
