#!/usr/bin/env bash
# The whole check, as CI runs it (.ci/run calls this and nothing else):
#   system packages -> restore -> shellcheck -> promtool (config, rules, rule unit tests), amtool -> YAML of deploy/k8s
#   -> the simulator's build -> a private stack (PostgreSQL, simulator, Alertmanager, Prometheus; 1 s scrapes), started
#   before the rest of the build so its Prometheus gathers history meanwhile -> the solution's build
#   -> dotnet test of the whole solution against the stack -> stack stopped and removed.
# The last line printed is "N passed, M failed" (", K skipped" added when any test was skipped), counted from
# the TRX result files, which stay in TestResults/last/ after a complete test run. The count fails closed: a step
# that fails outside the tests (build, lint, promtool, stack start, a crashed test host, a signal), a test project
# that ran no test (or, with TEST_FILTER, a whole run that ran none), a missing TRX file, or console and TRX
# counts that disagree each count as one failure, so a broken run never reads "0 failed"; a skipped test fails
# the run too. Exit status: 0 only when every test ran and passed.
#
# Environment: SIMULATOR_DLL=... runs that simulator build instead of the solution's; KEEP_STACK=1 keeps the test stack's folder (logs, data) for inspection;
# TEST_FILTER=... is passed to `dotnet test --filter`.
set -euo pipefail

# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LOG_PREFIX="test"
cd "$REPO_ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

STACK_DIR="$REPO_ROOT/.stack/test-$$"
RESULTS_DIR="$REPO_ROOT/TestResults/test-sh-$$"
STACK_STARTED=0
TEST_PID=""
TEST_PROJECTS=""
TESTS_COMPLETED=0
PASSED=0
FAILED=0
TRX_FAILED=0
SKIPPED=0
CURRENT_STEP="setup"
T_START=$SECONDS
declare -a TIMINGS=()

# step NAME COMMAND...: runs a step, timing it; a failure stops the run (set -e) after the EXIT trap.
step() {
  CURRENT_STEP=$1
  shift
  local t0=$SECONDS
  log "== $CURRENT_STEP"
  "$@"
  TIMINGS+=("$CURRENT_STEP $((SECONDS - t0))s")
}

finish() {
  local rc=$?
  set +e
  if [[ -n $TEST_PID ]] && kill -0 "$TEST_PID" 2>/dev/null; then
    log "stopping the test run (pid $TEST_PID)"
    kill -TERM -- "-$TEST_PID" 2>/dev/null
    local i
    for ((i = 0; i < 50; i++)); do
      kill -0 -- "-$TEST_PID" 2>/dev/null || break
      sleep 0.2
    done
    kill -KILL -- "-$TEST_PID" 2>/dev/null
  fi
  if [[ $STACK_STARTED -eq 1 ]]; then
    if [[ ${KEEP_STACK:-0} == 1 ]]; then
      STACK_DIR="$STACK_DIR" "$REPO_ROOT/scripts/stack.sh" stop
      log "kept $STACK_DIR (KEEP_STACK=1)"
    else
      STACK_DIR="$STACK_DIR" "$REPO_ROOT/scripts/stack.sh" destroy
    fi
  else
    # Only the simulator's copy, if the run stopped between its build and the stack's start.
    rm -rf -- "$STACK_DIR"
  fi
  if [[ $rc -ne 0 && $FAILED -eq 0 && $SKIPPED -eq 0 ]]; then
    # Failed or interrupted outside any counted test (build, lint, stack, a signal): still a failure.
    log "FAILED in step: $CURRENT_STEP (exit $rc)"
    FAILED=1
  fi
  log "timings: ${TIMINGS[*]:-none}; total $((SECONDS - T_START))s"
  local summary="$PASSED passed, $FAILED failed"
  ((SKIPPED == 0)) || summary+=", $SKIPPED skipped"
  [[ $TESTS_COMPLETED -eq 0 ]] || keep_results "$summary"
  echo "$summary"
  exit "$rc"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

check_prometheus_files() {
  promtool check config deploy/prometheus/prometheus.yml
  promtool check rules deploy/prometheus/rules/*.yml
  promtool test rules deploy/prometheus/tests/*.yml
  # Debian's prometheus-alertmanager ships amtool; without it the stack's start checks the copy it runs.
  if command -v amtool >/dev/null 2>&1; then
    amtool check-config deploy/alertmanager/alertmanager.yml
  fi
}

# Syntax and shape of the Kubernetes manifests (no cluster here to dry-run against).
check_k8s_yaml() {
  local py
  if ! py="$(python_with_yaml)"; then
    warn "python3 with PyYAML not available; skipping the deploy/k8s YAML check"
    return 0
  fi
  "$py" - deploy/k8s/*.yaml <<'PY'
import os, sys, yaml
problems, objects = [], {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        for doc in yaml.safe_load_all(f):
            if doc is None:
                continue
            kind = doc.get("kind")
            if kind == "Kustomization":
                for res in doc.get("resources", []):
                    if not os.path.exists(os.path.join(os.path.dirname(path), res)):
                        problems.append(f"{path}: resource {res} does not exist")
                continue
            for key in ("apiVersion", "kind", "metadata"):
                if key not in doc:
                    problems.append(f"{path}: a document has no {key}")
            name = (doc.get("metadata") or {}).get("name")
            if not name:
                problems.append(f"{path}: {kind} has no metadata.name")
            objects[(kind, name)] = doc
# Cross-references a typo would silently break.
for (kind, name), doc in objects.items():
    if kind == "Deployment":
        selector = doc["spec"]["selector"]["matchLabels"]
        labels = doc["spec"]["template"]["metadata"]["labels"]
        if any(labels.get(k) != v for k, v in selector.items()):
            problems.append(f"Deployment {name}: selector does not match the pod labels")
        secret = objects.get(("Secret", "barberpro-dashboard-secrets"))
        for c in doc["spec"]["template"]["spec"]["containers"]:
            for env in c.get("env", []):
                ref = (env.get("valueFrom") or {}).get("secretKeyRef")
                if ref and secret and ref["key"] not in secret.get("stringData", {}):
                    problems.append(f"Deployment {name}: secret key {ref['key']} missing from the example Secret")
    if kind == "HorizontalPodAutoscaler":
        target = doc["spec"]["scaleTargetRef"]
        if ("Deployment", target["name"]) not in objects:
            problems.append(f"HPA {name}: no Deployment {target['name']}")
for p in problems:
    print(p, file=sys.stderr)
print(f"{len(objects)} Kubernetes objects checked in {len(sys.argv) - 1} files")
sys.exit(1 if problems else 0)
PY
}
# build_simulator: the simulator alone, before the rest of the solution, its output copied into the stack's folder
# (so the solution's build never writes under a running simulator): the stack starts a minute earlier and Prometheus
# has that much more history when the tests that need minutes of it (the report-vs-PromQL test) run.
build_simulator() {
  [[ -z ${SIMULATOR_DLL:-} ]] || return 0
  dotnet build BarberPro.Simulator -c Release --no-restore -nologo -v q
  local f out=""
  for f in "$REPO_ROOT"/BarberPro.Simulator/bin/Release/net*/BarberPro.Simulator.dll; do
    [[ -f $f ]] && out="$(dirname "$f")"
  done
  [[ -n $out ]] || die "the simulator's build produced no BarberPro.Simulator.dll"
  mkdir -p "$STACK_DIR/simulator-bin"
  cp -a -- "$out/." "$STACK_DIR/simulator-bin/"
  SIMULATOR_DLL="$STACK_DIR/simulator-bin/BarberPro.Simulator.dll"
}

start_stack() {
  local sim="${SIMULATOR_DLL:-}"
  [[ -n $sim ]] || die "no simulator build to run (build_simulator sets SIMULATOR_DLL)"
  STACK_STARTED=1
  STACK_DIR="$STACK_DIR" SCRAPE_INTERVAL=1s BACKFILL_DAYS=0 SIMULATOR_DLL="$sim" \
    STACK_SKIP_PACKAGES=1 DASHBOARD_TARGET="" "$REPO_ROOT/scripts/stack.sh" start
}

# list_test_projects: the test projects of the solution, one per line. No list (dotnet sln failing) or an empty one
# stops the run: without it nothing would notice a project whose tests never ran.
list_test_projects() {
  local listing
  listing="$(dotnet sln BarberPro.sln list)" || die "dotnet sln BarberPro.sln list failed: cannot tell which test projects must run"
  TEST_PROJECTS="$(grep -E '^tests/.*\.csproj$' <<<"$listing" || true)"
  [[ -n $TEST_PROJECTS ]] || die "BarberPro.sln lists no test project under tests/"
}

# trx_counter FILE NAME: one counter of a TRX file's <Counters> element (0 when absent).
trx_counter() {
  local value
  value="$(grep -o '<Counters [^>]*>' "$1" | head -n 1 | sed -n "s/.* $2=\"\([0-9]*\)\".*/\1/p")"
  echo "${value:-0}"
}

# count_results: sums the TRX files of every test project (VSTest writes one per project, also when a filter
# matches none of its tests). It fails closed:
# - a project without a TRX (its test host crashed), or more TRX files than projects, is a failure;
# - a TRX whose run did not end Completed/Passed without a failed test (a crashed host) is a failure;
# - every outcome that is neither passed nor failed (skipped, not executed, inconclusive, pending, ...) is
#   counted as skipped, and skipped tests fail the run;
# - without TEST_FILTER every project must have run at least one test; with a filter a project without a
#   matching test is normal, but the run as a whole must have run at least one test (a filter matching
#   nothing is a typo, not a pass).
count_results() {
  local trx n_trx=0 total=0 n_projects p f e t a sum outcome project
  n_projects="$(grep -c . <<<"$TEST_PROJECTS")"
  shopt -s nullglob
  for trx in "$RESULTS_DIR"/*.trx; do
    n_trx=$((n_trx + 1))
    project="$(grep -o 'Discovering: [A-Za-z0-9_.]*' "$trx" | head -n 1 | sed 's/Discovering: //')"
    project="${project:-$(basename "$trx")}"
    p="$(trx_counter "$trx" passed)"
    f="$(trx_counter "$trx" failed)"
    e="$(trx_counter "$trx" error)"
    t="$(trx_counter "$trx" timeout)"
    a="$(trx_counter "$trx" aborted)"
    sum="$(trx_counter "$trx" total)"
    PASSED=$((PASSED + p))
    FAILED=$((FAILED + f + e + t + a))
    TRX_FAILED=$((TRX_FAILED + f + e + t + a))
    # Whatever is in the total but neither passed nor failed was not run to a verdict.
    SKIPPED=$((SKIPPED + sum - p - f - e - t - a))
    total=$((total + sum))
    outcome="$(grep -o '<ResultSummary outcome="[A-Za-z]*"' "$trx" | head -n 1 | sed 's/.*outcome="\(.*\)"/\1/')"
    if [[ $outcome != Completed && $outcome != Passed && $((f + e + t + a)) -eq 0 ]]; then
      warn "$project: test run ended '$outcome' without a failed test (test host crashed?)"
      FAILED=$((FAILED + 1))
    fi
    if [[ -z ${TEST_FILTER:-} && $sum -eq 0 ]]; then
      warn "$project ran no test at all"
      FAILED=$((FAILED + 1))
    fi
  done
  shopt -u nullglob
  if ((n_trx != n_projects)); then
    warn "$n_projects test projects but $n_trx result files: a test run crashed, never ran, or is counted twice"
    FAILED=$((FAILED + (n_projects > n_trx ? n_projects - n_trx : 1)))
  fi
  if ((total == 0)); then
    if [[ -n ${TEST_FILTER:-} ]]; then
      warn "no test ran: TEST_FILTER=\"$TEST_FILTER\" matches no test"
    else
      warn "no test ran"
    fi
    FAILED=$((FAILED + 1))
  fi
  if ((SKIPPED > 0)); then
    warn "$SKIPPED test(s) skipped or not executed: a skipped test is not a pass"
  fi
}

# check_console: the console's per-test lines must agree with the TRX counts; a difference means one of them
# lost results, so it fails the run instead of warning.
check_console() {
  local log="$RESULTS_DIR/dotnet-test.log" console_passed console_failed console_skipped
  # VSTest's per-test lines: two spaces, the outcome, the test name, the duration in brackets.
  console_passed="$(grep -cE '^  Passed [^ ].* \[[^]]+\]$' "$log" || true)"
  console_failed="$(grep -cE '^  Failed [^ ].* \[[^]]+\]$' "$log" || true)"
  console_skipped="$(grep -cE '^  Skipped [^ ].* \[[^]]+\]$' "$log" || true)"
  if [[ $console_passed -ne $PASSED || $console_failed -ne $TRX_FAILED || $console_skipped -ne $SKIPPED ]]; then
    warn "console shows $console_passed passed / $console_failed failed / $console_skipped skipped, TRX files $PASSED / $TRX_FAILED / $SKIPPED"
    FAILED=$((FAILED + 1))
  fi
}

# print_fault_figures: the figures the fault tests (tests/BarberPro.EndToEnd.Tests/Faults) write to their test
# output, which the console logger shows only for failed tests: acknowledged, lost, doubled, recovery seconds.
print_fault_figures() {
  local line
  shopt -s nullglob
  grep -ho 'kill -9 of [^:&<]*: acknowledged [^&<]*s' "$RESULTS_DIR"/*.trx 2>/dev/null | sort -u |
    while IFS= read -r line; do log "fault figures: $line"; done
  shopt -u nullglob
  return 0
}

# print_failed_tests: each failed test's name and the first line of its error message, so the tail of the
# output (all that CI keeps) says which test failed and why, not only how many.
print_failed_tests() {
  local log="$RESULTS_DIR/dotnet-test.log" line
  [[ -f $log ]] || return 0
  awk '/^  Failed [^ ].* \[[^]]+\]$/ { name = substr($0, 10); want = 1; next }
       want && /^  Error Message:/ { getline; sub(/^ +/, ""); print name " :: " substr($0, 1, 300); want = 0 }' "$log" |
    while IFS= read -r line; do log "failed: $line"; done
  return 0
}

run_tests() {
  # shellcheck source=/dev/null
  source "$STACK_DIR/env"
  local -a filter=()
  if [[ -n ${TEST_FILTER:-} ]]; then
    filter=(--filter "$TEST_FILTER")
  fi
  # Result folders of earlier runs (whose test.sh is gone) are dropped; this run counts only its own.
  local old
  for old in "$REPO_ROOT"/TestResults/test-sh-*; do
    [[ -d $old ]] && ! kill -0 "${old##*-}" 2>/dev/null && rm -rf -- "$old"
  done
  mkdir -p "$RESULTS_DIR"
  log "test results: $RESULTS_DIR"
  local rc=0
  # -m:1 runs the test projects one after another: the end-to-end tests stop Prometheus and switch the
  # simulator's scenario, which must not happen under another project's tests on the shared stack.
  # In the background, in its own process group, so a TERM/INT to this script interrupts the wait
  # at once and finish() can stop the test run (and any process a test started) before the stack.
  # shellcheck disable=SC2016 # expanded by the inner bash
  setsid bash -c 'set -o pipefail; log=$1; shift; dotnet "$@" 2>&1 | tee "$log"' _ \
    "$RESULTS_DIR/dotnet-test.log" test BarberPro.sln -c Release --no-build -m:1 \
    --logger "console;verbosity=normal" --logger "trx" --results-directory "$RESULTS_DIR" "${filter[@]}" &
  TEST_PID=$!
  wait "$TEST_PID" || rc=$?
  TEST_PID=""
  TESTS_COMPLETED=1
  count_results
  check_console
  print_fault_figures
  print_failed_tests
  if [[ $rc -ne 0 && $FAILED -eq 0 ]]; then
    warn "dotnet test exited with $rc but no failed test was recorded"
    FAILED=1
  fi
  if ((FAILED > 0 || SKIPPED > 0)); then
    return 1
  fi
  return "$rc"
}

# keep_results: the TRX files, the console log and the closing line of the last complete test run stay in
# TestResults/last, so a reported figure can be checked afterwards (an interrupted run does not replace them).
keep_results() {
  local last="$REPO_ROOT/TestResults/last"
  echo "$1" >"$RESULTS_DIR/summary.txt"
  rm -rf -- "$last.old"
  [[ -d $last ]] && mv -- "$last" "$last.old"
  mv -- "$RESULTS_DIR" "$last" && rm -rf -- "$last.old"
  log "results kept in $last (summary.txt, dotnet-test.log, *.trx)"
}

step "list test projects" list_test_projects
step "packages" ensure_packages
step "dotnet restore" dotnet restore BarberPro.sln
step "shellcheck" shellcheck -x scripts/*.sh .ci/run
step "promtool" check_prometheus_files
step "k8s yaml" check_k8s_yaml
step "simulator build" build_simulator
step "stack start" start_stack
step "dotnet build" dotnet build BarberPro.sln -c Release --no-restore -nologo
step "dotnet test" run_tests
