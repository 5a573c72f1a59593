#!/usr/bin/env bash
# The project's test command (README): builds everything, starts the brokers the suite needs,
# runs the NUnit suite and prints one closing line: "tests: N passed, N failed, N skipped".
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

command -v dotnet >/dev/null || { echo "test.sh: the .NET SDK (dotnet) is required" >&2; exit 1; }

# Start every broker and peer the suite needs (tools/brokers/NAME.sh start) that is not running yet, and stop on
# exit only those this run started: a broker already running (yours, or another run's) is used as it is.
# KOMBU_SKIP_BROKERS=1 skips this for a run against servers you started yourself.
started=()
stop_brokers() {
  for name in "${started[@]}"; do bash "tools/brokers/$name.sh" stop || true; done
}
trap stop_brokers EXIT
if [ "${KOMBU_SKIP_BROKERS:-0}" != 1 ]; then
  for script in tools/brokers/*.sh; do
    name=$(basename "$script" .sh)
    [ "$name" = common ] && continue
    running=0
    bash "$script" status >/dev/null 2>&1 && running=1
    bash "$script" start   # when already running this only installs what the tests' peers need
    [ "$running" = 1 ] || started+=("$name")
  done
fi

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

dotnet build Kombu.sln -c Release -nologo -v quiet
bash tools/bench/run.sh --smoke

set +e
# The packaging test: pack, add the packages to a fresh console app, run the README's quick overview and `kombu demo`.
# It counts as one test in the closing line; its failure fails the run.
bash tools/pack-test.sh --no-build
pack_status=$?

dotnet test Kombu.sln -c Release --no-build -nologo -v quiet \
  --logger "trx;LogFileName=results.trx" --results-directory "$results" "$@"
status=$?
set -e

passed=0 failed=0 skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n1)
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0; }
  t=$(get total); p=$(get passed); f=$(get failed); e=$(get error); to=$(get timeout); ab=$(get aborted)
  passed=$((passed + p))
  failed=$((failed + f + e + to + ab))
  skipped=$((skipped + t - p - f - e - to - ab))
done
# Every skip says why (only emulator limits may skip): print each skipped test with its reason, and each failed test
# with the start of its message (the console logger names neither).
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  /usr/bin/python3 - "$trx" <<'PY' || true
import html, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
for m in re.finditer(r'<UnitTestResult [^>]*testName="([^"]*)"[^>]*outcome="(NotExecuted|Failed)"[^>]*>(.*?)</UnitTestResult>', text, re.S):
    reason = re.search(r"<Message>(.*?)</Message>", m.group(3), re.S)
    why = " ".join(html.unescape(reason.group(1)).split())[:400] if reason else "no reason given"
    print(f"{'skipped' if m.group(2) == 'NotExecuted' else 'FAILED'}: {html.unescape(m.group(1))}: {why}")
PY
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
if [ "$pack_status" -eq 0 ]; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
