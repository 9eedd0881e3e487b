#!/usr/bin/env bash
# Stops the demo started by scripts/run.sh (dashboard, simulator, Prometheus, PostgreSQL).
#   scripts/stop.sh           stop; data, history and the admin password are kept for the next run
#   scripts/stop.sh --reset   stop and delete the demo's data (next run seeds and backfills again)
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="stop"

export STACK_DIR="${STACK_DIR:-$REPO_ROOT/.stack/demo}"
if [[ ! -d $STACK_DIR ]]; then
  log "no demo in $STACK_DIR"
  exit 0
fi
stop_pidfile "$STACK_DIR/run/dashboard.pid" BarberPro.Dashboard dashboard 30
"$REPO_ROOT/scripts/stack.sh" stop
if [[ ${1:-} == --reset ]]; then
  "$REPO_ROOT/scripts/stack.sh" destroy
  log "demo data removed"
fi
