-- Issue #16 (language): a dead letter's reason as a stable code with its values beside the English sentence, so the
-- console can say it in the reader's language; rows kept before this have no code and show their English text.
ALTER TABLE invalid_events ADD COLUMN reason_code VARCHAR(32);
ALTER TABLE invalid_events ADD COLUMN reason_params VARCHAR(2000);
