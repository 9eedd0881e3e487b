-- Removes what an earlier version of the dashboard installed in the booking database (rollup tables and the
-- statement triggers that kept them, which slowed every booking INSERT about tenfold). The dashboard now keeps its
-- aggregates in its own database (db/dashboard/0006) and only reads this one. Idempotent; a no-op on a new database.

DROP TRIGGER IF EXISTS kpi_bookings_inserted ON booking.bookings;
DROP TRIGGER IF EXISTS kpi_bookings_updated ON booking.bookings;
DROP TRIGGER IF EXISTS kpi_bookings_deleted ON booking.bookings;
DROP TRIGGER IF EXISTS kpi_bookings_truncated ON booking.bookings;
DROP TRIGGER IF EXISTS kpi_payments_inserted ON booking.payments;
DROP TRIGGER IF EXISTS kpi_payments_updated ON booking.payments;
DROP TRIGGER IF EXISTS kpi_payments_deleted ON booking.payments;
DROP TRIGGER IF EXISTS kpi_payments_truncated ON booking.payments;
DROP FUNCTION IF EXISTS booking.kpi_bookings_changed();
DROP FUNCTION IF EXISTS booking.kpi_payments_changed();
DROP FUNCTION IF EXISTS booking.kpi_truncated();
DROP TABLE IF EXISTS booking.kpi_hourly, booking.payment_daily, booking.customer_months, booking.monthly_active;
