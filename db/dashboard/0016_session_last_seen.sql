-- When each session was last used (issue 10, the users page's "last active"): a request or circuit activity of the
-- session. Written at most once a minute per session (SessionLastSeen keeps the time of its last write per session in
-- memory, and the UPDATE itself skips a row written less than a minute ago, so several instances do not add up). NULL
-- for a session not used since this column came. Not in the session_events trigger (UPDATE OF ended_at only).
ALTER TABLE dashboard.sessions ADD COLUMN last_seen_at timestamptz;
