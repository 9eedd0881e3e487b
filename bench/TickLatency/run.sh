#!/usr/bin/env bash
# The checklist tick-latency benchmark in one command (issue 10): builds the dashboard and the driver (Release), starts a
# private stack (PostgreSQL, simulator, Prometheus) in .stack/bench-ticks, runs 20 ticks (or "$1") between two Chromium
# pages, writes bench/TickLatency/results.md, then stops the stack.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
export STACK_DIR="${STACK_DIR:-$ROOT/.stack/bench-ticks}"
dotnet build BarberPro.Dashboard -c Release -v quiet -nologo
dotnet build bench/TickLatency -c Release -v quiet -nologo
trap 'scripts/stack.sh stop' EXIT
scripts/stack.sh start
# shellcheck source=/dev/null
source "$STACK_DIR/env"
dotnet bench/TickLatency/bin/Release/net10.0/TickLatency.dll "$@"
