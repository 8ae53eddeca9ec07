#!/usr/bin/env bash
# HTTP benchmark of the whole-page cache: wrk on loopback against HttpBenchServer (embedded Jetty).
# SCENARIO=hit (the default) measures, in one run and interleaved: (a) /limit = a servlet writing a precomputed
# byte[]; (b) /hit = the same page served as a CacheFilter hit to an identity client; (e) /gzip = that hit to a
# client sending Accept-Encoding: gzip (the page is stored gzip-compressed); (c) /pass = an uncacheable
# (Cache-Control: private) response through CacheFilter; (d) /direct = that response without the filter; each at
# 2 KiB and 64 KiB. Reports medians over the rounds and the ratios b/a, e/b and c/d (req/s, server CPU per
# request, and the median of the ratios within each round). Fails if a hit run measured anything but hits.
# SCENARIO=stampede runs 64 connections against an expensive page (20 ms CPU) that expires every second, with
# request coalescing on and off, and reports renders per second, req/s and latency.
# Method and caveats: benchmarks/README.md.
#
# Environment: SCENARIO (hit), ROUNDS (3), DURATION seconds per run (8), CONNECTIONS (32; the stampede uses 64),
# PORT (18480), PIN (1: server on CPU 0, wrk on CPU 1; 0: unpinned), OUT (benchmarks/target/http-bench[-stampede]).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench-lib.sh
source "$ROOT/benchmarks/bench-lib.sh"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
PORT=${PORT:-18480}
DURATION=${DURATION:-8}
ROUNDS=${ROUNDS:-3}
SCENARIO=${SCENARIO:-hit}
PIN=${PIN:-1}
case "$SCENARIO" in
  hit) CONNECTIONS=${CONNECTIONS:-32} OUT=${OUT:-$ROOT/benchmarks/target/http-bench}
       CONFIGS=(limit/2k hit/2k gzip/2k pass/2k direct/2k limit/64k hit/64k gzip/64k pass/64k direct/64k) ;;
  stampede) CONNECTIONS=${CONNECTIONS:-64} OUT=${OUT:-$ROOT/benchmarks/target/http-bench-stampede}
       CONFIGS=(stampede-on/8k stampede-off/8k) ;;
  *) echo "SCENARIO must be hit or stampede" >&2; exit 1 ;;
esac

priority_session "$0" "$@"

command -v wrk > /dev/null || { echo "wrk is not installed: apt-get update && apt-get install -y wrk" >&2; exit 1; }
if [[ ! -f "$JAR" ]]; then
  mvn -B -ntp -q -f "$ROOT/parent/pom.xml" -pl :webcache-benchmarks -am package -DskipTests
fi
if (exec 3<> "/dev/tcp/127.0.0.1/$PORT") 2> /dev/null; then
  echo "port $PORT is in use; set PORT" >&2
  exit 1
fi
mkdir -p "$OUT"
CSV="$OUT/runs.csv"
echo "round,config,size,rps,requests,cpu_us_per_req,p50_ms,p99_ms,renders_per_s" > "$CSV"

SERVER_PIN=() CLIENT_PIN=()
if [[ "$PIN" == 1 ]]; then
  SERVER_PIN=(taskset -c 0) CLIENT_PIN=(taskset -c 1)
fi
"${SERVER_PIN[@]}" java -XX:+UseG1GC -Xms1g -Xmx1g -XX:+AlwaysPreTouch -Xlog:gc:file="$OUT/gc.log" \
  -cp "$JAR" dev.webcache.benchmarks.HttpBenchServer "$PORT" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
trap 'kill "$SERVER_PID" 2> /dev/null || true; wait "$SERVER_PID" 2> /dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 60); do
  curl -fs "$BASE/stats" > /dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$BASE/stats" > /dev/null || { echo "the bench server did not start; see $OUT/server.log" >&2; exit 1; }
head -1 "$OUT/server.log"

stat_value() { curl -fs "$BASE/stats" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVER_PID/stat"; }
TICK=$(getconf CLK_TCK)

# one wrk run of a configuration; prints "rps requests p50_ms p99_ms"
run_wrk() {
  local output path=$1 headers=()
  if [[ "$1" == gzip/* ]]; then
    path=hit/${1#*/} headers=(-H "Accept-Encoding: gzip")
  elif [[ "$1" == stampede-* ]]; then
    path=stampede/${1%/*}; path=${path/stampede-/}
  fi
  output=$("${CLIENT_PIN[@]}" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency "${headers[@]}" \
    "$BASE/$path")
  fail_on_wrk_errors "/$1" "$output"
  wrk_summary "$output"
  echo
}

echo "warm-up: every configuration for ${DURATION} s"
for config in "${CONFIGS[@]}"; do
  run_wrk "$config" > /dev/null
done
HIT_RENDERS=$(stat_value hit-renders)

for round in $(seq 1 "$ROUNDS"); do
  n=${#CONFIGS[@]}
  for i in $(seq 0 $((n - 1))); do
    config=${CONFIGS[$(((i + round - 1) % n))]}
    hits_before=$(stat_value hits)
    renders_before=$(stat_value "${config%/*}-renders")
    ticks_before=$(cpu_ticks)
    result=$(run_wrk "$config")
    read -r rps requests p50 p99 <<< "$result"
    ticks_after=$(cpu_ticks)
    hits_after=$(stat_value hits)
    renders_after=$(stat_value "${config%/*}-renders")
    if [[ "$config" == hit/* || "$config" == gzip/* ]] && (( hits_after - hits_before < requests )); then
      echo "/$config: $requests responses but only $((hits_after - hits_before)) hits" >&2
      exit 1
    fi
    cpu=$(awk -v t=$((ticks_after - ticks_before)) -v hz="$TICK" -v r="$requests" 'BEGIN { printf "%.1f", t / hz * 1e6 / r }')
    renders=0
    if [[ "$config" == stampede-* ]]; then
      renders=$(awk -v n=$((renders_after - renders_before)) -v d="$DURATION" 'BEGIN { printf "%.1f", n / d }')
    fi
    echo "$round,${config%/*},${config#*/},$rps,$requests,$cpu,$p50,$p99,$renders" >> "$CSV"
    printf 'round %s  %-13s %10s req/s  %6s us CPU/req  p50 %s ms  p99 %s ms  %s renders/s\n' "$round" "/$config" \
      "$rps" "$cpu" "$p50" "$p99" "$renders"
    sleep 1
  done
done
if [[ "$(stat_value hit-renders)" != "$HIT_RENDERS" ]]; then
  echo "the /hit servlets rendered during the measured rounds: the hit runs were not all hits" >&2
  exit 1
fi

# the median over rounds of num/den within each round: neighbours change the machine's speed between rounds, and
# the two runs of one round are closest in time
round_ratio() {
  awk -F, -v n="$1" -v d="$2" -v s="$3" -v f="$4" '$3 == s && $2 == n { num[$1] = $f } $3 == s && $2 == d { den[$1] = $f }
    END { for (r in num) if (r in den) print num[r] / den[r] }' "$CSV" | median
}
if [[ "$SCENARIO" == stampede ]]; then
  {
    echo "| coalescing | renders/s | req/s | p50 ms | p99 ms | CPU µs/req |"
    echo "|---|---|---|---|---|---|"
    for mode in on off; do
      awk -v m="$mode" -v r="$(column_median "stampede-$mode" 8k 9)" -v q="$(column_median "stampede-$mode" 8k 4)" \
          -v p50="$(column_median "stampede-$mode" 8k 7)" -v p99="$(column_median "stampede-$mode" 8k 8)" \
          -v c="$(column_median "stampede-$mode" 8k 6)" \
          'BEGIN { printf "| %s | %.1f | %.0f | %.2f | %.2f | %.1f |\n", m, r, q, p50, p99, c }'
    done
    echo
    echo "off/on, medians of the per-round ratios: renders/s $(round_ratio stampede-off stampede-on 8k 9)," \
      "req/s $(round_ratio stampede-off stampede-on 8k 4), p99 $(round_ratio stampede-off stampede-on 8k 8)."
    echo "Medians of $ROUNDS interleaved rounds, ${DURATION} s each, wrk -t1 -c$CONNECTIONS, PIN=$PIN; runs in $CSV."
  } | tee "$OUT/results.md"
  exit 0
fi
{
  echo "| size | limit (a) req/s | hit (b) req/s | **b/a** | gzip hit (e) req/s | **e/b** | pass (c) req/s | direct (d) req/s | **c/d** | CPU/req b/a | CPU/req e/b | CPU/req c/d | b/a per round | e/b per round | c/d per round |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  for size in 2k 64k; do
    a=$(column_median limit "$size" 4) b=$(column_median hit "$size" 4) e=$(column_median gzip "$size" 4)
    c=$(column_median pass "$size" 4) d=$(column_median direct "$size" 4)
    ca=$(column_median limit "$size" 6) cb=$(column_median hit "$size" 6) ce=$(column_median gzip "$size" 6)
    cc=$(column_median pass "$size" 6) cd=$(column_median direct "$size" 6)
    rb=$(round_ratio hit limit "$size" 4) re=$(round_ratio gzip hit "$size" 4) rc=$(round_ratio pass direct "$size" 4)
    awk -v s="$size" -v a="$a" -v b="$b" -v e="$e" -v c="$c" -v d="$d" -v ca="$ca" -v cb="$cb" -v ce="$ce" \
        -v cc="$cc" -v cd="$cd" -v rb="$rb" -v re="$re" -v rc="$rc" 'BEGIN {
      printf "| %s | %.0f | %.0f | **%.2f** | %.0f | **%.2f** | %.0f | %.0f | **%.2f** | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f |\n",
        s, a, b, b / a, e, e / b, c, d, c / d, cb / ca, ce / cb, cc / cd, rb, re, rc }'
  done
  echo
  echo "Medians of $ROUNDS interleaved rounds, ${DURATION} s each, wrk -t1 -c$CONNECTIONS, PIN=$PIN; runs in $CSV."
} | tee "$OUT/results.md"
