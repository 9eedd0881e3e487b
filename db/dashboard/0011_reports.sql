-- Performance reports (issue 13). A report is generated once for its period and never changed: the row keeps the
-- exact range as UTC instants (computed from Argentina days with the tz database), the Argentina days it covers, the
-- figures and every query with its answer (content, jsonb), when and by whom it was generated. Later views read this
-- row; nothing is recomputed.
--
-- Exactly once with several dashboard instances: a scheduled report is unique on (kind, period_start), and the
-- insert is ON CONFLICT DO NOTHING, so when two instances generate the same report at 18:00 one row is kept and the
-- other instance reads it. On-demand reports ("Generate now") are not unique: each is its own row.
CREATE TABLE dashboard.reports (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text        NOT NULL CHECK (kind IN ('daily', 'workweek', 'week', 'ondemand')),
    period_start timestamptz NOT NULL,
    period_end   timestamptz NOT NULL CHECK (period_end > period_start),
    first_day    date        NOT NULL,
    last_day     date        NOT NULL CHECK (last_day >= first_day),
    content      jsonb       NOT NULL,
    generated_at timestamptz NOT NULL,
    generated_by text        NOT NULL
);

CREATE UNIQUE INDEX reports_scheduled_once ON dashboard.reports (kind, period_start) WHERE kind <> 'ondemand';

-- The list and the search by date read by day, newest first.
CREATE INDEX reports_by_day ON dashboard.reports (last_day DESC, first_day);

-- Immutable: an UPDATE is refused whoever issues it.
CREATE FUNCTION dashboard.refuse_report_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'reports are immutable (report %)', OLD.id;
END $$;

CREATE TRIGGER reports_immutable BEFORE UPDATE ON dashboard.reports
    FOR EACH ROW EXECUTE FUNCTION dashboard.refuse_report_update();

-- Checklist evidence: the two report items show the report of their day / week (ChecklistEvidenceKeys). Runs opened
-- from now on copy the key; past runs keep what they had.
UPDATE dashboard.checklist_items SET evidence_key = 'daily-report' WHERE key = 'daily.evening.performance-report' AND evidence_key IS NULL;
UPDATE dashboard.checklist_items SET evidence_key = 'weekly-report' WHERE key = 'weekly.friday.performance-report' AND evidence_key IS NULL;
