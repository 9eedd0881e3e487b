-- Rollups behind the dashboard's booking figures (issue 6), so that they stay fast at millions of bookings.
--
-- Why rollups rather than indexes: "active users this month", "completion rate over 30 days", "revenue per city this
-- month" and "busiest hours" each aggregate hundreds of thousands of rows at 5 M bookings; even an index-only scan
-- reads all of them on every poll. The rollups below hold one row per (Argentina day, hour, city), per (day, payment
-- status), per (month, customer) and per month (active customers), so each figure reads a few hundred rows at most
-- (see bench/BookingQueries).
--
-- They are kept exact by statement-level triggers with transition tables: one aggregated upsert per statement, not
-- per row, so a COPY of 5 M rows costs one GROUP BY. The triggers are ENABLE ALWAYS so they also fire for bulk loads
-- running with session_replication_role = replica (the seeder skips foreign-key checks that way). TRUNCATE empties
-- the rollups too. Days and hours are Argentina wall-clock (America/Argentina/Buenos_Aires), as the dashboard shows.
--
-- Idempotent (seed-bookings applies every db/booking file on each run): the objects are created and back-filled from
-- the rows already there only when kpi_hourly does not exist yet; the functions are (re)defined every time.

CREATE OR REPLACE FUNCTION booking.kpi_bookings_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    -- Each branch reads only the transition tables its trigger declares (plpgsql plans a statement when it first runs).
    IF TG_OP = 'INSERT' THEN
        CREATE TEMP TABLE IF NOT EXISTS kpi_booking_delta (LIKE booking.bookings, sign integer) ON COMMIT DROP;
        INSERT INTO kpi_booking_delta SELECT n.*, 1 FROM new_rows n;
    ELSIF TG_OP = 'DELETE' THEN
        CREATE TEMP TABLE IF NOT EXISTS kpi_booking_delta (LIKE booking.bookings, sign integer) ON COMMIT DROP;
        INSERT INTO kpi_booking_delta SELECT o.*, -1 FROM old_rows o;
    ELSE
        CREATE TEMP TABLE IF NOT EXISTS kpi_booking_delta (LIKE booking.bookings, sign integer) ON COMMIT DROP;
        INSERT INTO kpi_booking_delta SELECT n.*, 1 FROM new_rows n UNION ALL SELECT o.*, -1 FROM old_rows o;
    END IF;

    INSERT INTO booking.kpi_hourly AS k (day, hour, city_id, created, starting, completed, cancelled, no_show, revenue_ars)
    SELECT day, hour, city_id, sum(created), sum(starting), sum(completed), sum(cancelled), sum(no_show), sum(revenue_ars)
    FROM (
        SELECT (d.created_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::date AS day,
               extract(hour FROM d.created_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::smallint AS hour,
               d.city_id, d.sign AS created, 0 AS starting, 0 AS completed, 0 AS cancelled, 0 AS no_show,
               0::numeric AS revenue_ars
        FROM kpi_booking_delta d
        UNION ALL
        SELECT (d.starts_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::date,
               extract(hour FROM d.starts_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::smallint,
               d.city_id, 0, d.sign,
               CASE WHEN d.status = 'completed' THEN d.sign ELSE 0 END,
               CASE WHEN d.status = 'cancelled' THEN d.sign ELSE 0 END,
               CASE WHEN d.status = 'no_show' THEN d.sign ELSE 0 END,
               CASE WHEN d.status = 'completed' THEN d.sign * d.price_ars ELSE 0 END
        FROM kpi_booking_delta d
    ) x
    GROUP BY day, hour, city_id
    ON CONFLICT (day, hour, city_id) DO UPDATE SET
        created = k.created + EXCLUDED.created,
        starting = k.starting + EXCLUDED.starting,
        completed = k.completed + EXCLUDED.completed,
        cancelled = k.cancelled + EXCLUDED.cancelled,
        no_show = k.no_show + EXCLUDED.no_show,
        revenue_ars = k.revenue_ars + EXCLUDED.revenue_ars;

    -- Active users: bookings made per customer and Argentina month, and per month the number of customers with at
    -- least one (monthly_active), so the figure is one row to read rather than a count over every active customer.
    -- A customer-month row exists only while its count is above 0: a fresh row (xmax = 0 on RETURNING: inserted, not
    -- updated) adds an active user; a row that falls to 0 is deleted and takes one away.
    WITH delta AS (
        SELECT date_trunc('month', d.created_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::date AS month,
               d.customer_id, sum(d.sign)::integer AS n
        FROM kpi_booking_delta d GROUP BY 1, 2
    ), upserted AS (
        INSERT INTO booking.customer_months AS c (month, customer_id, bookings)
        SELECT month, customer_id, n FROM delta
        ON CONFLICT (month, customer_id) DO UPDATE SET bookings = c.bookings + EXCLUDED.bookings
        RETURNING c.month, (c.xmax = 0) AS fresh
    )
    INSERT INTO booking.monthly_active AS m (month, users)
    SELECT month, count(*) FILTER (WHERE fresh) FROM upserted GROUP BY month
    ON CONFLICT (month) DO UPDATE SET users = m.users + EXCLUDED.users;
    IF TG_OP <> 'INSERT' THEN
        WITH gone AS (
            DELETE FROM booking.customer_months c
            USING (SELECT DISTINCT date_trunc('month', d.created_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::date AS month,
                          d.customer_id
                   FROM kpi_booking_delta d) t
            WHERE c.month = t.month AND c.customer_id = t.customer_id AND c.bookings <= 0
            RETURNING c.month
        )
        UPDATE booking.monthly_active m SET users = m.users - g.n
        FROM (SELECT month, count(*) AS n FROM gone GROUP BY month) g
        WHERE m.month = g.month;
    END IF;

    TRUNCATE kpi_booking_delta;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION booking.kpi_payments_changed() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO booking.payment_daily AS p (day, status, payments)
        SELECT (n.created_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::date, n.status, count(*)
        FROM new_rows n GROUP BY 1, 2
        ON CONFLICT (day, status) DO UPDATE SET payments = p.payments + EXCLUDED.payments;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO booking.payment_daily AS p (day, status, payments)
        SELECT (o.created_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::date, o.status, -count(*)
        FROM old_rows o GROUP BY 1, 2
        ON CONFLICT (day, status) DO UPDATE SET payments = p.payments + EXCLUDED.payments;
    ELSE
        INSERT INTO booking.payment_daily AS p (day, status, payments)
        SELECT day, status, sum(delta) FROM (
            SELECT (n.created_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::date AS day, n.status, 1 AS delta FROM new_rows n
            UNION ALL
            SELECT (o.created_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::date, o.status, -1 FROM old_rows o
        ) x GROUP BY day, status
        ON CONFLICT (day, status) DO UPDATE SET payments = p.payments + EXCLUDED.payments;
    END IF;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION booking.kpi_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'bookings' THEN
        TRUNCATE booking.kpi_hourly, booking.customer_months, booking.monthly_active;
    ELSE
        TRUNCATE booking.payment_daily;
    END IF;
    RETURN NULL;
END
$$;

-- Active customers per Argentina month (maintained with customer_months above). Created on its own so that a database
-- that has the other rollups already gets it too, back-filled from customer_months.
DO $$
BEGIN
    IF to_regclass('booking.monthly_active') IS NULL THEN
        CREATE TABLE booking.monthly_active (
            month date    PRIMARY KEY,
            users integer NOT NULL
        );
        IF to_regclass('booking.customer_months') IS NOT NULL THEN
            INSERT INTO booking.monthly_active (month, users)
            SELECT month, count(*) FROM booking.customer_months WHERE bookings > 0 GROUP BY month;
        END IF;
    END IF;
END
$$;

DO $$
BEGIN
    IF to_regclass('booking.kpi_hourly') IS NOT NULL THEN
        RETURN;
    END IF;

    -- One row per Argentina day, hour and city. created: bookings made in that hour; starting: appointments that
    -- start in it (any status); completed / cancelled / no_show and revenue_ars (price of completed ones) by
    -- appointment time.
    CREATE TABLE booking.kpi_hourly (
        day         date          NOT NULL,
        hour        smallint      NOT NULL CHECK (hour BETWEEN 0 AND 23),
        city_id     smallint      NOT NULL,
        created     integer       NOT NULL DEFAULT 0,
        starting    integer       NOT NULL DEFAULT 0,
        completed   integer       NOT NULL DEFAULT 0,
        cancelled   integer       NOT NULL DEFAULT 0,
        no_show     integer       NOT NULL DEFAULT 0,
        revenue_ars numeric(16,2) NOT NULL DEFAULT 0,
        PRIMARY KEY (day, hour, city_id)
    );

    CREATE TABLE booking.payment_daily (
        day      date    NOT NULL,
        status   text    NOT NULL,
        payments integer NOT NULL,
        PRIMARY KEY (day, status)
    );

    CREATE TABLE booking.customer_months (
        month       date    NOT NULL,
        customer_id bigint  NOT NULL,
        bookings    integer NOT NULL,
        PRIMARY KEY (month, customer_id)
    );

    -- Back-fill from the rows already there (a database that existed before this file).
    CREATE TEMP TABLE kpi_booking_delta (LIKE booking.bookings, sign integer) ON COMMIT DROP;
    INSERT INTO kpi_booking_delta SELECT b.*, 1 FROM booking.bookings b;
    INSERT INTO booking.kpi_hourly (day, hour, city_id, created, starting, completed, cancelled, no_show, revenue_ars)
    SELECT day, hour, city_id, sum(created), sum(starting), sum(completed), sum(cancelled), sum(no_show), sum(revenue_ars)
    FROM (
        SELECT (d.created_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::date AS day,
               extract(hour FROM d.created_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::smallint AS hour,
               d.city_id, 1 AS created, 0 AS starting, 0 AS completed, 0 AS cancelled, 0 AS no_show, 0::numeric AS revenue_ars
        FROM kpi_booking_delta d
        UNION ALL
        SELECT (d.starts_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::date,
               extract(hour FROM d.starts_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::smallint,
               d.city_id, 0, 1,
               (d.status = 'completed')::int, (d.status = 'cancelled')::int, (d.status = 'no_show')::int,
               CASE WHEN d.status = 'completed' THEN d.price_ars ELSE 0 END
        FROM kpi_booking_delta d
    ) x
    GROUP BY day, hour, city_id;
    INSERT INTO booking.customer_months (month, customer_id, bookings)
    SELECT date_trunc('month', d.created_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::date, d.customer_id, count(*)
    FROM kpi_booking_delta d GROUP BY 1, 2;
    INSERT INTO booking.monthly_active (month, users)
    SELECT month, count(*) FROM booking.customer_months GROUP BY month;
    DROP TABLE kpi_booking_delta;
    INSERT INTO booking.payment_daily (day, status, payments)
    SELECT (p.created_at AT TIME ZONE 'America/Argentina/Buenos_Aires')::date, p.status, count(*)
    FROM booking.payments p GROUP BY 1, 2;

    CREATE TRIGGER kpi_bookings_inserted AFTER INSERT ON booking.bookings
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION booking.kpi_bookings_changed();
    CREATE TRIGGER kpi_bookings_updated AFTER UPDATE ON booking.bookings
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION booking.kpi_bookings_changed();
    CREATE TRIGGER kpi_bookings_deleted AFTER DELETE ON booking.bookings
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION booking.kpi_bookings_changed();
    CREATE TRIGGER kpi_bookings_truncated AFTER TRUNCATE ON booking.bookings
        FOR EACH STATEMENT EXECUTE FUNCTION booking.kpi_truncated();
    CREATE TRIGGER kpi_payments_inserted AFTER INSERT ON booking.payments
        REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION booking.kpi_payments_changed();
    CREATE TRIGGER kpi_payments_updated AFTER UPDATE ON booking.payments
        REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION booking.kpi_payments_changed();
    CREATE TRIGGER kpi_payments_deleted AFTER DELETE ON booking.payments
        REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION booking.kpi_payments_changed();
    CREATE TRIGGER kpi_payments_truncated AFTER TRUNCATE ON booking.payments
        FOR EACH STATEMENT EXECUTE FUNCTION booking.kpi_truncated();

    -- Fire for bulk loads under session_replication_role = replica too.
    ALTER TABLE booking.bookings ENABLE ALWAYS TRIGGER kpi_bookings_inserted;
    ALTER TABLE booking.bookings ENABLE ALWAYS TRIGGER kpi_bookings_updated;
    ALTER TABLE booking.bookings ENABLE ALWAYS TRIGGER kpi_bookings_deleted;
    ALTER TABLE booking.bookings ENABLE ALWAYS TRIGGER kpi_bookings_truncated;
    ALTER TABLE booking.payments ENABLE ALWAYS TRIGGER kpi_payments_inserted;
    ALTER TABLE booking.payments ENABLE ALWAYS TRIGGER kpi_payments_updated;
    ALTER TABLE booking.payments ENABLE ALWAYS TRIGGER kpi_payments_deleted;
    ALTER TABLE booking.payments ENABLE ALWAYS TRIGGER kpi_payments_truncated;
END
$$;
