#!/usr/bin/env bash
# Runs the whole WarmTransfer system locally on the embedded defaults, with no account or key:
# the LiveKit-compatible dev server, the control API (which serves the web pages) and the worker.
# Installs what is missing first. Ctrl-C stops everything.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
./scripts/setup.sh

say() { printf '\033[1;34m[run]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[run] error:\033[0m %s\n' "$*" >&2; exit 1; }

DEVSERVER_PORT=7880
CONTROL_PORT=8080
WORKER_HEALTH_PORT=8081
for port in $DEVSERVER_PORT $CONTROL_PORT $WORKER_HEALTH_PORT; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    die "port $port on 127.0.0.1 is already in use (another WarmTransfer or LiveKit running?); stop it and retry"
  fi
done

say "building the dev server, control API and worker (Release)"
for project in src/LiveKit.DevServer src/ControlApi src/TransferAgent; do
  dotnet build "$project" -c Release -nologo -v:q -clp:"ErrorsOnly;NoSummary" || die "build of $project failed (errors above)"
done

logs="$root/.run"
mkdir -p "$logs"
pids=()
stop_all() {
  trap - INT TERM EXIT
  say "stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
# Ctrl-C is the normal way out: stop everything and exit 0; any other exit stops the rest too.
trap 'stop_all; exit 0' INT TERM
trap stop_all EXIT

export LIVEKIT_URL="ws://127.0.0.1:$DEVSERVER_PORT" LIVEKIT_API_KEY=devkey LIVEKIT_API_SECRET=secret
export CONTROL_API_URL="http://127.0.0.1:$CONTROL_PORT" WORKER_API_KEY=dev-worker-key AGENT_NAME=warm-transfer
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
export Health__Urls="http://127.0.0.1:$WORKER_HEALTH_PORT"

start() { # name dll
  local name=$1 dll=$2
  dotnet "$dll" >"$logs/$name.log" 2>&1 &
  pids+=($!)
  say "started $name (pid $!, log .run/$name.log)"
}
wait_http() { # name url
  local name=$1 url=$2
  for _ in $(seq 1 120); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || { tail -20 "$logs/$name.log" >&2; die "$name exited; see .run/$name.log"; }; done
    sleep 0.5
  done
  tail -20 "$logs/$name.log" >&2; die "$name did not become ready at $url within 60 s"
}

start devserver src/LiveKit.DevServer/bin/Release/net10.0/LiveKit.DevServer.dll
wait_http devserver "http://127.0.0.1:$DEVSERVER_PORT/"
start control-api src/ControlApi/bin/Release/net10.0/ControlApi.dll
wait_http control-api "http://127.0.0.1:$CONTROL_PORT/ready"
start worker src/TransferAgent/bin/Release/net10.0/TransferAgent.dll
# Ready = registered with the dev server's /agent endpoint, so the first call gets its transcript.
wait_http worker "http://127.0.0.1:$WORKER_HEALTH_PORT/ready"

cat <<MSG

  WarmTransfer is running (embedded defaults, no account needed):
    Caller page      http://127.0.0.1:$CONTROL_PORT/caller.html
    Agent console    http://127.0.0.1:$CONTROL_PORT/agent.html   (sign in as alice, bob or carol; password: dev)
    API docs         http://127.0.0.1:$CONTROL_PORT/docs
    LiveKit (dev)    ws://127.0.0.1:$DEVSERVER_PORT   (key devkey, secret secret)
    Worker health    http://127.0.0.1:$WORKER_HEALTH_PORT/ready
  Logs in .run/. Press Ctrl-C to stop.

MSG
wait -n "${pids[@]}" || true
die "a component exited; see the logs in .run/"
