-- Questions and answers can be reported like reviews and comments; the reports join the same moderation queue.
ALTER TABLE reports DROP CONSTRAINT reports_target_kind_check;
ALTER TABLE reports ADD CONSTRAINT reports_target_kind_check CHECK (target_kind IN ('review', 'comment', 'question', 'answer'));
