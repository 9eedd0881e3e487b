#!/usr/bin/env bash
# The local stack: PostgreSQL 15, the simulator, Alertmanager and Prometheus, on 127.0.0.1 and free ports.
#
#   scripts/stack.sh start|stop|status|restart|destroy|prometheus-stop|prometheus-start|
#                    postgres-kill|postgres-start|alertmanager-stop|alertmanager-start
#
# Environment:
#   STACK_DIR        where state, logs, Prometheus data and the env file live (default .stack/dev)
#   SCRAPE_INTERVAL  Prometheus scrape and rule evaluation interval (default 15s; tests use 1s)
#   BACKFILL_DAYS    days of simulator history loaded into Prometheus before its first start
#                    (default 0; run.sh uses 30). Done once per Prometheus data folder.
#   BACKFILL_STEP    seconds between backfilled samples (default 60)
#   SIMULATOR_DLL    a prebuilt BarberPro.Simulator.dll to run instead of building one
#   DASHBOARD_TARGET host:port of a dashboard for Prometheus to scrape too (optional)
#   STACK_SKIP_PACKAGES=1  do not check/install apt packages (the caller already did)
#
#   scripts/stack.sh prometheus-rules off|on
#                    moves the stack's rule files away from (off) or back into (on) Prometheus' rules folder and has
#                    a running Prometheus reload: a Prometheus that evaluates no rules, for the Alerts panel's tests
#
# `start` writes $STACK_DIR/env, which exports the variables listed in README.md ("The local stack").
# PostgreSQL data lives in $STACK_DIR/postgres when the `postgres` user can reach
# that folder, else in /tmp/barberpro-pg-<hash of STACK_DIR> (see pg_root_for in lib.sh).
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX=stack

STACK_DIR="${STACK_DIR:-$REPO_ROOT/.stack/dev}"
mkdir -p "$STACK_DIR"
STACK_DIR="$(cd "$STACK_DIR" && pwd)"
SCRAPE_INTERVAL="${SCRAPE_INTERVAL:-15s}"
BACKFILL_DAYS="${BACKFILL_DAYS:-0}"
BACKFILL_STEP="${BACKFILL_STEP:-60}"
DASHBOARD_TARGET="${DASHBOARD_TARGET:-}"

STATE_FILE="$STACK_DIR/state"
RUN_DIR="$STACK_DIR/run"
LOG_DIR="$STACK_DIR/logs"
PROM_DIR="$STACK_DIR/prometheus"
SIM_PIDFILE="$RUN_DIR/simulator.pid"
PROM_PIDFILE="$RUN_DIR/prometheus.pid"
SIM_PATTERN="BarberPro.Simulator"
PROM_PATTERN="$PROM_DIR/prometheus.yml"
AM_DIR="$STACK_DIR/alertmanager"
AM_PIDFILE="$RUN_DIR/alertmanager.pid"
AM_PATTERN="$AM_DIR/alertmanager.yml"

PG_ROOT="" PG_PORT="" SIM_PORT="" PROM_PORT="" SIM_DLL="" PROM_RETENTION="" AM_PORT=""

load_state() {
  if [[ -f $STATE_FILE ]]; then
    # shellcheck source=/dev/null
    source "$STATE_FILE"
  fi
}

save_state() {
  cat >"$STATE_FILE.tmp" <<EOF
PG_ROOT=$(printf '%q' "$PG_ROOT")
PG_PORT=$(printf '%q' "$PG_PORT")
SIM_PORT=$(printf '%q' "$SIM_PORT")
PROM_PORT=$(printf '%q' "$PROM_PORT")
SIM_DLL=$(printf '%q' "$SIM_DLL")
PROM_RETENTION=$(printf '%q' "$PROM_RETENTION")
AM_PORT=$(printf '%q' "$AM_PORT")
EOF
  mv "$STATE_FILE.tmp" "$STATE_FILE"
}

# pick_port CURRENT: keeps CURRENT when it is still free (stable URLs across restarts of one
# STACK_DIR), else a new free port distinct from the other ports of this stack.
pick_port() {
  local current=$1
  if [[ -n $current ]] && ! port_in_use "$current"; then
    echo "$current"
  else
    free_port "$PG_PORT" "$SIM_PORT" "$PROM_PORT" "$AM_PORT"
  fi
}

# ---------------------------------------------------------------------------------------------
# Simulator

resolve_simulator() {
  if [[ -n ${SIMULATOR_DLL:-} ]]; then
    [[ -f $SIMULATOR_DLL ]] || die "SIMULATOR_DLL=$SIMULATOR_DLL does not exist"
    SIM_DLL="$(cd "$(dirname "$SIMULATOR_DLL")" && pwd)/$(basename "$SIMULATOR_DLL")"
    return 0
  fi
  local dll
  dll="$(find_simulator_dll)"
  local stale=""
  if [[ -n $dll ]]; then
    stale="$(cd "$REPO_ROOT" && { find BarberPro.Simulator BarberPro.Core db/booking \
      Directory.Build.props Directory.Packages.props -type f -newer "$dll" \
      -not -path '*/bin/*' -not -path '*/obj/*' -print -quit 2>/dev/null || true; })"
  fi
  if [[ -z $dll || -n $stale ]]; then
    log "building the simulator (dotnet build BarberPro.Simulator -c Release)${stale:+; $stale changed}"
    (cd "$REPO_ROOT" && dotnet build BarberPro.Simulator -c Release -nologo -v q) >&2 ||
      die "simulator build failed"
    dll="$(find_simulator_dll)"
    [[ -n $dll ]] || die "simulator build produced no BarberPro.Simulator.dll"
  fi
  SIM_DLL="$dll"
}

find_simulator_dll() {
  local f
  for f in "$REPO_ROOT"/BarberPro.Simulator/bin/Release/net*/BarberPro.Simulator.dll; do
    [[ -f $f ]] && echo "$f" && return 0
  done
  return 0
}

simulator() {
  (cd "$(dirname "$SIM_DLL")" && DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$SIM_DLL" "$@")
}

start_simulator() {
  if pid_alive "$SIM_PIDFILE" "$SIM_PATTERN"; then
    log "simulator already running on port $SIM_PORT"
    return 0
  fi
  SIM_PORT="$(pick_port "$SIM_PORT")"
  save_state
  log "starting the simulator on 127.0.0.1:$SIM_PORT"
  start_bg "$SIM_PIDFILE" "$LOG_DIR/simulator.log" "$(dirname "$SIM_DLL")" \
    env DOTNET_CLI_TELEMETRY_OPTOUT=1 dotnet "$SIM_DLL" serve --urls "http://127.0.0.1:$SIM_PORT"
  wait_http "http://127.0.0.1:$SIM_PORT/health" 90 "$(<"$SIM_PIDFILE")" || {
    tail -n 40 "$LOG_DIR/simulator.log" >&2 || true
    die "the simulator did not become healthy (log: $LOG_DIR/simulator.log)"
  }
}

# ---------------------------------------------------------------------------------------------
# Prometheus

prepare_prometheus() {
  mkdir -p "$PROM_DIR/rules" "$PROM_DIR/data"
  log "Prometheus config: scrape simulator 127.0.0.1:$SIM_PORT every $SCRAPE_INTERVAL${DASHBOARD_TARGET:+, dashboard $DASHBOARD_TARGET}"
  rm -f "$PROM_DIR"/rules/*.yml
  cp "$REPO_ROOT"/deploy/prometheus/rules/*.yml "$PROM_DIR/rules/"
  render_prometheus_config "$REPO_ROOT/deploy/prometheus/prometheus.yml" "$PROM_DIR/prometheus.yml" \
    "127.0.0.1:$SIM_PORT" "$SCRAPE_INTERVAL" "$DASHBOARD_TARGET" "127.0.0.1:$AM_PORT"
  promtool check config "$PROM_DIR/prometheus.yml" >"$LOG_DIR/promtool-check.log" 2>&1 || {
    cat "$LOG_DIR/promtool-check.log" >&2
    die "rendered Prometheus config is invalid"
  }
}

# History for the panels' 24 h / 7 d / 30 d views: written by the simulator in OpenMetrics and
# turned into TSDB blocks before Prometheus first opens the folder.
backfill_prometheus() {
  [[ $BACKFILL_DAYS =~ ^[0-9]+$ ]] || die "BACKFILL_DAYS must be a whole number"
  ((BACKFILL_DAYS > 0)) || return 0
  [[ -f $PROM_DIR/backfilled ]] && return 0
  local file="$STACK_DIR/backfill.om"
  log "backfilling $BACKFILL_DAYS days of history (step ${BACKFILL_STEP}s)"
  simulator backfill --out "$file" --days "$BACKFILL_DAYS" --step "$BACKFILL_STEP" \
    >>"$LOG_DIR/backfill.log" 2>&1 || die "simulator backfill failed (log: $LOG_DIR/backfill.log)"
  promtool tsdb create-blocks-from openmetrics --max-block-duration=24h "$file" "$PROM_DIR/data" \
    >>"$LOG_DIR/backfill.log" 2>&1 || die "promtool create-blocks failed (log: $LOG_DIR/backfill.log)"
  rm -f "$file"
  date -u +%FT%TZ >"$PROM_DIR/backfilled"
}

launch_prometheus() {
  local url="http://127.0.0.1:$PROM_PORT"
  if pid_alive "$PROM_PIDFILE" "$PROM_PATTERN"; then
    # The config may have been re-rendered (a new simulator port): have it read again.
    log "Prometheus already running on port $PROM_PORT; reloading its config"
    curl -fsS -X POST --max-time 10 "$url/-/reload" >/dev/null || die "Prometheus config reload failed"
    prom_wait_target "$url" barberpro 90 || die "Prometheus does not scrape the simulator"
    return 0
  fi
  log "starting Prometheus on 127.0.0.1:$PROM_PORT"
  start_bg "$PROM_PIDFILE" "$LOG_DIR/prometheus.log" "$PROM_DIR" \
    prometheus --config.file="$PROM_DIR/prometheus.yml" \
    --storage.tsdb.path="$PROM_DIR/data" \
    --storage.tsdb.retention.time="$PROM_RETENTION" \
    --web.listen-address="127.0.0.1:$PROM_PORT" \
    --web.enable-lifecycle \
    --web.enable-admin-api
  wait_http "$url/-/ready" 90 "$(<"$PROM_PIDFILE")" || {
    tail -n 30 "$LOG_DIR/prometheus.log" >&2 || true
    die "Prometheus did not become ready (log: $LOG_DIR/prometheus.log)"
  }
  prom_wait_target "$url" barberpro 90 || die "Prometheus does not scrape the simulator"
}

start_prometheus() {
  if ! pid_alive "$PROM_PIDFILE" "$PROM_PATTERN"; then
    PROM_PORT="$(pick_port "$PROM_PORT")"
    # Backfilled history must outlive Prometheus' default 15 days of retention.
    local days=$((BACKFILL_DAYS + 30))
    if [[ ${PROM_RETENTION%d} =~ ^[0-9]+$ ]] && ((${PROM_RETENTION%d} > days)); then
      days=${PROM_RETENTION%d}
    fi
    PROM_RETENTION="${days}d"
    save_state
  fi
  prepare_prometheus
  backfill_prometheus
  launch_prometheus
}

# ---------------------------------------------------------------------------------------------
# Alertmanager (Debian's prometheus-alertmanager): its own config copy and data folder in $AM_DIR, clustering off
# (no gossip port: several stacks run side by side), the API on 127.0.0.1:$AM_PORT.

launch_alertmanager() {
  local url="http://127.0.0.1:$AM_PORT"
  if pid_alive "$AM_PIDFILE" "$AM_PATTERN"; then
    log "Alertmanager already running on port $AM_PORT"
    return 0
  fi
  log "starting Alertmanager on 127.0.0.1:$AM_PORT"
  start_bg "$AM_PIDFILE" "$LOG_DIR/alertmanager.log" "$AM_DIR" \
    prometheus-alertmanager --config.file="$AM_DIR/alertmanager.yml" \
    --storage.path="$AM_DIR/data" \
    --web.listen-address="127.0.0.1:$AM_PORT" \
    --web.external-url="$url" \
    --cluster.listen-address=
  wait_http "$url/-/ready" 60 "$(<"$AM_PIDFILE")" || {
    tail -n 30 "$LOG_DIR/alertmanager.log" >&2 || true
    die "Alertmanager did not become ready (log: $LOG_DIR/alertmanager.log)"
  }
}

start_alertmanager() {
  mkdir -p "$AM_DIR/data"
  if ! pid_alive "$AM_PIDFILE" "$AM_PATTERN"; then
    AM_PORT="$(pick_port "$AM_PORT")"
    save_state
  fi
  cp "$REPO_ROOT/deploy/alertmanager/alertmanager.yml" "$AM_DIR/alertmanager.yml"
  if command -v amtool >/dev/null 2>&1; then
    amtool check-config "$AM_DIR/alertmanager.yml" >"$LOG_DIR/amtool-check.log" 2>&1 || {
      cat "$LOG_DIR/amtool-check.log" >&2
      die "Alertmanager config is invalid"
    }
  fi
  launch_alertmanager
}

# A Prometheus whose rule files did not load (a wrong path, a failed reload) answers /api/v1/alerts with an empty
# list, exactly as one where nothing fires. `off` makes this stack's Prometheus such a one; `on` puts the files back.
prometheus_rules() {
  local mode=${1:-} off="$PROM_DIR/rules-off" from to f
  load_state
  [[ -n $PROM_PORT && -d $PROM_DIR/rules ]] || die "no stack in $STACK_DIR; run start first"
  case $mode in
    off) from="$PROM_DIR/rules" to="$off" ;;
    on) from="$off" to="$PROM_DIR/rules" ;;
    *) die "usage: $0 prometheus-rules off|on" ;;
  esac
  mkdir -p "$to"
  for f in "$from"/*.yml; do
    if [[ -e $f ]]; then mv -f -- "$f" "$to/"; fi
  done
  if pid_alive "$PROM_PIDFILE" "$PROM_PATTERN"; then
    curl -fsS -X POST --max-time 10 "http://127.0.0.1:$PROM_PORT/-/reload" >/dev/null ||
      die "Prometheus did not reload its rules (log: $LOG_DIR/prometheus.log)"
    log "rules $mode; Prometheus reloaded"
  else
    log "rules $mode; Prometheus is not running (it reads them when it starts)"
  fi
}

# ---------------------------------------------------------------------------------------------

write_env() {
  local pg="Host=127.0.0.1;Port=$PG_PORT"
  cat >"$STACK_DIR/env.tmp" <<EOF
# Written by scripts/stack.sh start; source it to reach this stack ($STACK_DIR).
export BARBERPRO_STACK_DIR='$STACK_DIR'
export BARBERPRO_PG_ADMIN='$pg;Username=postgres;Database=postgres'
export BARBERPRO_DASHBOARD_DB='$pg;Username=barberpro_dashboard;Database=barberpro_dashboard'
export BARBERPRO_DASHBOARD_MIGRATIONS_DB='$pg;Username=barberpro_migrator;Database=barberpro_dashboard'
export BARBERPRO_BOOKING_DB='$pg;Username=barberpro_reader;Database=barberpro_booking'
export BARBERPRO_BOOKING_DB_WRITER='$pg;Username=postgres;Database=barberpro_booking'
export BARBERPRO_PROMETHEUS_URL='http://127.0.0.1:$PROM_PORT'
export BARBERPRO_ALERTMANAGER_URL='http://127.0.0.1:$AM_PORT'
export BARBERPRO_SIMULATOR_URL='http://127.0.0.1:$SIM_PORT'
export BARBERPRO_SIMULATOR_DLL='$SIM_DLL'
export BARBERPRO_PG_PORT='$PG_PORT'
EOF
  mv "$STACK_DIR/env.tmp" "$STACK_DIR/env"
}

do_start() {
  mkdir -p "$RUN_DIR" "$LOG_DIR"
  load_state
  # A failed start must not leave half a stack running.
  trap 'rc=$?; if [[ $rc -ne 0 ]]; then log "start failed; stopping what was started"; do_stop || true; fi' EXIT
  local t0=$SECONDS
  if [[ ${STACK_SKIP_PACKAGES:-0} != 1 ]]; then
    ensure_packages
  fi
  resolve_simulator
  PG_ROOT="$(pg_root_for "$STACK_DIR")"
  save_state
  pg_init "$PG_ROOT"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" status >/dev/null 2>&1; then
    PG_PORT="$(pick_port "$PG_PORT")"
    save_state
  fi
  pg_start "$PG_ROOT" "$PG_PORT"
  pg_provision "$PG_PORT"
  pg_provision_dashboard_roles "$PG_PORT"
  start_simulator
  start_alertmanager
  start_prometheus
  write_env
  trap - EXIT
  log "stack up in $((SECONDS - t0))s: PostgreSQL 127.0.0.1:$PG_PORT, simulator http://127.0.0.1:$SIM_PORT," \
    "Alertmanager http://127.0.0.1:$AM_PORT, Prometheus http://127.0.0.1:$PROM_PORT; env: $STACK_DIR/env"
}

do_stop() {
  load_state
  rm -f "$STACK_DIR/env"
  stop_pidfile "$PROM_PIDFILE" "$PROM_PATTERN" Prometheus 30
  stop_pidfile "$AM_PIDFILE" "$AM_PATTERN" Alertmanager 20
  stop_pidfile "$SIM_PIDFILE" "$SIM_PATTERN" simulator 20
  if [[ -n $PG_ROOT ]]; then
    pg_stop "$PG_ROOT"
  fi
}

do_status() {
  load_state
  local rc=0
  if [[ -n $PG_ROOT ]] && as_pg "$PG_BIN/pg_ctl" -D "$PG_ROOT/data" status >/dev/null 2>&1; then
    echo "postgres    running  127.0.0.1:$PG_PORT  data $PG_ROOT/data"
  else
    echo "postgres    stopped"
    rc=3
  fi
  if pid_alive "$SIM_PIDFILE" "$SIM_PATTERN"; then
    echo "simulator   running  http://127.0.0.1:$SIM_PORT  pid $(<"$SIM_PIDFILE")"
  else
    echo "simulator   stopped"
    rc=3
  fi
  if pid_alive "$PROM_PIDFILE" "$PROM_PATTERN"; then
    echo "prometheus  running  http://127.0.0.1:$PROM_PORT  pid $(<"$PROM_PIDFILE")"
  else
    echo "prometheus  stopped"
    rc=3
  fi
  if pid_alive "$AM_PIDFILE" "$AM_PATTERN"; then
    echo "alertmanager running http://127.0.0.1:$AM_PORT  pid $(<"$AM_PIDFILE")"
  else
    echo "alertmanager stopped"
    rc=3
  fi
  [[ -f $STACK_DIR/env ]] && echo "env         $STACK_DIR/env"
  return $rc
}

do_destroy() {
  do_stop
  load_state
  if [[ -n $PG_ROOT && ($PG_ROOT == "$STACK_DIR/postgres" || $PG_ROOT == /tmp/barberpro-pg-*) ]]; then
    as_root rm -rf -- "$PG_ROOT"
  fi
  if [[ -f $STATE_FILE || -z "$(ls -A "$STACK_DIR")" ]]; then
    rm -rf -- "$STACK_DIR"
  else
    warn "$STACK_DIR has no state file; not removing it"
  fi
}

# postgres-kill: a crash of the whole server, as an OOM kill or a power cut of the process would
# leave it: SIGKILL to the postmaster and every backend at once, no shutdown checkpoint. The fault
# tests use it to prove that nothing acknowledged is lost (see README, "The local stack").
postgres_kill() {
  load_state
  [[ -n $PG_ROOT && -s $PG_ROOT/data/postmaster.pid ]] || die "no PostgreSQL of this stack is running"
  local pid children
  pid="$(head -n 1 "$PG_ROOT/data/postmaster.pid")"
  if [[ ! $pid =~ ^[0-9]+$ ]] || ! kill -0 "$pid" 2>/dev/null; then
    die "PostgreSQL of this stack is not running"
  fi
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$PG_ROOT/data" ||
    die "pid $pid is not this stack's PostgreSQL"
  # Children first collected, then everything killed in one call: none of them may outlive the
  # postmaster, or it would hold the shared memory that the restarted server needs.
  children="$(ps -o pid= --ppid "$pid" | tr -s ' \n' ' ')"
  log "kill -9 PostgreSQL (postmaster $pid and its backends)"
  # shellcheck disable=SC2086 # one pid per word
  kill -KILL "$pid" $children 2>/dev/null || true
  local deadline=$((SECONDS + 10))
  # shellcheck disable=SC2086
  while kill -0 "$pid" $children 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.1
  done
}

# postgres-start: the same cluster on the same port (so $STACK_DIR/env stays valid), after a
# postgres-kill included: PostgreSQL replays its WAL before it accepts connections.
postgres_start() {
  load_state
  [[ -n $PG_ROOT && -n $PG_PORT && -f $PG_ROOT/data/PG_VERSION ]] || die "no stack in $STACK_DIR; run start first"
  pg_start "$PG_ROOT" "$PG_PORT"
}

case "${1:-}" in
  start) do_start ;;
  stop) do_stop ;;
  restart)
    do_stop
    do_start
    ;;
  status) do_status ;;
  destroy) do_destroy ;;
  prometheus-stop)
    load_state
    stop_pidfile "$PROM_PIDFILE" "$PROM_PATTERN" Prometheus 30
    ;;
  prometheus-start)
    load_state
    [[ -n $PROM_PORT && -f $PROM_DIR/prometheus.yml ]] || die "no stack in $STACK_DIR; run start first"
    # Same port and data as before, so URLs in $STACK_DIR/env stay valid.
    launch_prometheus
    ;;
  alertmanager-stop)
    load_state
    stop_pidfile "$AM_PIDFILE" "$AM_PATTERN" Alertmanager 20
    ;;
  alertmanager-start)
    load_state
    [[ -n $AM_PORT && -f $AM_DIR/alertmanager.yml ]] || die "no stack in $STACK_DIR; run start first"
    # Same port and data (silences survive), so URLs in $STACK_DIR/env stay valid.
    launch_alertmanager
    ;;
  postgres-kill) postgres_kill ;;
  postgres-start) postgres_start ;;
  prometheus-rules) prometheus_rules "${2:-}" ;;
  *)
    echo "usage: $0 start|stop|status|restart|destroy|prometheus-stop|prometheus-start|postgres-kill|postgres-start" >&2
    echo "       $0 alertmanager-stop|alertmanager-start" >&2
    echo "       $0 prometheus-rules off|on" >&2
    exit 2
    ;;
esac
