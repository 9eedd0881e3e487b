-- Session events: every change that revokes a session or changes what it may do NOTIFYs channel session_events from
-- inside the transaction that makes it, so the event exists only if the change committed, and every path that makes
-- such a change (sign-out, an Admin's disable, password reset or role change, a deleted user, and any later one)
-- is covered without remembering to call anything. The payload names the user, and the session when one session
-- ended ("<user id>" or "<user id>:<session id>"); listeners re-read the session's state from the tables. PostgreSQL
-- folds identical notifications of one transaction into one.
CREATE FUNCTION dashboard.notify_session_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'sessions' THEN
        PERFORM pg_notify('session_events', OLD.user_id || ':' || OLD.id::text);
    ELSIF TG_TABLE_NAME = 'users' THEN
        PERFORM pg_notify('session_events', OLD."Id");
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('session_events', OLD."UserId");
    ELSE
        PERFORM pg_notify('session_events', NEW."UserId");
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER sessions_ended AFTER UPDATE OF ended_at ON dashboard.sessions
    FOR EACH ROW WHEN (OLD.ended_at IS NULL AND NEW.ended_at IS NOT NULL)
    EXECUTE FUNCTION dashboard.notify_session_event();
CREATE TRIGGER sessions_deleted AFTER DELETE ON dashboard.sessions
    FOR EACH ROW WHEN (OLD.ended_at IS NULL)
    EXECUTE FUNCTION dashboard.notify_session_event();
CREATE TRIGGER users_access_changed AFTER UPDATE ON dashboard.users
    FOR EACH ROW WHEN (OLD."IsDisabled" IS DISTINCT FROM NEW."IsDisabled"
                       OR OLD."SecurityStamp" IS DISTINCT FROM NEW."SecurityStamp"
                       OR OLD."PasswordHash" IS DISTINCT FROM NEW."PasswordHash")
    EXECUTE FUNCTION dashboard.notify_session_event();
CREATE TRIGGER users_deleted AFTER DELETE ON dashboard.users
    FOR EACH ROW EXECUTE FUNCTION dashboard.notify_session_event();
CREATE TRIGGER user_roles_changed AFTER INSERT OR UPDATE OR DELETE ON dashboard.user_roles
    FOR EACH ROW EXECUTE FUNCTION dashboard.notify_session_event();
