#!/usr/bin/env bash
# Measures webcache's shared mode with the public HTTP cache test suite (https://cache-tests.fyi, npm package
# http-cache-tests): the suite's server as the origin, an embedded Jetty with the proxy servlet and
# CacheFilter mode=shared (default settings) in front of it, the suite's CLI against the proxy; prints the totals.
# Needs node/npm and a built library (the script compiles it). Everything listens on 127.0.0.1 only.
# Usage: conformance/run.sh [--list]   (--list: also print every test that did not pass, with its message)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
suite_version=0.4.5
suite="$here/node_modules/http-cache-tests"
out="$here/results"
mkdir -p "$out"

if [ ! -f "$suite/package.json" ] || ! grep -q "\"version\": \"$suite_version\"" "$suite/package.json"; then
  (cd "$here" && npm install --no-save --no-audit --no-fund "http-cache-tests@$suite_version" >/dev/null)
fi

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1]);s.close()'; }

mvn -B -ntp -q -f "$root/parent/pom.xml" -pl :webcache test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$out/classpath.txt" >/dev/null
classpath="$root/target/classes:$(cat "$out/classpath.txt")"

origin_port=$(free_port)
proxy_port=$(free_port)
pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; }
trap cleanup EXIT

# the suite's server reads its port from npm's configuration variables
(cd "$suite" && npm_config_port=$origin_port npm_config_protocol=http npm_config_pidfile="$out/origin.pid" \
  exec node --import "$here/loopback.mjs" server/server.mjs) > "$out/origin.log" 2>&1 &
pids+=($!)

java -cp "$classpath" -Dlogback.configurationFile="$here/logback.xml" "$here/ConformanceProxy.java" \
  "$proxy_port" "http://127.0.0.1:$origin_port" > "$out/proxy.log" 2>&1 &
pids+=($!)

for _ in $(seq 1 120); do
  if grep -q ready "$out/proxy.log" 2>/dev/null && grep -q Listening "$out/origin.log" 2>/dev/null; then break; fi
  sleep 0.5
done
grep -q ready "$out/proxy.log" || { echo "the proxy did not start:"; cat "$out/proxy.log"; exit 1; }

(cd "$suite" && npm_config_base="http://127.0.0.1:$proxy_port" npm_config_id= npm_package_config_id= \
  node --no-warnings cli.mjs) > "$out/results.json"
node "$here/summary.mjs" "$suite" "$out/results.json" ${1:-}
