#!/usr/bin/env bash
# HTTP benchmark of the whole-page cache's hit path on Hazelcast against Ehcache: wrk on loopback against
# HttpBenchServer (embedded Jetty, CacheFilter), with the pages stored in
#   ehcache      Ehcache on-heap (webcache's default; the baseline)
#   member       Hazelcast, the app server's embedded member in a two-member cluster (about half the pages remote)
#   member-near  the same with a near cache
#   client       Hazelcast client of a one-member cluster (every page remote)
#   client-near  the same with a near cache
# each at 2 KiB and 64 KiB, 64 pages (URLs) per configuration, every measured request a hit. All five live in one
# server JVM (three web applications), so they share its JIT and launch; the standalone Hazelcast members run in a
# second JVM (BenchClusterMembers) on the client's core, standing in for other machines. Configurations are
# interleaved, the order rotated each round. Reports medians and ratios to the Ehcache hit of the same run. Fails if
# a hit run measured anything but hits. Method and caveats: NOTES / benchmarks/README.md.
#
# Environment: ROUNDS (3), DURATION seconds per run (6), WARMUP passes over all configurations (2), CONNECTIONS (32), PAGES (64), SIZES ("2k 64k"),
# PORT (18490), CLUSTER_PORT (15701; uses it and the next two), PIN (1: server on CPU 0, wrk and the standalone
# members on CPU 1; 0: unpinned), OUT (benchmarks/target/cluster-bench).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench-lib.sh
source "$ROOT/benchmarks/bench-lib.sh"
JAR="$ROOT/benchmarks/target/benchmarks.jar"
LUA="$ROOT/benchmarks/pages.lua"
PORT=${PORT:-18490}
CLUSTER_PORT=${CLUSTER_PORT:-15701}
DURATION=${DURATION:-6}
WARMUP=${WARMUP:-2}
ROUNDS=${ROUNDS:-3}
CONNECTIONS=${CONNECTIONS:-32}
PAGES=${PAGES:-64}
SIZES=${SIZES:-2k 64k}
PIN=${PIN:-1}
OUT=${OUT:-$ROOT/benchmarks/target/cluster-bench}

priority_session "$0" "$@"

command -v wrk > /dev/null || { echo "wrk is not installed: apt-get update && apt-get install -y wrk" >&2; exit 1; }
if [[ ! -f "$JAR" ]]; then
  mvn -B -ntp -q -f "$ROOT/parent/pom.xml" -pl :webcache-benchmarks -am package -DskipTests
fi
for port in "$PORT" "$CLUSTER_PORT" $((CLUSTER_PORT + 1)) $((CLUSTER_PORT + 2)); do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
    echo "port $port is in use; set PORT or CLUSTER_PORT" >&2
    exit 1
  fi
done
mkdir -p "$OUT"
CSV="$OUT/runs.csv"
echo "round,config,size,rps,requests,server_cpu_us_per_req,member_cpu_us_per_req,client_core_pct,near_hit_pct,p50_ms,p99_ms,other_pct,server_core_pct" \
  > "$CSV"

SERVER_PIN=() CLIENT_PIN=()
if [[ "$PIN" == 1 ]]; then
  SERVER_PIN=(taskset -c 0) CLIENT_PIN=(taskset -c 1)
fi
# Hazelcast's recommended module flags, and no phone-home; given to both JVMs
HZ_OPTS=(--add-modules java.se --add-exports java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens java.base/java.lang=ALL-UNNAMED --add-opens java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens java.management/sun.management=ALL-UNNAMED
  --add-opens jdk.management/com.sun.management.internal=ALL-UNNAMED
  -Dhazelcast.phone.home.enabled=false -Dorg.slf4j.simpleLogger.log.com.hazelcast=warn)

"${CLIENT_PIN[@]}" java -XX:+UseG1GC -Xms512m -Xmx512m -XX:+AlwaysPreTouch "${HZ_OPTS[@]}" \
  -cp "$JAR" dev.webcache.benchmarks.BenchClusterMembers "$CLUSTER_PORT" > "$OUT/members.log" 2>&1 &
MEMBERS_PID=$!
SERVER_PID=
stop_all() {
  for pid in $SERVER_PID $MEMBERS_PID; do
    kill "$pid" 2> /dev/null || true
    wait "$pid" 2> /dev/null || true
  done
}
trap stop_all EXIT
for _ in $(seq 1 60); do
  grep -q "ready" "$OUT/members.log" && break
  sleep 0.5
done
grep -q "ready" "$OUT/members.log" || { echo "the Hazelcast members did not start; see $OUT/members.log" >&2; exit 1; }

"${SERVER_PIN[@]}" java -XX:+UseG1GC -Xms1g -Xmx1g -XX:+AlwaysPreTouch -Xlog:gc:file="$OUT/gc.log" "${HZ_OPTS[@]}" \
  -cp "$JAR" dev.webcache.benchmarks.HttpBenchServer "$PORT" "$CLUSTER_PORT" > "$OUT/server.log" 2>&1 &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do
  curl -fs "$BASE/client/stats" > /dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$BASE/client/stats" > /dev/null || { echo "the bench server did not start; see $OUT/server.log" >&2; exit 1; }
head -1 "$OUT/server.log"

# the URL path of a configuration's pages (wrk adds /0 .. /PAGES-1) and of its statistics
page_path() {
  case "$1" in
    ehcache) echo "/hit/$2" ;;
    member) echo "/member/hit/$2" ;;
    member-near) echo "/member/near/$2" ;;
    client) echo "/client/hit/$2" ;;
    client-near) echo "/client/near/$2" ;;
  esac
}
stats_path() {
  case "$1" in
    ehcache) echo "/stats" ;;
    *-near) echo "/${1%-near}/stats?alias=near" ;;
    *) echo "/$1/stats?alias=default" ;;
  esac
}
stat_value() { curl -fs "$BASE$(stats_path "$1")" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# busy ticks of both CPUs together (to see what neighbours took: busy - server - members - wrk)
busy_ticks() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
TICK=$(getconf CLK_TCK)

# one wrk run over the configuration's pages; prints "rps requests p50_ms p99_ms wrk_cpu_seconds"
run_wrk() {
  local output TIMEFORMAT='%U %S'
  { time "${CLIENT_PIN[@]}" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --latency -s "$LUA" \
    "$BASE$(page_path "$1" "$2")" -- "$PAGES" > "$OUT/wrk.out"; } 2> "$OUT/wrk.time"
  output=$(< "$OUT/wrk.out")
  fail_on_wrk_errors "$1 $2" "$output"
  wrk_summary "$output"
  awk '{ print " " $1 + $2 }' "$OUT/wrk.time"
}

BACKENDS=(ehcache member member-near client client-near)
CONFIGS=()
for size in $SIZES; do
  for backend in "${BACKENDS[@]}"; do
    CONFIGS+=("$backend/$size")
  done
done
echo "warm-up: $WARMUP x every configuration for ${DURATION} s (the first request of each page stores it)"
for _ in $(seq 1 "$WARMUP"); do
  for config in "${CONFIGS[@]}"; do
    run_wrk "${config%/*}" "${config#*/}" > /dev/null
  done
done
declare -A RENDERS
for backend in "${BACKENDS[@]}"; do
  RENDERS[$backend]=$(stat_value "$backend" hit-renders)
  echo "$backend: $(curl -fs "$BASE$(stats_path "$backend")")"
done

for round in $(seq 1 "$ROUNDS"); do
  n=${#CONFIGS[@]}
  for i in $(seq 0 $((n - 1))); do
    config=${CONFIGS[$(((i + round - 1) % n))]}
    backend=${config%/*} size=${config#*/}
    hits_before=$(stat_value "$backend" hits)
    near_before=$(stat_value "$backend" near-hits)
    server_before=$(cpu_ticks "$SERVER_PID")
    members_before=$(cpu_ticks "$MEMBERS_PID")
    busy_before=$(busy_ticks)
    start=$(date +%s.%N)
    result=$(run_wrk "$backend" "$size")
    wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { print e - s }')
    busy_after=$(busy_ticks)
    members_after=$(cpu_ticks "$MEMBERS_PID")
    server_after=$(cpu_ticks "$SERVER_PID")
    near_after=$(stat_value "$backend" near-hits)
    hits_after=$(stat_value "$backend" hits)
    read -r rps requests p50 p99 wrk_cpu <<< "$result"
    if (( hits_after - hits_before < requests )); then
      echo "$config: $requests responses but only $((hits_after - hits_before)) hits" >&2
      exit 1
    fi
    # server core and client core (wrk + the standalone members) in % of one core; other = what the rest of the
    # machine used (neighbours, loopback interrupts), mostly the client core's idle part
    read -r server_cpu member_cpu client_core near other server_core <<< "$(awk -v s=$((server_after - server_before)) \
      -v m=$((members_after - members_before)) -v b=$((busy_after - busy_before)) -v w="$wrk_cpu" -v t="$wall" \
      -v n=$((near_after - near_before)) -v hz="$TICK" -v r="$requests" 'BEGIN {
        printf "%.1f %.1f %.0f %.1f %.0f %.0f\n", s / hz * 1e6 / r, m / hz * 1e6 / r, 100 * (m / hz + w) / t, 100 * n / r,
          100 * ((b - s - m) / hz - w) / t, 100 * s / hz / t }')"
    echo "$round,$backend,$size,$rps,$requests,$server_cpu,$member_cpu,$client_core,$near,$p50,$p99,$other,$server_core" >> "$CSV"
    printf 'round %s  %-15s %8s req/s  server %6s us/req (core %3s%%)  members %5s us/req  client core %3s%%  near-hits %5s%%  p50 %s ms  p99 %s ms  other %s%%\n' \
      "$round" "$config" "$rps" "$server_cpu" "$server_core" "$member_cpu" "$client_core" "$near" "$p50" "$p99" "$other"
    sleep 1
  done
done
for backend in "${BACKENDS[@]}"; do
  if [[ "$(stat_value "$backend" hit-renders)" != "${RENDERS[$backend]}" ]]; then
    echo "$backend: the pages rendered during the measured rounds: the hit runs were not all hits" >&2
    exit 1
  fi
  echo "$backend: $(curl -fs "$BASE$(stats_path "$backend")")"
done

# the ratios to the Ehcache run of the same round (neighbours change the machine's speed between rounds): the
# median, min and max over the rounds
round_ratios() {
  awk -F, -v n="$1" -v s="$2" -v f="$3" '$3 == s && $2 == n { num[$1] = $f } $3 == s && $2 == "ehcache" { den[$1] = $f }
    END { for (r in num) if (r in den) print num[r] / den[r] }' "$CSV" | sort -g | awk '{ v[NR] = $1 }
    END { printf "%.2f %.2f %.2f\n", (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2, v[1], v[NR] }'
}
{
  echo "| size | pages in | req/s | **req/s ratio** (rounds: median, min-max) | server CPU us/req | **CPU/req ratio** | server core | standalone members CPU us/req | client core (wrk + members) | near-cache hits | p50 ms | neighbours |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  for size in $SIZES; do
    base_rps=$(column_median ehcache "$size" 4) base_cpu=$(column_median ehcache "$size" 6)
    for backend in "${BACKENDS[@]}"; do
      read -r rr rmin rmax <<< "$(round_ratios "$backend" "$size" 4)"
      read -r cr cmin cmax <<< "$(round_ratios "$backend" "$size" 6)"
      awk -v s="$size" -v b="$backend" -v rps="$(column_median "$backend" "$size" 4)" -v br="$base_rps" \
          -v cpu="$(column_median "$backend" "$size" 6)" -v bc="$base_cpu" -v m="$(column_median "$backend" "$size" 7)" \
          -v c1="$(column_median "$backend" "$size" 8)" -v nh="$(column_median "$backend" "$size" 9)" \
          -v p50="$(column_median "$backend" "$size" 10)" -v o="$(column_median "$backend" "$size" 12)" -v sc="$(column_median "$backend" "$size" 13)" -v rr="$rr" -v rmin="$rmin" -v rmax="$rmax" \
          -v cr="$cr" -v cmin="$cmin" -v cmax="$cmax" 'BEGIN {
        printf "| %s | %s | %.0f | **%.2f** (%.2f, %.2f-%.2f) | %.1f | **%.2f** (%.2f-%.2f) | %.0f %% | %.1f | %.0f %% | %.0f %% | %.2f | %.0f %% |\n",
          s, b, rps, rps / br, rr, rmin, rmax, cpu, cpu / bc, cmin, cmax, sc, m, c1, nh, p50, o }'
    done
  done
  echo
  echo "Medians of $ROUNDS interleaved rounds after $WARMUP warm-up passes, ${DURATION} s each, wrk -t1 -c$CONNECTIONS over $PAGES pages, PIN=$PIN;"
  echo "ratios are to the Ehcache hit (ratio of the medians; in brackets the per-round ratios). Runs in $CSV."
} | tee "$OUT/results.md"
