#!/usr/bin/env bash
# HTTP benchmark of the whole-page cache: wrk on loopback against HttpBenchServer (embedded Jetty).
# SCENARIO=hit (the default) measures, in one run and interleaved: (a) /limit = a servlet writing a precomputed
# byte[]; (b) /hit = the same page served as a CacheFilter hit to an identity client; (e) /gzip = that hit to a
# client sending Accept-Encoding: gzip (the page is stored gzip-compressed); (c) /pass = an uncacheable
# (Cache-Control: private) response through CacheFilter; (d) /direct = that response without the filter; (n) the
# /limit page as an nginx proxy_cache hit (nginx from the Debian package: one process pinned to the server's CPU,
# proxy_cache_valid 200 10m, sendfile on, access_log off), to an identity client; each at 2 KiB and 64 KiB. Reports
# medians over the rounds and the ratios b/a, e/b, c/d and b/n (req/s, server CPU per request (the JVM's, or the
# nginx process's), p99, and the median of the ratios within each round). Fails if a hit run measured anything but
# hits: webcache's hit counter, and for nginx its X-Cache-Status before the rounds and the /limit servlets'
# render counter during them.
# SCENARIO=stampede runs 64 connections against an expensive page (20 ms CPU) that expires every second, with
# request coalescing on and off, and reports renders per second, req/s and latency.
# Method and caveats: benchmarks/README.md.
#
# Environment: SCENARIO (hit), ROUNDS (3), DURATION seconds per run (8), CONNECTIONS (32; the stampede uses 64),
# PORT (18480; nginx listens on PORT + 1), PIN (1: servers on CPU 0, wrk on CPU 1; 0: unpinned),
# OUT (benchmarks/target/http-bench[-stampede]), ONLY (a subset of the configurations, e.g. "limit/64k hit/64k
# nginx/64k": the runs and their per-round lines, no summary tables).
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
       CONFIGS=(limit/2k hit/2k gzip/2k pass/2k direct/2k nginx/2k limit/64k hit/64k gzip/64k pass/64k direct/64k
                nginx/64k) ;;
  stampede) CONNECTIONS=${CONNECTIONS:-64} OUT=${OUT:-$ROOT/benchmarks/target/http-bench-stampede}
       CONFIGS=(stampede-on/8k stampede-off/8k) ;;
  *) echo "SCENARIO must be hit or stampede" >&2; exit 1 ;;
esac
if [[ -n "${ONLY:-}" ]]; then
  read -ra CONFIGS <<< "$ONLY"
fi

priority_session "$0" "$@"

command -v wrk > /dev/null || { echo "wrk is not installed: apt-get update && apt-get install -y wrk" >&2; exit 1; }
if [[ "$SCENARIO" == hit ]]; then
  command -v nginx > /dev/null || { echo "nginx is not installed: apt-get update && apt-get install -y nginx" >&2
    exit 1; }
fi
NGINX_PORT=$((PORT + 1))
if [[ ! -f "$JAR" ]]; then
  mvn -B -ntp -q -f "$ROOT/parent/pom.xml" -pl :webcache-benchmarks -am package -DskipTests
fi
for port in "$PORT" "$NGINX_PORT"; do
  if (exec 3<> "/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
    echo "port $port is in use; set PORT" >&2
    exit 1
  fi
done
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
NGINX_PID=
trap 'kill $SERVER_PID $NGINX_PID 2> /dev/null || true; wait $SERVER_PID $NGINX_PID 2> /dev/null || true' EXIT
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 1 60); do
  curl -fs "$BASE/stats" > /dev/null 2>&1 && break
  sleep 0.5
done
curl -fs "$BASE/stats" > /dev/null || { echo "the bench server did not start; see $OUT/server.log" >&2; exit 1; }
head -1 "$OUT/server.log"

# nginx as a caching reverse proxy of /limit/<size>: /nginx/<size> is that page as a proxy_cache hit. One process
# (no master), so its CPU time is the whole of nginx's work. No tcp_nopush: with it, every 64 KiB response on a
# keep-alive loopback connection waited 40 ms for a delayed ACK (700 req/s).
if [[ "$SCENARIO" == hit ]]; then
  NGINX_DIR="$OUT/nginx"
  rm -rf "$NGINX_DIR" && mkdir -p "$NGINX_DIR/cache" "$NGINX_DIR/temp"
  cat > "$NGINX_DIR/nginx.conf" << EOF
daemon off;
master_process off;
worker_processes 1;
pid $NGINX_DIR/nginx.pid;
error_log $NGINX_DIR/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  client_body_temp_path $NGINX_DIR/temp;
  proxy_temp_path $NGINX_DIR/temp;
  proxy_cache_path $NGINX_DIR/cache levels=1:2 keys_zone=bench:10m max_size=1g inactive=1h use_temp_path=off;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location /nginx/ {
      proxy_pass http://127.0.0.1:$PORT/limit/;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_cache bench;
      proxy_cache_valid 200 10m;
      add_header X-Cache-Status \$upstream_cache_status;
    }
  }
}
EOF
  "${SERVER_PIN[@]}" nginx -c "$NGINX_DIR/nginx.conf" -e "$NGINX_DIR/error.log" > "$NGINX_DIR/stdout.log" 2>&1 &
  NGINX_PID=$!
  for _ in $(seq 1 40); do
    curl -fs "http://127.0.0.1:$NGINX_PORT/nginx/2k" > /dev/null 2>&1 && break
    sleep 0.25
  done
  for size in 2k 64k; do
    curl -fs "http://127.0.0.1:$NGINX_PORT/nginx/$size" > /dev/null
    status=$(curl -fs -D - -o /dev/null "http://127.0.0.1:$NGINX_PORT/nginx/$size" | tr -d '\r' \
      | sed -n 's/^X-Cache-Status: //Ip')
    [[ "$status" == HIT ]] || { echo "nginx does not answer /nginx/$size from its cache ($status)" >&2; exit 1; }
  done
  echo "nginx $(nginx -v 2>&1 | sed 's/.*nginx\///') on 127.0.0.1:$NGINX_PORT, caching /limit as /nginx"
fi

stat_value() { curl -fs "$BASE/stats" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
# the CPU ticks of the process serving configuration $1: nginx for its own, else the JVM
cpu_ticks() {
  local pid=$SERVER_PID
  [[ "$1" == nginx/* ]] && pid=$NGINX_PID
  awk '{ print $14 + $15 }' "/proc/$pid/stat"
}
TICK=$(getconf CLK_TCK)

# one wrk run of a configuration; prints "rps requests p50_ms p99_ms"
run_wrk() {
  local output path=$1 base=$BASE headers=()
  if [[ "$1" == nginx/* ]]; then
    base="http://127.0.0.1:$NGINX_PORT"
  elif [[ "$1" == gzip/* ]]; then
    path=hit/${1#*/} headers=(-H "Accept-Encoding: gzip")
  elif [[ "$1" == stampede-* ]]; then
    path=stampede/${1%/*}; path=${path/stampede-/}
  fi
  output=$("${CLIENT_PIN[@]}" wrk -t1 -c"$CONNECTIONS" -d"${DURATION}s" --timeout 10s --latency "${headers[@]}" \
    "$base/$path")
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
    limit_renders_before=$(stat_value limit-renders)
    ticks_before=$(cpu_ticks "$config")
    result=$(run_wrk "$config")
    read -r rps requests p50 p99 <<< "$result"
    ticks_after=$(cpu_ticks "$config")
    hits_after=$(stat_value hits)
    renders_after=$(stat_value "${config%/*}-renders")
    if [[ "$config" == hit/* || "$config" == gzip/* ]] && (( hits_after - hits_before < requests )); then
      echo "/$config: $requests responses but only $((hits_after - hits_before)) hits" >&2
      exit 1
    fi
    if [[ "$config" == nginx/* && "$(stat_value limit-renders)" != "$limit_renders_before" ]]; then
      echo "/$config: nginx went to /limit during the run: not every response was a cache hit" >&2
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

if [[ -n "${ONLY:-}" ]]; then
  echo "ONLY=$ONLY: runs in $CSV, no summary tables"
  exit 0
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
  echo "| size | hit (b) req/s | nginx hit (n) req/s | **b/n** | b/n per round | hit CPU us/req | nginx CPU us/req | CPU/req b/n | hit p99 ms | nginx p99 ms |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for size in 2k 64k; do
    b=$(column_median hit "$size" 4) n=$(column_median nginx "$size" 4) rn=$(round_ratio hit nginx "$size" 4)
    cb=$(column_median hit "$size" 6) cn=$(column_median nginx "$size" 6)
    pb=$(column_median hit "$size" 8) pn=$(column_median nginx "$size" 8)
    awk -v s="$size" -v b="$b" -v n="$n" -v rn="$rn" -v cb="$cb" -v cn="$cn" -v pb="$pb" -v pn="$pn" 'BEGIN {
      printf "| %s | %.0f | %.0f | **%.2f** | %.2f | %.1f | %.1f | %.2f | %.2f | %.2f |\n", s, b, n, b / n, rn, cb, cn,
        cb / cn, pb, pn }'
  done
  echo
  echo "Medians of $ROUNDS interleaved rounds, ${DURATION} s each, wrk -t1 -c$CONNECTIONS, PIN=$PIN; runs in $CSV."
} | tee "$OUT/results.md"
