-- Alert history (issue 12): every transition of every alert the dashboard saw, so "what fired overnight" can be
-- answered in the morning. Written by each dashboard instance's alert reader (Core/Alerts/AlertReader), which polls
-- Alertmanager (firing, silenced) and Prometheus (pending, which Alertmanager never sees). Several instances write
-- the same transitions: the unique key makes the first one win and the others' inserts do nothing.
--
-- fingerprint  the alert's label set, hashed by the dashboard (the same for its pending and firing episodes)
-- episode_start the start of the episode the row belongs to: Prometheus' activeAt for pending, Alertmanager's
--              startsAt for firing, resolved, silenced and unsilenced
-- state        pending | firing | resolved | silenced | unsilenced
-- detail       the silence id for silenced/unsilenced (an alert can be silenced twice in one episode), else ''
-- at           when it happened (pending/firing: the episode start; resolved: when it was seen gone or its endsAt;
--              silenced/unsilenced: the poll that saw it)
-- duration     resolved only: how long it fired
CREATE TABLE dashboard.alert_transitions (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fingerprint   text        NOT NULL,
    alertname     text        NOT NULL,
    severity      text        NOT NULL DEFAULT '',
    labels        jsonb       NOT NULL,
    annotations   jsonb       NOT NULL DEFAULT '{}'::jsonb,
    episode_start timestamptz NOT NULL,
    state         text        NOT NULL CHECK (state IN ('pending', 'firing', 'resolved', 'silenced', 'unsilenced')),
    detail        text        NOT NULL DEFAULT '',
    at            timestamptz NOT NULL,
    duration      interval    NULL CHECK ((state = 'resolved') = (duration IS NOT NULL)),
    CONSTRAINT alert_transitions_once UNIQUE (fingerprint, episode_start, state, detail)
);

CREATE INDEX alert_transitions_at ON dashboard.alert_transitions (at DESC);
-- The reader's "still open" question: firing episodes without their resolved row.
CREATE INDEX alert_transitions_open ON dashboard.alert_transitions (fingerprint, episode_start) WHERE state IN ('firing', 'silenced');
