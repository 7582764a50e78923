-- Authors of held or rejected questions and answers can appeal, once each, like authors of reviews and comments;
-- the appeal joins the same console tab and is decided by the same decideAppeal.
ALTER TABLE appeals DROP CONSTRAINT appeals_target_kind_check;
ALTER TABLE appeals ADD CONSTRAINT appeals_target_kind_check CHECK (target_kind IN ('review', 'comment', 'question', 'answer'));
