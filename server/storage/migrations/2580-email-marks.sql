-- E-mail marks for the weak-link check (signals/weak-links.ts): how many accounts hold an address's shape, its
-- opening, or its shape with a number near a given one says how much two accounts sharing one means. The functions mirror emailShape, emailStem and emailNumber in
-- server/integrity/text-tools.ts exactly (ASCII case folding only; test/integration/ring-evidence-context.test.ts
-- compares them), and the expression indexes keep the counts cheap. The stem index is for the policy's lengths (5, 4);
-- other lengths still count correctly, by a scan. The bodies call built-in functions only: an index build runs them
-- with a search path that holds nothing but pg_catalog.
CREATE FUNCTION candor_email_shape(e text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN strpos(e, '@') > 1 THEN
    regexp_replace(regexp_replace(regexp_replace(
      split_part(split_part(translate(e, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '@', 1), '+', 1),
      '[a-z]{2,}', 'A', 'g'), '[a-z]', 'a', 'g'), '[0-9]', '9', 'g')
    || '@' || regexp_replace(translate(e, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '^.*@', '')
  END
$$;

CREATE FUNCTION candor_email_stem(e text, letters int, word_letters int) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN length(substring(l FROM '^([a-z]+)[._-]')) >= word_letters THEN substring(l FROM '^([a-z]+)[._-]')
              WHEN length(substring(l FROM '^[a-z]+')) >= letters THEN left(substring(l FROM '^[a-z]+'), letters) END
  FROM (SELECT split_part(split_part(translate(e, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '@', 1), '+', 1) AS l) x
$$;

CREATE FUNCTION candor_email_number(e text) RETURNS int LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN length(d) <= 6 THEN d::int END
  FROM (
    SELECT substring(split_part(split_part(translate(e, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '@', 1), '+', 1)
      FROM '([0-9]+)[^0-9]*$') AS d
  ) x
$$;

CREATE INDEX accounts_email_shape ON accounts (candor_email_shape(email), candor_email_number(email));
CREATE INDEX accounts_email_stem ON accounts (candor_email_stem(email, 5, 4));
