-- Sign-in lockout per account AND client (issue 14): five wrong passwords from one client lock that account for that
-- client only, for 15 minutes, then 30, 60, ... (capped at 24 h) while the failures go on; a client elsewhere (the
-- account's owner) can still sign in. Replaces Identity's per-account lockout, which let five anonymous requests lock
-- any account, the only Admin included.
--
-- account is "user:<id>" for an existing account and "unknown:<keyed hash>" otherwise: an identifier typed by mistake
-- (a password in the e-mail field) is never stored as typed. client is the client's address.
CREATE TABLE dashboard.sign_in_lockouts (
    account         text        NOT NULL,
    client          text        NOT NULL,
    failures        integer     NOT NULL,
    locks           integer     NOT NULL,
    locked_until    timestamptz,
    last_failure_at timestamptz NOT NULL,
    PRIMARY KEY (account, client)
);
CREATE INDEX sign_in_lockouts_last_failure ON dashboard.sign_in_lockouts (last_failure_at);
