# shellcheck shell=bash
# Helpers shared by scripts/stack.sh, run.sh, stop.sh and test.sh. Source it; do not run it.
#
# Everything here starts servers on 127.0.0.1 only, on free ports, and keeps their pid files under
# the stack folder so that the script that started them can stop them and leave nothing behind.

# Repository root, whatever the caller's working directory.
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export REPO_ROOT

PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
LOG_PREFIX="${LOG_PREFIX:-$(basename "$0" .sh)}"

log() { printf '%s [%s] %s\n' "$(date +%H:%M:%S)" "$LOG_PREFIX" "$*" >&2; }
warn() { log "WARNING: $*"; }
die() {
  log "ERROR: $*"
  exit 1
}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
  if [[ $EUID -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    die "need root (or sudo) to run: $*"
  fi
}

# Runs a command as the PostgreSQL server owner. initdb and pg_ctl refuse to run as root, so as
# root we switch to the `postgres` user (created by the Debian package); as any other user the
# cluster simply belongs to that user.
as_pg() {
  if [[ $EUID -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

python_with_yaml() {
  local py
  for py in python3 /usr/bin/python3; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import yaml' >/dev/null 2>&1; then
      command -v "$py"
      return 0
    fi
  done
  return 1
}

# ensure_packages: installs, through apt, whatever of the stack's system packages is missing. Checks
# first (command -v / files), so a machine that has everything does not touch apt at all.
ensure_packages() {
  local -a missing=()
  [[ -x "$PG_BIN/initdb" && -x "$PG_BIN/pg_ctl" && -x "$PG_BIN/psql" ]] || missing+=(postgresql)
  { command -v prometheus && command -v promtool; } >/dev/null 2>&1 || missing+=(prometheus)
  { command -v prometheus-alertmanager && command -v amtool; } >/dev/null 2>&1 || missing+=(prometheus-alertmanager)
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)
  command -v curl >/dev/null 2>&1 || missing+=(curl)
  command -v jq >/dev/null 2>&1 || missing+=(jq)
  # Reports: the PDF's font (PDFsharp embeds it) and pdftotext, with which the tests read the PDF back.
  [[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]] || missing+=(fonts-dejavu-core)
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  python_with_yaml >/dev/null || missing+=(python3 python3-yaml)
  if [[ ${#missing[@]} -eq 0 ]]; then
    return 0
  fi
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
  log "installing missing packages: ${missing[*]}"
  # The Debian postgresql and prometheus packages start system services on install (a cluster on
  # 5432, Prometheus on 9090). We never use them, so forbid service starts during the install
  # unless the machine already has a policy (Docker images ship one that does the same).
  local policy=/usr/sbin/policy-rc.d added_policy=0
  if [[ ! -e $policy ]]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    added_policy=1
  fi
  local rc=0
  as_root apt-get update -q || rc=$?
  if [[ $rc -eq 0 ]]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}" || rc=$?
  fi
  if [[ $added_policy -eq 1 ]]; then
    as_root rm -f "$policy"
  fi
  [[ $rc -eq 0 ]] || die "apt-get failed (exit $rc) installing ${missing[*]}"
}

# Is anything listening on 127.0.0.1:PORT?
port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# free_port [EXCLUDED_PORT...]: prints a TCP port that nothing listens on and that is not excluded.
# Asks the kernel for an ephemeral port through python3 when there is one, else probes random ports
# in 20000-59999 with bash's /dev/tcp.
free_port() {
  local port tries
  for ((tries = 0; tries < 200; tries++)); do
    if command -v python3 >/dev/null 2>&1; then
      port="$(python3 -c 'import socket
s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null)" || port=""
    fi
    if [[ -z ${port:-} ]]; then
      port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    fi
    if [[ " $* " != *" $port "* ]] && ! port_in_use "$port"; then
      echo "$port"
      return 0
    fi
    port=""
  done
  die "could not find a free port"
}

# wait_http URL TIMEOUT_SECONDS [PID]: waits until URL answers 2xx. Fails early when PID (the
# server being waited for) has died.
wait_http() {
  local url=$1 timeout=$2 pid=${3:-}
  local deadline=$((SECONDS + timeout))
  while ((SECONDS < deadline)); do
    if curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; then
      return 0
    fi
    if [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; then
      log "process $pid exited while waiting for $url"
      return 1
    fi
    sleep 0.3
  done
  log "timed out after ${timeout}s waiting for $url"
  return 1
}

# pid_alive PIDFILE [PATTERN]: true when the pid in PIDFILE runs and (if given) its command line
# contains PATTERN, so a recycled pid is never mistaken for ours.
pid_alive() {
  local pidfile=$1 pattern=${2:-} pid
  [[ -s $pidfile ]] || return 1
  pid="$(<"$pidfile")"
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  kill -0 "$pid" 2>/dev/null || return 1
  if [[ -n $pattern ]]; then
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$pattern" || return 1
  fi
  return 0
}

# start_bg PIDFILE LOGFILE WORKDIR COMMAND...: starts COMMAND in the background in its own session
# (so a Ctrl-C in the terminal reaches only the script, which then stops it in order), records its
# pid, and appends its output to LOGFILE.
start_bg() {
  local pidfile=$1 logfile=$2 workdir=$3
  shift 3
  mkdir -p "$(dirname "$pidfile")" "$(dirname "$logfile")"
  (
    cd "$workdir" || exit 1
    exec setsid "$@" >>"$logfile" 2>&1 </dev/null
  ) &
  echo $! >"$pidfile"
}

# stop_pidfile PIDFILE PATTERN NAME [TIMEOUT]: TERM, then KILL after TIMEOUT seconds, the process of
# PIDFILE and its process group. Idempotent: no pid file or a dead process is fine.
stop_pidfile() {
  local pidfile=$1 pattern=$2 name=$3 timeout=${4:-20} pid
  if ! pid_alive "$pidfile" "$pattern"; then
    rm -f "$pidfile"
    return 0
  fi
  pid="$(<"$pidfile")"
  log "stopping $name (pid $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null && ((SECONDS < deadline)); do
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$name did not stop in ${timeout}s; killing it"
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    sleep 0.2
  fi
  # The process group may hold children that outlived the leader.
  kill -KILL -- "-$pid" 2>/dev/null || true
  rm -f "$pidfile"
}

# ---------------------------------------------------------------------------------------------
# PostgreSQL

# pg_root_for STACK_DIR: prints the folder holding the cluster (data/, run/ for the socket, log).
# It lives in STACK_DIR when the postgres user can reach it; otherwise (a checkout under /root, or a
# path too long for a Unix socket) in /tmp/barberpro-pg-<hash of STACK_DIR>, stable per STACK_DIR.
pg_root_for() {
  local stack_dir=$1 candidate
  candidate="$stack_dir/postgres"
  mkdir -p "$candidate"
  if [[ $EUID -eq 0 ]]; then
    chown postgres:postgres "$candidate"
  fi
  # A socket path is at most 107 bytes: <root>/run/.s.PGSQL.NNNNN
  if ((${#candidate} <= 80)) && as_pg test -x "$candidate" -a -w "$candidate" 2>/dev/null; then
    echo "$candidate"
    return 0
  fi
  rmdir "$candidate" 2>/dev/null || true
  local hash
  hash="$(printf '%s' "$stack_dir" | sha256sum | cut -c1-12)"
  candidate="/tmp/barberpro-pg-$hash"
  mkdir -p "$candidate"
  chmod 700 "$candidate"
  if [[ $EUID -eq 0 ]]; then
    chown postgres:postgres "$candidate"
  fi
  echo "$candidate"
}

pg_init() {
  local root=$1
  if [[ -f $root/data/PG_VERSION ]]; then
    return 0
  fi
  log "creating PostgreSQL cluster in $root/data"
  as_pg mkdir -p "$root/data" "$root/run"
  as_pg chmod 700 "$root/data"
  as_pg "$PG_BIN/initdb" -D "$root/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
    >"$root/initdb.log" 2>&1 || {
    cat "$root/initdb.log" >&2
    die "initdb failed"
  }
  # Loopback only, trust auth (initdb -A trust writes host lines for 127.0.0.1/32 and ::1/128
  # only). The data is disposable, so flushing to disk is traded for speed: with fsync and full page
  # writes off, only a crash of the operating system can lose or tear data. synchronous_commit stays
  # on (the default): a commit is answered once its WAL is written, so a crash of PostgreSQL itself
  # (kill -9) loses nothing acknowledged. The dashboard also sets it per transaction.
  as_pg tee -a "$root/data/postgresql.conf" >/dev/null <<'EOF'

# --- BarberPro local stack (scripts/lib.sh) ---
listen_addresses = '127.0.0.1'
max_connections = 300
fsync = off
full_page_writes = off
timezone = 'UTC'
EOF
}

# pg_start ROOT PORT
pg_start() {
  local root=$1 port=$2
  as_pg mkdir -p "$root/run"
  if as_pg "$PG_BIN/pg_ctl" -D "$root/data" status >/dev/null 2>&1; then
    log "PostgreSQL already running ($root/data)"
    return 0
  fi
  log "starting PostgreSQL on 127.0.0.1:$port"
  as_pg "$PG_BIN/pg_ctl" -D "$root/data" -l "$root/postgres.log" -w -t 60 \
    -o "-p $port -k $root/run -c listen_addresses=127.0.0.1" start >/dev/null ||
    {
      tail -n 30 "$root/postgres.log" >&2 || true
      die "PostgreSQL did not start"
    }
}

pg_stop() {
  local root=$1
  [[ -f $root/data/PG_VERSION ]] || return 0
  if as_pg "$PG_BIN/pg_ctl" -D "$root/data" status >/dev/null 2>&1; then
    log "stopping PostgreSQL"
    # Two stoppers may race (stop.sh while run.sh cleans up): losing the race is fine.
    as_pg "$PG_BIN/pg_ctl" -D "$root/data" -m fast -w -t 60 stop >/dev/null 2>&1 ||
      ! as_pg "$PG_BIN/pg_ctl" -D "$root/data" status >/dev/null 2>&1 ||
      die "PostgreSQL did not stop ($root/data)"
  fi
}

# psql_admin PORT DB [psql args...]: psql as the superuser over TCP loopback.
psql_admin() {
  local port=$1 db=$2
  shift 2
  PGOPTIONS="-c client_min_messages=warning" "$PG_BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}

# pg_provision PORT: databases and the read-only role. Idempotent.
pg_provision() {
  local port=$1
  psql_admin "$port" postgres <<'SQL'
SELECT 'CREATE DATABASE barberpro_dashboard'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'barberpro_dashboard') \gexec
SELECT 'CREATE DATABASE barberpro_booking'
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'barberpro_booking') \gexec
SELECT 'CREATE ROLE barberpro_reader LOGIN'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'barberpro_reader') \gexec
ALTER ROLE barberpro_reader NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT;
-- The reader only ever connects to the booking database.
REVOKE ALL ON DATABASE barberpro_dashboard FROM PUBLIC;
REVOKE ALL ON DATABASE barberpro_booking FROM PUBLIC;
GRANT CONNECT ON DATABASE barberpro_booking TO barberpro_reader;
SQL
  psql_admin "$port" barberpro_booking <<'SQL'
-- The schema belongs to the superuser that seeds it (seed-bookings uses CREATE ... IF NOT EXISTS).
CREATE SCHEMA IF NOT EXISTS booking AUTHORIZATION postgres;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA booking TO barberpro_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA booking TO barberpro_reader;
-- Tables created later by the superuser (the seeder) are readable too, and nothing more.
ALTER DEFAULT PRIVILEGES FOR ROLE postgres IN SCHEMA booking GRANT SELECT ON TABLES TO barberpro_reader;
SQL
}

# pg_provision_dashboard_roles PORT: the dashboard's two roles (issue 14). Idempotent.
#   barberpro_migrator   owns the barberpro_dashboard database and its schema; the dashboard applies its
#                        migrations as this role (ConnectionStrings:DashboardMigrations).
#   barberpro_dashboard  what the dashboard runs as: rows only (SELECT/INSERT/UPDATE/DELETE, granted by the
#                        dashboard at each start after migrating), no DDL, no role attributes, no other database;
#                        TEMPORARY on its own database, for the booking maintainer's staging tables (temp tables
#                        live in the session's own schema and vanish with it: no DDL on the dashboard's schema).
# No database but barberpro_dashboard can be reached by them: CONNECT is revoked from PUBLIC on the others.
pg_provision_dashboard_roles() {
  local port=$1
  psql_admin "$port" postgres <<'SQL'
SELECT 'CREATE ROLE barberpro_migrator LOGIN'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'barberpro_migrator') \gexec
SELECT 'CREATE ROLE barberpro_dashboard LOGIN'
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'barberpro_dashboard') \gexec
ALTER ROLE barberpro_migrator NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
ALTER ROLE barberpro_dashboard NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT;
ALTER DATABASE barberpro_dashboard OWNER TO barberpro_migrator;
REVOKE ALL ON DATABASE barberpro_dashboard FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE barberpro_dashboard TO barberpro_dashboard;
REVOKE CONNECT, TEMPORARY ON DATABASE postgres FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE template1 FROM PUBLIC;
SQL
  # A schema made before these roles existed (migrated as postgres) passes to the migrations role.
  psql_admin "$port" barberpro_dashboard <<'SQL'
DO $$
DECLARE t record;
BEGIN
  IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'dashboard') THEN
    ALTER SCHEMA dashboard OWNER TO barberpro_migrator;
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'dashboard' AND c.relkind IN ('r', 'p') LOOP
      EXECUTE format('ALTER TABLE dashboard.%I OWNER TO barberpro_migrator', t.relname);
    END LOOP;
  END IF;
END $$;
SQL
}

# ---------------------------------------------------------------------------------------------
# Prometheus

# render_prometheus_config TEMPLATE OUT SIM_TARGET INTERVAL [DASHBOARD_TARGET] [ALERTMANAGER_TARGET]
# The template (deploy/prometheus/prometheus.yml) is a valid config by itself; lines tagged with
# `# stack:...` comments are rewritten, and the dashboard job is dropped when no target is given.
render_prometheus_config() {
  local template=$1 out=$2 sim=$3 interval=$4 dash=${5:-} am=${6:-}
  awk -v sim="$sim" -v interval="$interval" -v dash="$dash" -v am="$am" '
    /# stack:dashboard-begin/ { in_dash = 1; if (dash == "") next }
    /# stack:dashboard-end/ { in_dash = 0; if (dash == "") next }
    in_dash && dash == "" { next }
    /# stack:interval/ { sub(/[0-9]+[smh]/, interval) }
    /# stack:simulator-target/ { sub(/[0-9.]+:[0-9]+/, sim) }
    /# stack:dashboard-target/ { sub(/[0-9.]+:[0-9]+/, dash) }
    /# stack:alertmanager-target/ { if (am != "") sub(/[0-9.]+:[0-9]+/, am) }
    { print }
  ' "$template" >"$out"
}

# prom_wait_target PROM_URL JOB TIMEOUT: waits until Prometheus reports JOB's targets healthy.
prom_wait_target() {
  local url=$1 job=$2 timeout=$3
  local deadline=$((SECONDS + timeout)) health=""
  while ((SECONDS < deadline)); do
    health="$(curl -fsS --max-time 2 "$url/api/v1/targets?state=active" 2>/dev/null |
      jq -r --arg job "$job" '[.data.activeTargets[] | select(.labels.job == $job) | .health] | join(",")' \
        2>/dev/null || true)"
    if [[ -n $health && $health != *down* && $health != *unknown* ]]; then
      return 0
    fi
    sleep 0.5
  done
  log "target job=$job not up after ${timeout}s (health: ${health:-none})"
  return 1
}
