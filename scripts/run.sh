#!/usr/bin/env bash
# The demo: the whole stack with 30 days of history and a seeded booking database, and the
# dashboard on http://127.0.0.1:5080, in the foreground. Ctrl-C (or scripts/stop.sh) stops it all.
#
# Environment: DASHBOARD_PORT (5080), STACK_DIR (.stack/demo), BACKFILL_DAYS (30),
# SCRAPE_INTERVAL (15s), SEED_BOOKINGS (300000; the simulator's default), BARBERPRO_ADMIN_EMAIL
# (admin@barberpro.local), ASPNETCORE_ENVIRONMENT (Production).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="run"
cd "$REPO_ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
export STACK_DIR="${STACK_DIR:-$REPO_ROOT/.stack/demo}"
export BACKFILL_DAYS="${BACKFILL_DAYS:-30}"
export SCRAPE_INTERVAL="${SCRAPE_INTERVAL:-15s}"
DASHBOARD_PORT="${DASHBOARD_PORT:-5080}"
DASHBOARD_URL="http://127.0.0.1:$DASHBOARD_PORT"
export DASHBOARD_TARGET="127.0.0.1:$DASHBOARD_PORT"
ADMIN_EMAIL="${BARBERPRO_ADMIN_EMAIL:-admin@barberpro.local}"

# Absolute from here on: the dashboard is started from its own folder.
mkdir -p "$STACK_DIR/run" "$STACK_DIR/logs"
STACK_DIR="$(cd "$STACK_DIR" && pwd)"
PASSWORD_FILE="$STACK_DIR/admin-password"
DASH_PIDFILE="$STACK_DIR/run/dashboard.pid"
DASH_LOG="$STACK_DIR/logs/dashboard.log"

if pid_alive "$DASH_PIDFILE" BarberPro.Dashboard; then
  die "the demo already runs (dashboard pid $(<"$DASH_PIDFILE")); scripts/stop.sh stops it"
fi
if port_in_use "$DASHBOARD_PORT"; then
  die "port $DASHBOARD_PORT is taken; set DASHBOARD_PORT to another port"
fi

# shellcheck disable=SC2317 # invoked through trap
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  log "stopping the demo"
  stop_pidfile "$DASH_PIDFILE" BarberPro.Dashboard dashboard 30
  "$REPO_ROOT/scripts/stack.sh" stop
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

ensure_packages
export STACK_SKIP_PACKAGES=1

log "building the dashboard (dotnet build BarberPro.Dashboard -c Release)"
dotnet build BarberPro.Dashboard -c Release -nologo -v q || die "dashboard build failed"
DASH_DLL=""
for f in "$REPO_ROOT"/BarberPro.Dashboard/bin/Release/net*/BarberPro.Dashboard.dll; do
  [[ -f $f ]] && DASH_DLL=$f
done
[[ -n $DASH_DLL ]] || die "the build produced no BarberPro.Dashboard.dll"

"$REPO_ROOT/scripts/stack.sh" start
# shellcheck source=/dev/null
source "$STACK_DIR/env"

# Demo bookings, once per database. The mark is a comment on the database itself, so it goes
# away with the data (a wiped /tmp, stack.sh destroy) and a failed seed is retried. v2: the schema
# with updated_at (issue 11); a demo seeded before it is seeded again (seconds), which also removes
# the rollup triggers an earlier dashboard installed there.
seeded="$(psql_admin "$BARBERPRO_PG_PORT" postgres -tA -c \
  "SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = 'barberpro_booking'")"
if [[ $seeded != barberpro-demo-seeded-v2* ]]; then
  log "seeding demo bookings (first run only; takes a while)"
  seed_args=(seed-bookings --connection "$BARBERPRO_BOOKING_DB_WRITER")
  if [[ -n ${SEED_BOOKINGS:-} ]]; then
    seed_args+=(--bookings "$SEED_BOOKINGS")
  fi
  (cd "$(dirname "$BARBERPRO_SIMULATOR_DLL")" && dotnet "$BARBERPRO_SIMULATOR_DLL" "${seed_args[@]}") \
    >>"$STACK_DIR/logs/seed-bookings.log" 2>&1 ||
    die "seed-bookings failed (log: $STACK_DIR/logs/seed-bookings.log)"
  psql_admin "$BARBERPRO_PG_PORT" postgres -c \
    "COMMENT ON DATABASE barberpro_booking IS 'barberpro-demo-seeded-v2 $(date -u +%FT%TZ)'"
fi

# The first Admin's password: generated once, kept (mode 600) next to the demo's data.
first_start=0
if [[ ! -s $PASSWORD_FILE ]]; then
  raw="$(head -c 48 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9')"
  (umask 077 && printf '%s\n' "${raw:0:6}-${raw:6:6}-${raw:12:6}-${raw:18:6}" >"$PASSWORD_FILE")
  first_start=1
fi
chmod 600 "$PASSWORD_FILE"
ADMIN_PASSWORD="$(<"$PASSWORD_FILE")"

# The certificate that encrypts the data-protection keys at rest: self-signed, made once per demo
# (mode 600 beside the data; never committed). In Kubernetes it comes from a Secret (README).
DP_CERT="$STACK_DIR/dataprotection.pfx"
DP_CERT_PASSWORD="$STACK_DIR/dataprotection.password"
if [[ ! -s $DP_CERT || ! -s $DP_CERT_PASSWORD ]]; then
  log "creating the demo's data-protection certificate ($DP_CERT)"
  (
    umask 077
    head -c 32 /dev/urandom | base64 -w0 | tr -dc 'A-Za-z0-9' >"$DP_CERT_PASSWORD"
    openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=BarberPro demo data protection" \
      -keyout "$STACK_DIR/dataprotection.key" -out "$STACK_DIR/dataprotection.crt" 2>/dev/null
    openssl pkcs12 -export -inkey "$STACK_DIR/dataprotection.key" -in "$STACK_DIR/dataprotection.crt" \
      -out "$DP_CERT" -passout "file:$DP_CERT_PASSWORD"
    rm -f "$STACK_DIR/dataprotection.key" "$STACK_DIR/dataprotection.crt"
  ) || die "could not create the data-protection certificate (openssl)"
fi

log "starting the dashboard on $DASHBOARD_URL (log: $DASH_LOG)"
start_bg "$DASH_PIDFILE" "$DASH_LOG" "$REPO_ROOT/BarberPro.Dashboard" \
  env ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}" \
  ConnectionStrings__Dashboard="$BARBERPRO_DASHBOARD_DB" \
  ConnectionStrings__DashboardMigrations="$BARBERPRO_DASHBOARD_MIGRATIONS_DB" \
  ConnectionStrings__Bookings="$BARBERPRO_BOOKING_DB" \
  Prometheus__BaseUrl="$BARBERPRO_PROMETHEUS_URL" \
  Alertmanager__BaseUrl="$BARBERPRO_ALERTMANAGER_URL" \
  Bootstrap__AdminEmail="$ADMIN_EMAIL" \
  Bootstrap__AdminPasswordFile="$PASSWORD_FILE" \
  DataProtection__CertificatePath="$DP_CERT" \
  DataProtection__CertificatePasswordFile="$DP_CERT_PASSWORD" \
  Security__RequireHttps=false \
  dotnet "$DASH_DLL" --urls "$DASHBOARD_URL" --contentRoot "$REPO_ROOT/BarberPro.Dashboard"
dash_pid="$(<"$DASH_PIDFILE")"
wait_http "$DASHBOARD_URL/health" 180 "$dash_pid" || {
  tail -n 40 "$DASH_LOG" >&2 || true
  die "the dashboard did not start (log: $DASH_LOG)"
}

echo
echo "BarberPro Ops Dashboard is running."
if [[ $first_start -eq 1 ]]; then
  echo "Open $DASHBOARD_URL — sign in as $ADMIN_EMAIL with password $ADMIN_PASSWORD"
  echo "(shown once; it is kept in $PASSWORD_FILE)"
else
  echo "Open $DASHBOARD_URL — sign in as $ADMIN_EMAIL with the password in $PASSWORD_FILE"
fi
echo "  Prometheus  $BARBERPRO_PROMETHEUS_URL"
echo "  Alertmanager $BARBERPRO_ALERTMANAGER_URL   (silences made on /alerts are listed there too)"
echo "  Simulator   $BARBERPRO_SIMULATOR_URL   (curl -X POST $BARBERPRO_SIMULATOR_URL/scenario/traffic-spike)"
echo "  PostgreSQL  127.0.0.1:$BARBERPRO_PG_PORT   (env: $STACK_DIR/env, logs: $STACK_DIR/logs)"
echo "Press Ctrl-C to stop everything."
echo

rc=0
wait "$dash_pid" || rc=$?
log "the dashboard exited (status $rc); see $DASH_LOG"
exit "$rc"
