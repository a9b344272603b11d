-- Issue 16: each user's language (en, de, fr, pl) for problem details and mail; NULL: not
-- chosen, so the API follows Accept-Language and mail is in English.
ALTER TABLE users ADD COLUMN language TEXT;
