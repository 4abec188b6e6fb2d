#!/usr/bin/env bash
# Runs every WarmTransfer test: installs what is missing, builds once, runs each test project in turn
# and ends with one summary line "N passed, N failed, N skipped".
#
# Many tests are real time (browsers, WebRTC media, speech through the dev server) on a two-core machine. A test that
# fails is run once more on its own and both outcomes are printed by name: a test that passes only the second time is
# listed as FLAKY (it still passes the run, and is a bug to chase), one that fails twice fails the run.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
./scripts/setup.sh --tests || exit 1
echo "[test] building (Release)"
dotnet build WarmTransfer.sln -c Release -nologo -v:q -clp:ErrorsOnly || { echo "0 passed, 1 failed, 0 skipped (build failed)"; exit 1; }
log="$(mktemp)"
retry_log="$(mktemp)"
trap 'rm -f "$log" "$retry_log"' EXIT
# One test project at a time: the media and browser tests are real-time and share two cores. A test that hangs
# (no test here takes more than about a minute) has its test host stopped after 5 minutes, named by blame.
run_tests() {
  dotnet test WarmTransfer.sln -c Release --no-build -m:1 -nologo --logger "console;verbosity=normal" \
    --blame-hang-timeout 5min --blame-hang-dump-type none "$@"
}
run_tests "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# vstest prints one block per project: "Total tests: N" then "Passed: N", "Failed: N", "Skipped: N" lines.
count() {
  awk '/^ *Total tests: [0-9]+/ { projects++ }
       /^ +Passed: [0-9]+ *$/  { p += $2 }
       /^ +Failed: [0-9]+ *$/  { f += $2 }
       /^ +Skipped: [0-9]+ *$/ { s += $2 }
       /No test is available in/ { empty++ }
       END { printf "%d %d %d %d %d\n", p, f, s, projects, empty }' "$1"
}
# The failed tests' method names ("  Failed Namespace.Class.Method(args) [1 s]" → Namespace.Class.Method), once each.
failed_tests() {
  sed -nE 's/^ +Failed ([A-Za-z0-9_.]+).* \[[^]]*\]$/\1/p' "$1" | sort -u
}
# Each failed test with the first line of its error message.
print_failures() {
  awk '/^ +Failed [A-Za-z0-9_.]+.* \[[^]]*\]$/ { name = $0; sub(/^ +Failed /, "", name); sub(/ \[[^]]*\]$/, "", name); want = 1; next }
       want && /^ +Error Message:/ { getline line; sub(/^ +/, "", line); print "FAILED " name ": " line; want = 0 }' "$1"
}

read -r passed failed skipped projects empty < <(count "$log")
flaky=0
if [ "$status" -ne 0 ] && [ "$failed" -gt 0 ]; then
  mapfile -t tests < <(failed_tests "$log")
  echo
  echo "[test] ${#tests[@]} test(s) failed; running each once more on its own:"
  print_failures "$log"
  filter="$(printf 'FullyQualifiedName~%s|' "${tests[@]}")"
  run_tests --filter "${filter%|}" 2>&1 | tee "$retry_log"
  retry_status=${PIPESTATUS[0]}
  read -r _ again _ _ _ < <(count "$retry_log")
  mapfile -t still < <(failed_tests "$retry_log")
  for t in "${tests[@]}"; do
    if printf '%s\n' "${still[@]}" | grep -qxF "$t"; then
      echo "FAILED twice: $t"
    else
      echo "FLAKY (failed, then passed on its own): $t"
      flaky=$((flaky + 1))
    fi
  done
  if [ "$retry_status" -eq 0 ] && [ "$again" -eq 0 ]; then
    passed=$((passed + failed))
    failed=0
    status=0
  else
    passed=$((passed + failed - again))
    failed=$again
  fi
elif [ "$failed" -gt 0 ]; then
  print_failures "$log"
fi

summary="$passed passed, $failed failed, $skipped skipped ($projects test projects"
[ "$empty" -gt 0 ] && summary+=", $empty with no tests"
[ "$flaky" -gt 0 ] && summary+=", $flaky flaky: passed only when run again"
echo "$summary)"
exit "$status"
