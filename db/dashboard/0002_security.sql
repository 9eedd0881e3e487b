-- Data-protection keys shared by every dashboard instance, so a cookie issued by one is read by another.
CREATE TABLE dashboard.data_protection_keys (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text NOT NULL,
    xml           text NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);

-- Security audit: sign-ins, failed sign-ins, denials, role and account changes. Append-only for the app role.
CREATE TABLE dashboard.security_audit (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL,
    kind       text NOT NULL,
    actor      text,
    subject    text,
    remote_ip  text,
    detail     text
);
CREATE INDEX security_audit_at ON dashboard.security_audit (at DESC);

-- Server-side record of each signed-in session. The auth cookie carries only the session id; a cookie whose
-- session was ended (logout, user disabled, absolute lifetime reached) is refused even if it is replayed.
CREATE TABLE dashboard.sessions (
    id           uuid PRIMARY KEY,
    user_id      text NOT NULL REFERENCES dashboard.users ("Id") ON DELETE CASCADE,
    created_at   timestamptz NOT NULL,
    expires_at   timestamptz NOT NULL,
    ended_at     timestamptz,
    ended_reason text,
    remote_ip    text,
    user_agent   text
);
CREATE INDEX sessions_user ON dashboard.sessions (user_id) WHERE ended_at IS NULL;
