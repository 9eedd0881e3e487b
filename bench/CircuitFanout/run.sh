#!/usr/bin/env bash
# The circuit fan-out benchmark in one command (issue 9): builds the dashboard and the driver (Release), starts a
# private stack (PostgreSQL, simulator, Prometheus scraping every 1 s) in .stack/bench-circuits, raises the open-file
# limit for 1,000+ sockets, runs every step and writes bench/CircuitFanout/results.md, then stops the stack.
#
#   bench/CircuitFanout/run.sh                                # 1, 100, 500 and 1,000 circuits of / (the overview)
#   bench/CircuitFanout/run.sh --circuits 1,100 --window 20   # options: bench/CircuitFanout/Options.cs
#
# It loads the whole machine for several minutes: run it when nothing else is measuring.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

# Each circuit holds one socket in the driver and one in the dashboard (both inherit this limit).
want=65536
hard="$(ulimit -Hn)"
if [[ "$hard" != unlimited && "$hard" -lt "$want" ]]; then
  want="$hard"
fi
ulimit -n "$want"
echo "open-file limit: $(ulimit -n)"

export STACK_DIR="${STACK_DIR:-$ROOT/.stack/bench-circuits}"
export SCRAPE_INTERVAL=1s

dotnet build BarberPro.Dashboard -c Release -v quiet -nologo
dotnet build bench/CircuitFanout -c Release -v quiet -nologo

trap 'scripts/stack.sh stop' EXIT
scripts/stack.sh start
# shellcheck source=/dev/null
source "$STACK_DIR/env"

started=$SECONDS
dotnet bench/CircuitFanout/bin/Release/net10.0/CircuitFanout.dll "$@"
echo "benchmark took $((SECONDS - started)) s"
