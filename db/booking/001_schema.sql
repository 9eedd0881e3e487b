-- BarberPro booking database (demo copy of the production marketplace schema).
-- Idempotent: safe to apply on every `seed-bookings` run. Read by the dashboard through a SELECT-only role.
-- Secondary indexes: only (updated_at, id) on bookings and payments, which the dashboard needs to follow changes
-- (README, "What the booking schema must offer"); everything else is primary keys.
-- Times are timestamptz (UTC stored); money is ARS numeric(12,2).
--
-- updated_at is the booking service's: it sets it to now() on every INSERT and UPDATE of a row (the column default
-- covers inserts; its UPDATE statements set it). No trigger does it here: nothing is added to the write path.

CREATE SCHEMA IF NOT EXISTS booking;

CREATE TABLE IF NOT EXISTS booking.cities (
    id          smallint    PRIMARY KEY,
    name        text        NOT NULL,
    province    text        NOT NULL,
    time_zone   text        NOT NULL DEFAULT 'America/Argentina/Buenos_Aires'
);

CREATE TABLE IF NOT EXISTS booking.shops (
    id          integer     PRIMARY KEY,
    city_id     smallint    NOT NULL REFERENCES booking.cities (id),
    name        text        NOT NULL,
    address     text        NOT NULL,
    opened_at   timestamptz NOT NULL
);

-- Providers are the barbers; each works at one shop.
CREATE TABLE IF NOT EXISTS booking.providers (
    id          integer     PRIMARY KEY,
    shop_id     integer     NOT NULL REFERENCES booking.shops (id),
    full_name   text        NOT NULL,
    joined_at   timestamptz NOT NULL,
    active      boolean     NOT NULL DEFAULT true
);

CREATE TABLE IF NOT EXISTS booking.customers (
    id          bigint      PRIMARY KEY,
    city_id     smallint    NOT NULL REFERENCES booking.cities (id),
    full_name   text        NOT NULL,
    email       text        NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS booking.services (
    id                smallint      PRIMARY KEY,
    name              text          NOT NULL,
    duration_minutes  smallint      NOT NULL CHECK (duration_minutes > 0),
    base_price_ars    numeric(12,2) NOT NULL CHECK (base_price_ars >= 0)
);

CREATE TABLE IF NOT EXISTS booking.bookings (
    id            bigint        PRIMARY KEY,
    city_id       smallint      NOT NULL REFERENCES booking.cities (id),
    shop_id       integer       NOT NULL REFERENCES booking.shops (id),
    provider_id   integer       NOT NULL REFERENCES booking.providers (id),
    customer_id   bigint        NOT NULL REFERENCES booking.customers (id),
    service_id    smallint      NOT NULL REFERENCES booking.services (id),
    status        text          NOT NULL CHECK (status IN ('pending', 'confirmed', 'completed', 'cancelled', 'no_show')),
    created_at    timestamptz   NOT NULL,
    starts_at     timestamptz   NOT NULL,
    completed_at  timestamptz   NULL,
    price_ars     numeric(12,2) NOT NULL CHECK (price_ars >= 0),
    updated_at    timestamptz   NOT NULL DEFAULT now(),
    CHECK ((status = 'completed') = (completed_at IS NOT NULL))
);

CREATE TABLE IF NOT EXISTS booking.payments (
    id          bigint        PRIMARY KEY,
    booking_id  bigint        NOT NULL REFERENCES booking.bookings (id),
    status      text          NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed', 'refunded')),
    amount_ars  numeric(12,2) NOT NULL CHECK (amount_ars >= 0),
    method      text          NOT NULL,
    created_at  timestamptz   NOT NULL,
    updated_at  timestamptz   NOT NULL DEFAULT now()
);

-- A database created before updated_at existed gets the columns (existing rows take the time of this change).
ALTER TABLE booking.bookings ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();
ALTER TABLE booking.payments ADD COLUMN IF NOT EXISTS updated_at timestamptz NOT NULL DEFAULT now();

-- The dashboard reads "rows changed since T" in (updated_at, id) order, a page at a time.
CREATE INDEX IF NOT EXISTS bookings_updated_at ON booking.bookings (updated_at, id);
CREATE INDEX IF NOT EXISTS payments_updated_at ON booking.payments (updated_at, id);
