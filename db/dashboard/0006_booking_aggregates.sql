-- Booking figures kept in the dashboard's own database (issue 11). The booking database belongs to the booking service
-- and only gets read-only queries; nothing of the dashboard lives there.
--
-- One maintainer among the dashboard instances (a session advisory lock) follows the booking service's
-- updated_at (BookingAggregator): it copies the few columns the figures need into booking_rows / payment_rows (the
-- mirror) and, in the same transaction, turns each change into a delta (the old mirror row −1, the new row +1) on the
-- aggregates below (day × city, day × hour, customer × month). The mirror is what makes a change exact: a booking completed days later, rescheduled or moved to
-- another city takes its old buckets' counts away, because the old row is known. Deleted rows are found by a
-- sweep comparing per-id-range counts and checksums of the two databases (see the README for the bounds).
-- Days and hours are Argentina wall-clock (America/Argentina/Buenos_Aires), as the dashboard shows them.

-- Where the maintainer is, per booking table: the highest (updated_at, id) applied, when the first full catch-up
-- finished (figures are served only after it), and the next id the delete sweep looks at.
CREATE TABLE dashboard.booking_sync_state (
    source        text        PRIMARY KEY CHECK (source IN ('bookings', 'payments')),
    watermark_at  timestamptz NULL,
    watermark_id  bigint      NULL,
    caught_up_at  timestamptz NULL,
    sweep_next_id bigint      NOT NULL DEFAULT 0,
    refreshed_at  timestamptz NULL
);
INSERT INTO dashboard.booking_sync_state (source) VALUES ('bookings'), ('payments');

-- The mirror: one row per booking / payment, only the columns the figures use.
CREATE TABLE dashboard.booking_rows (
    id          bigint        PRIMARY KEY,
    city_id     smallint      NOT NULL,
    customer_id bigint        NOT NULL,
    status      text          NOT NULL,
    created_at  timestamptz   NOT NULL,
    starts_at   timestamptz   NOT NULL,
    price_ars   numeric(12,2) NOT NULL,
    updated_at  timestamptz   NOT NULL
);

CREATE TABLE dashboard.payment_rows (
    id         bigint      PRIMARY KEY,
    status     text        NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);

CREATE TABLE dashboard.booking_cities (
    id   smallint PRIMARY KEY,
    name text     NOT NULL
);

-- One row per Argentina day and city. created: bookings made that day; starting: appointments that start that day (any
-- status); completed / cancelled / no_show and revenue_ars (price of completed ones) by appointment day. A month of
-- figures reads about 120 rows.
CREATE TABLE dashboard.booking_daily (
    day         date          NOT NULL,
    city_id     smallint      NOT NULL,
    created     integer       NOT NULL DEFAULT 0,
    starting    integer       NOT NULL DEFAULT 0,
    completed   integer       NOT NULL DEFAULT 0,
    cancelled   integer       NOT NULL DEFAULT 0,
    no_show     integer       NOT NULL DEFAULT 0,
    revenue_ars numeric(16,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (day, city_id)
);

-- Appointments starting per Argentina day and hour (all cities), for the busiest hours.
CREATE TABLE dashboard.booking_hourly (
    day      date     NOT NULL,
    hour     smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
    starting integer  NOT NULL,
    PRIMARY KEY (day, hour)
);

CREATE TABLE dashboard.booking_payment_daily (
    day      date    NOT NULL,
    status   text    NOT NULL,
    payments integer NOT NULL,
    PRIMARY KEY (day, status)
);

-- Active customers per Argentina month as a set: a row per customer with at least one booking made that month (and how
-- many), and per month the size of the set, so the figure is one row to read.
CREATE TABLE dashboard.booking_customer_months (
    month       date    NOT NULL,
    customer_id bigint  NOT NULL,
    bookings    integer NOT NULL,
    PRIMARY KEY (month, customer_id)
);

CREATE TABLE dashboard.booking_monthly_active (
    month date    PRIMARY KEY,
    users integer NOT NULL
);
