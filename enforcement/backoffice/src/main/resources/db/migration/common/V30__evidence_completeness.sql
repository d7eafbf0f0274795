-- Issue #13.4: a violation whose evidence is not complete (a photo that could not be taken from its stated moment,
-- a clip shorter than its window, or no package at all) is flagged, with the reasons, and kept out of the normal
-- review queue (GET /api/violations?evidence=incomplete lists them). Cases stored before this column existed count
-- as complete, as they were queued.
ALTER TABLE violations ADD COLUMN evidence_complete BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE violations ADD COLUMN evidence_problems VARCHAR(8000);
