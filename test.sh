#!/usr/bin/env bash
# Runs every WarmTransfer test: installs what is missing, builds once, runs each test project in turn
# and ends with one summary line "N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
./scripts/setup.sh --tests || exit 1
echo "[test] building (Release)"
dotnet build WarmTransfer.sln -c Release -nologo -v:q -clp:ErrorsOnly || { echo "0 passed, 1 failed, 0 skipped (build failed)"; exit 1; }
log="$(mktemp)"
trap 'rm -f "$log"' EXIT
# One test project at a time: the media and browser tests are real-time and share two cores.
dotnet test WarmTransfer.sln -c Release --no-build -m:1 -nologo --logger "console;verbosity=normal" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
# vstest prints one block per project: "Total tests: N" then "Passed: N", "Failed: N", "Skipped: N" lines.
awk '/^ *Total tests: [0-9]+/ { projects++ }
     /^ +Passed: [0-9]+ *$/  { p += $2 }
     /^ +Failed: [0-9]+ *$/  { f += $2 }
     /^ +Skipped: [0-9]+ *$/ { s += $2 }
     /No test is available in/ { empty++ }
     END { printf "%d passed, %d failed, %d skipped (%d test projects", p, f, s, projects;
           if (empty) printf ", %d with no tests", empty; print ")" }' "$log"
exit "$status"
