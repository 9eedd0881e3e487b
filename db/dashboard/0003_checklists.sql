-- Operations checklists (issue 4): templates edited by managers, runs per Argentina day / week, item state with
-- optimistic concurrency, and an append-only log of every change.
--
-- Templates are mutable but never lose history: items are renamed, moved and retired in place (never deleted), each
-- edit is written to checklist_template_changes, and a run copies the template's live items when it is created, so
-- a later template edit never changes a past run.

CREATE TABLE dashboard.checklist_templates (
    id      text PRIMARY KEY,
    title   text NOT NULL,
    cadence text NOT NULL CHECK (cadence IN ('daily', 'weekly'))
);

-- due_time is Argentina local time (America/Argentina/Buenos_Aires); NULL means "throughout the day", due by the end
-- of that day. weekday (ISO: 1 = Monday ... 7 = Sunday) places a weekly section on its day of the run's week.
CREATE TABLE dashboard.checklist_sections (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    template_id text NOT NULL REFERENCES dashboard.checklist_templates (id),
    key         text NOT NULL UNIQUE,
    title       text NOT NULL,
    position    integer NOT NULL,
    due_time    time,
    weekday     smallint CHECK (weekday BETWEEN 1 AND 7)
);

-- key is stable for ever: run items, the audit log and evidence refer to it. evidence_key names the measurable check
-- (IChecklistEvidenceProvider) that stands beside the item, if any.
CREATE TABLE dashboard.checklist_items (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    section_id   bigint NOT NULL REFERENCES dashboard.checklist_sections (id),
    key          text NOT NULL UNIQUE,
    title        text NOT NULL,
    position     integer NOT NULL,
    evidence_key text,
    revision     integer NOT NULL DEFAULT 1,
    created_at   timestamptz NOT NULL DEFAULT now(),
    retired_at   timestamptz
);
CREATE INDEX checklist_items_section ON dashboard.checklist_items (section_id, position);

CREATE TABLE dashboard.checklist_template_changes (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            timestamptz NOT NULL,
    actor_id      text,
    actor_name    text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('add', 'rename', 'move', 'retire', 'restore')),
    item_key      text NOT NULL,
    from_title    text,
    to_title      text,
    from_position integer,
    to_position   integer
);

-- One run per template and period: the Argentina date for daily, the Monday of the Argentina week for weekly.
-- The unique constraint is what makes "created on first need" safe when many requests need it at once.
CREATE TABLE dashboard.checklist_runs (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    template_id  text NOT NULL REFERENCES dashboard.checklist_templates (id),
    period_start date NOT NULL,
    title        text NOT NULL,
    created_at   timestamptz NOT NULL,
    CONSTRAINT checklist_runs_one_per_period UNIQUE (template_id, period_start)
);
CREATE INDEX checklist_runs_period ON dashboard.checklist_runs (period_start DESC);

CREATE TABLE dashboard.checklist_run_sections (
    run_id      bigint NOT NULL REFERENCES dashboard.checklist_runs (id),
    key         text NOT NULL,
    title       text NOT NULL,
    position    integer NOT NULL,
    due_time    time,
    weekday     smallint,
    PRIMARY KEY (run_id, key)
);

-- The state of one item in one run. version counts the changes applied to it; a change names the version it saw.
CREATE TABLE dashboard.checklist_run_items (
    run_id       bigint NOT NULL REFERENCES dashboard.checklist_runs (id),
    key          text NOT NULL,
    section_key  text NOT NULL,
    title        text NOT NULL,
    position     integer NOT NULL,
    evidence_key text,
    ticked       boolean NOT NULL DEFAULT false,
    ticked_by    text,
    ticked_at    timestamptz,
    note         text,
    note_by      text,
    note_at      timestamptz,
    changed_by   text,
    changed_at   timestamptz,
    change_kind  text,
    version      integer NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, key),
    FOREIGN KEY (run_id, section_key) REFERENCES dashboard.checklist_run_sections (run_id, key)
);

-- Every applied change, kept for ever. The idempotency key is the client's: a retry with the same key finds its row
-- here and is answered with the original outcome instead of being applied again.
CREATE TABLE dashboard.checklist_changes (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key uuid NOT NULL CONSTRAINT checklist_changes_idempotency_key UNIQUE,
    run_id          bigint NOT NULL REFERENCES dashboard.checklist_runs (id),
    item_key        text NOT NULL,
    kind            text NOT NULL CHECK (kind IN ('tick', 'untick', 'note')),
    actor_id        text,
    actor_name      text NOT NULL,
    at              timestamptz NOT NULL,
    from_ticked     boolean NOT NULL,
    to_ticked       boolean NOT NULL,
    from_note       text,
    to_note         text,
    from_version    integer NOT NULL,
    to_version      integer NOT NULL,
    FOREIGN KEY (run_id, item_key) REFERENCES dashboard.checklist_run_items (run_id, key)
);
CREATE INDEX checklist_changes_run ON dashboard.checklist_changes (run_id, id);

-- Append-only, enforced by the database rather than by convention.
CREATE FUNCTION dashboard.checklist_refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'dashboard.% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER checklist_changes_append_only BEFORE UPDATE OR DELETE ON dashboard.checklist_changes
    FOR EACH ROW EXECUTE FUNCTION dashboard.checklist_refuse_rewrite();
CREATE TRIGGER checklist_changes_no_truncate BEFORE TRUNCATE ON dashboard.checklist_changes
    FOR EACH STATEMENT EXECUTE FUNCTION dashboard.checklist_refuse_rewrite();
CREATE TRIGGER checklist_template_changes_append_only BEFORE UPDATE OR DELETE ON dashboard.checklist_template_changes
    FOR EACH ROW EXECUTE FUNCTION dashboard.checklist_refuse_rewrite();
CREATE TRIGGER checklist_template_changes_no_truncate BEFORE TRUNCATE ON dashboard.checklist_template_changes
    FOR EACH STATEMENT EXECUTE FUNCTION dashboard.checklist_refuse_rewrite();

-- The seed: the checklists of SPEC.md, exactly. Item keys are stable; evidence keys name measurable checks.
INSERT INTO dashboard.checklist_templates (id, title, cadence) VALUES
    ('daily', 'Daily operations checklist', 'daily'),
    ('weekly', 'Weekly operations checklist', 'weekly');

INSERT INTO dashboard.checklist_sections (template_id, key, title, position, due_time, weekday) VALUES
    ('daily', 'daily.morning', 'Morning Health Check', 1, '09:00', NULL),
    ('daily', 'daily.performance', 'Performance Monitoring', 2, NULL, NULL),
    ('daily', 'daily.security', 'Security Validation', 3, '14:00', NULL),
    ('daily', 'daily.evening', 'Evening Summary', 4, '18:00', NULL),
    ('weekly', 'weekly.monday', 'Planning Week', 1, NULL, 1),
    ('weekly', 'weekly.wednesday', 'Mid-week Review', 2, NULL, 3),
    ('weekly', 'weekly.friday', 'Week Wrap-up', 3, NULL, 5);

INSERT INTO dashboard.checklist_items (section_id, key, title, position, evidence_key)
SELECT s.id, v.key, v.title, v.position, v.evidence_key
FROM (VALUES
    ('daily.morning', 'daily.morning.uptime', 'Check system uptime and availability', 1, 'uptime'),
    ('daily.morning', 'daily.morning.overnight-alerts', 'Review overnight alerts and incidents', 2, NULL),
    ('daily.morning', 'daily.morning.backups', 'Validate backup completion', 3, 'backups'),
    ('daily.morning', 'daily.morning.resource-trends', 'Monitor resource utilization trends', 4, 'resource-utilization'),
    ('daily.morning', 'daily.morning.security-scans', 'Check security scan results', 5, NULL),
    ('daily.performance', 'daily.performance.response-times', 'Monitor response times (<100ms target)', 1, 'response-time'),
    ('daily.performance', 'daily.performance.error-rates', 'Check error rates (<0.1% target)', 2, 'error-rate'),
    ('daily.performance', 'daily.performance.auto-scaling', 'Validate auto-scaling behavior', 3, 'auto-scaling'),
    ('daily.performance', 'daily.performance.database', 'Monitor database performance', 4, 'database'),
    ('daily.performance', 'daily.performance.cdn-cache', 'Check CDN cache hit rates', 5, NULL),
    ('daily.security', 'daily.security.waf', 'Review WAF blocked requests', 1, NULL),
    ('daily.security', 'daily.security.ssl', 'Check SSL certificate status', 2, NULL),
    ('daily.security', 'daily.security.access-logs', 'Validate access logs for anomalies', 3, NULL),
    ('daily.security', 'daily.security.ddos', 'Monitor DDoS protection status', 4, NULL),
    ('daily.security', 'daily.security.alerts', 'Review security alerts', 5, NULL),
    ('daily.evening', 'daily.evening.performance-report', 'Generate daily performance report', 1, NULL),
    ('daily.evening', 'daily.evening.incidents', 'Document any incidents or issues', 2, NULL),
    ('daily.evening', 'daily.evening.maintenance', 'Plan tomorrow''s maintenance windows', 3, NULL),
    ('daily.evening', 'daily.evening.capacity', 'Update capacity planning metrics', 4, NULL),
    ('daily.evening', 'daily.evening.stakeholders', 'Communicate status to stakeholders', 5, NULL),
    ('weekly.monday', 'weekly.monday.capacity', 'Review weekly capacity planning', 1, NULL),
    ('weekly.monday', 'weekly.monday.maintenance', 'Schedule maintenance windows', 2, NULL),
    ('weekly.monday', 'weekly.monday.change-calendar', 'Update change management calendar', 3, NULL),
    ('weekly.monday', 'weekly.monday.cost', 'Review cost optimization opportunities', 4, NULL),
    ('weekly.wednesday', 'weekly.wednesday.performance-trends', 'Analyze performance trends', 1, NULL),
    ('weekly.wednesday', 'weekly.wednesday.security-posture', 'Review security posture', 2, NULL),
    ('weekly.wednesday', 'weekly.wednesday.disaster-recovery', 'Check disaster recovery readiness', 3, NULL),
    ('weekly.wednesday', 'weekly.wednesday.monitoring-coverage', 'Validate monitoring coverage', 4, NULL),
    ('weekly.friday', 'weekly.friday.performance-report', 'Generate weekly performance report', 1, NULL),
    ('weekly.friday', 'weekly.friday.post-mortems', 'Review incident post-mortems', 2, NULL),
    ('weekly.friday', 'weekly.friday.documentation', 'Update documentation', 3, NULL),
    ('weekly.friday', 'weekly.friday.weekend-maintenance', 'Plan weekend maintenance', 4, NULL)
) AS v (section_key, key, title, position, evidence_key)
JOIN dashboard.checklist_sections s ON s.key = v.section_key;
