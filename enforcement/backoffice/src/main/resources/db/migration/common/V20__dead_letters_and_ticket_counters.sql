-- Dead letters: besides events that do not parse, records the database refuses (a value longer than its column,
-- a broken constraint) are kept here with the reason, so the camera's partition moves on and nothing is lost.
-- An admin replays one once its cause is fixed, or dismisses it with a note; both are audited.
ALTER TABLE invalid_events ADD COLUMN kind VARCHAR(16) DEFAULT 'invalid' NOT NULL;
ALTER TABLE invalid_events ADD COLUMN resolved_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE invalid_events ADD COLUMN resolution VARCHAR(300);

-- Ticket numbers appear on legal letters: gapless and monotonic per year. A sequence is neither (a rolled-back
-- approval burns a value on both databases, and H2 caches 32 values that a crash loses), so the number is a
-- counter row updated in the approval's own transaction: the row lock serialises issuers, a rollback returns
-- the number. Existing tickets seed each year's counter (reference PREFIX-YYYY-NNNNNN).
CREATE TABLE ticket_counters (
    ticket_year INT    PRIMARY KEY,
    last_number BIGINT NOT NULL
);
INSERT INTO ticket_counters (ticket_year, last_number)
SELECT CAST(SUBSTRING(reference FROM CHAR_LENGTH(reference) - 10 FOR 4) AS INT),
       MAX(CAST(SUBSTRING(reference FROM CHAR_LENGTH(reference) - 5 FOR 6) AS BIGINT))
FROM tickets
GROUP BY CAST(SUBSTRING(reference FROM CHAR_LENGTH(reference) - 10 FOR 4) AS INT);
