-- Checklists as interactive pages (issue 10): the evidence saved with each tick, and who has a run open right now.

-- What the item's measured figure read when it was ticked (the evidence provider's ChecklistEvidence as JSON, e.g.
-- {"figure":"Availability 99.95 %","passed":true,"asOf":"…","target":"≥ 99.9 %"}), so the audit says what the
-- person who ticked saw. NULL for unticks, notes, items without a measure, and changes made before this column.
ALTER TABLE dashboard.checklist_changes ADD COLUMN evidence jsonb;

-- Presence: one row per open run view (a page in a browser) on any dashboard instance. The instance that holds the
-- page inserts the row when it opens, refreshes seen_at while it stays open and deletes it when it closes; rows of an
-- instance that died stop being refreshed and are ignored once seen_at is older than the presence timeout. Every
-- change NOTIFYs checklist_presence with "instance:run" so the other instances re-read that run's viewers.
CREATE TABLE dashboard.checklist_presence (
    viewer_id   uuid PRIMARY KEY,
    instance_id uuid NOT NULL,
    run_id      bigint NOT NULL REFERENCES dashboard.checklist_runs (id),
    user_id     text NOT NULL,
    name        text NOT NULL,
    since       timestamptz NOT NULL,
    seen_at     timestamptz NOT NULL
);
CREATE INDEX checklist_presence_run ON dashboard.checklist_presence (run_id, seen_at);
