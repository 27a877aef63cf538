#!/usr/bin/env bash
# Installs and starts the OpenAI-compatible mock server of the wire tests (Mockoon CLI serving mock-llm.json) on
# 127.0.0.1, waits until it answers, and prints the variables the tests read, as shell `export` lines:
#
#   eval "$(tests/mock-llm/start.sh)"     # then: dotnet test tests/AgentFlow.Tests --filter Category=Wire
#   tests/mock-llm/stop.sh                 # when done
#
# Progress goes to stderr; stdout carries only the export lines. The port is AGENTFLOW_MOCK_LLM_PORT, else a free one.
# The server's PID is written to tests/mock-llm/.run/server.pid, its log to tests/mock-llm/.run/server.log, and the
# export lines to tests/mock-llm/.run/env (so `. tests/mock-llm/.run/env` works too). Fails (exit 1) with a reason
# when Node.js or npm is missing, the install fails, or the server is not ready within 30 seconds.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
run="$here/.run"

fail() {
    echo "mock-llm: $*" >&2
    exit 1
}

command -v node >/dev/null 2>&1 || fail "Node.js is not installed: the wire tests need Node.js 20 or later and npm (e.g. apt-get install nodejs npm)."
command -v npm >/dev/null 2>&1 || fail "npm is not installed: the wire tests need it to install the mock server (e.g. apt-get install npm)."
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$node_major" -ge 20 ] || fail "Node.js $(node --version) is too old: the wire tests need Node.js 20 or later."

mkdir -p "$run"
if [ -f "$run/server.pid" ] && kill -0 "$(cat "$run/server.pid")" 2>/dev/null; then
    fail "a mock server started earlier is still running (PID $(cat "$run/server.pid")): run tests/mock-llm/stop.sh first."
fi

# npm ci installs exactly what package-lock.json pins; --prefer-offline uses the local cache when it can. An install
# of the same lock file is reused.
lock_hash="$(node -p 'require("crypto").createHash("sha256").update(require("fs").readFileSync(process.argv[1])).digest("hex")' "$here/package-lock.json")"
if [ ! -x "$here/node_modules/.bin/mockoon-cli" ] || [ "$(cat "$run/installed" 2>/dev/null)" != "$lock_hash" ]; then
    echo "mock-llm: installing the mock server (npm ci)" >&2
    if ! (cd "$here" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error >"$run/install.log" 2>&1); then
        tail -n 20 "$run/install.log" >&2
        fail "npm ci failed in tests/mock-llm (see $run/install.log)."
    fi
    echo "$lock_hash" >"$run/installed"
fi

port="${AGENTFLOW_MOCK_LLM_PORT:-}"
if [ -z "$port" ]; then
    port="$(node -e 'const s = require("net").createServer(); s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });')"
fi
# The admin API (request logs, state reset) needs a bearer token; a fresh one per start, handed to the tests.
token="$(node -p 'require("crypto").randomBytes(16).toString("hex")')"

"$here/node_modules/.bin/mockoon-cli" start \
    --data "$here/mock-llm.json" \
    --hostname 127.0.0.1 \
    --port "$port" \
    --admin-api-token "$token" \
    --max-transaction-logs 1000 \
    --disable-log-to-file \
    </dev/null >"$run/server.log" 2>&1 &
pid=$!
echo "$pid" >"$run/server.pid"

base="http://127.0.0.1:$port"
ready=0
for _ in $(seq 1 60); do
    if ! kill -0 "$pid" 2>/dev/null; then
        tail -n 20 "$run/server.log" >&2
        rm -f "$run/server.pid"
        fail "the mock server exited during start-up (see $run/server.log)."
    fi
    if node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' "$base/health" 2>/dev/null; then
        ready=1
        break
    fi
    sleep 0.5
done
if [ "$ready" -ne 1 ]; then
    kill "$pid" 2>/dev/null || true
    rm -f "$run/server.pid"
    tail -n 20 "$run/server.log" >&2
    fail "the mock server did not answer $base/health within 30 seconds (see $run/server.log)."
fi

{
    echo "export AGENTFLOW_MOCK_LLM_URL=$base/v1"
    echo "export AGENTFLOW_MOCK_LLM_ADMIN_TOKEN=$token"
} >"$run/env"
echo "mock-llm: ready at $base/v1 (PID $pid)" >&2
cat "$run/env"
