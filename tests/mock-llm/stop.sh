#!/usr/bin/env bash
# Stops the mock server that tests/mock-llm/start.sh started, by the PID it wrote.
set -uo pipefail

run="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/.run"
[ -f "$run/server.pid" ] || exit 0
pid="$(cat "$run/server.pid")"
if kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null
    for _ in $(seq 1 20); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.25
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
fi
rm -f "$run/server.pid"
