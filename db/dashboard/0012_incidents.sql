-- Incidents (issue 12, item 4). An incident is opened from a firing alert (one click in the inbox, which links that
-- alert) or by hand; it has a title, a severity and a lead (a dashboard user). Its timeline holds people's notes and
-- what the dashboard records by itself: the linked alerts' transitions (copied from dashboard.alert_transitions as the
-- alert reader writes them) and the HPA's scale events seen while it is open. Resolved with a summary and an optional
-- post-mortem link; may be reopened (the time to resolve then runs from the opening to the last resolution).
--
-- Writes: Operators and above (checked by the dashboard before each write). The runtime role gets row access at each
-- start (MigrationRunner.GrantRuntimeAccessAsync) without UPDATE/DELETE on the timeline, which is append-only; the
-- trigger below refuses a change of a timeline row whoever issues it.
CREATE TABLE dashboard.incidents (
    id             bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title          text        NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    severity       text        NOT NULL CHECK (severity IN ('critical', 'warning', 'info')),
    lead_user_id   text        NOT NULL REFERENCES dashboard.users ("Id"),
    opened_at      timestamptz NOT NULL,
    opened_by      text        NOT NULL,
    status         text        NOT NULL CHECK (status IN ('open', 'resolved')),
    resolved_at    timestamptz NULL,
    resolved_by    text        NULL,
    summary        text        NULL,
    postmortem_url text        NULL CHECK (postmortem_url IS NULL OR postmortem_url ~ '^https?://'),
    CONSTRAINT incidents_resolved_has_time CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
);

-- The list (open first, newest first) and the 30-day mean time to resolve.
CREATE INDEX incidents_by_status ON dashboard.incidents (status, opened_at DESC);
CREATE INDEX incidents_resolved_at ON dashboard.incidents (resolved_at) WHERE status = 'resolved';

-- Alerts linked to an incident, by the dashboard's fingerprint (db/dashboard/0010_alerts.sql). since: the start of
-- the alert's episode when it was linked; its transitions from then on go to the timeline.
CREATE TABLE dashboard.incident_alerts (
    incident_id bigint      NOT NULL REFERENCES dashboard.incidents (id),
    fingerprint text        NOT NULL,
    alertname   text        NOT NULL,
    since       timestamptz NOT NULL,
    PRIMARY KEY (incident_id, fingerprint)
);

-- One row per thing that happened. kind: opened | note | alert-firing | alert-resolved | alert-silenced |
-- alert-unsilenced | scale | resolved | reopened. author: the person's display name, NULL for what the dashboard
-- recorded by itself. body: the note, the title (opened), the summary (resolved), the alert's name (alert-*), or
-- "from→to" replicas (scale). source: what a recorded row came from ('alert:<transition id>',
-- 'scale:<unix ms>:<from>:<to>'), '' for people's rows; unique per incident, so several dashboard instances
-- recording the same transition store it once.
CREATE TABLE dashboard.incident_timeline (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    incident_id bigint      NOT NULL REFERENCES dashboard.incidents (id),
    at          timestamptz NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('opened', 'note', 'alert-firing', 'alert-resolved', 'alert-silenced',
                                                     'alert-unsilenced', 'scale', 'resolved', 'reopened')),
    author      text        NULL,
    body        text        NOT NULL,
    source      text        NOT NULL DEFAULT ''
);

CREATE INDEX incident_timeline_by_incident ON dashboard.incident_timeline (incident_id, at, id);
CREATE UNIQUE INDEX incident_timeline_recorded_once ON dashboard.incident_timeline (incident_id, source) WHERE source <> '';

-- Immutable: an UPDATE or DELETE of a timeline row is refused whoever issues it.
CREATE FUNCTION dashboard.refuse_incident_timeline_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'incident timeline rows are immutable (row %)', OLD.id;
END $$;

CREATE TRIGGER incident_timeline_immutable BEFORE UPDATE OR DELETE ON dashboard.incident_timeline
    FOR EACH ROW EXECUTE FUNCTION dashboard.refuse_incident_timeline_change();

-- Checklist evidence (ChecklistEvidenceKeys): the alert, window and incident items. Runs opened from now on copy the
-- key; past runs keep what they had.
UPDATE dashboard.checklist_items SET evidence_key = 'overnight-alerts' WHERE key = 'daily.morning.overnight-alerts' AND evidence_key IS NULL;
UPDATE dashboard.checklist_items SET evidence_key = 'windows-tomorrow' WHERE key = 'daily.evening.maintenance' AND evidence_key IS NULL;
UPDATE dashboard.checklist_items SET evidence_key = 'windows-week' WHERE key = 'weekly.monday.maintenance' AND evidence_key IS NULL;
UPDATE dashboard.checklist_items SET evidence_key = 'open-incidents' WHERE key = 'daily.evening.incidents' AND evidence_key IS NULL;
UPDATE dashboard.checklist_items SET evidence_key = 'post-mortems-due' WHERE key = 'weekly.friday.post-mortems' AND evidence_key IS NULL;
