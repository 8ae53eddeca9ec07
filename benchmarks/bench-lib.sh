# Shell functions the HTTP benchmark harnesses share (http-bench.sh, cluster-bench.sh); source it, do not run it.

# Re-runs the calling script in a session of its own whose autogroup has the highest priority: neighbours share this
# machine, and plain nice does nothing against other autogroups. Needs root or CAP_SYS_NICE; skipped otherwise.
# Usage, first thing in a script: priority_session "$0" "$@"
priority_session() {
  if [[ -z "${BENCH_SESSION:-}" ]]; then
    export BENCH_SESSION=1
    exec setsid bash -c 'echo -20 > /proc/self/autogroup 2>/dev/null || echo "(no autogroup priority)"; exec "$0" "$@"' \
      "$@"
  fi
}

# Fails the harness when wrk's output ($2) reports a non-2xx response or a socket error while measuring $1.
fail_on_wrk_errors() {
  if grep -q "Non-2xx\|Socket errors" <<< "$2"; then
    echo "errors while measuring $1:" >&2
    echo "$2" >&2
    exit 1
  fi
}

# Prints "rps requests p50_ms p99_ms" (no newline) from wrk --latency output ($1).
wrk_summary() {
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /Requests\/sec/ { rps = $2 }
    / requests in / { requests = $1 }
    $1 == "50%" { p50 = ms($2) }
    $1 == "99%" { p99 = ms($2) }
    END { printf "%s %s %.3f %.3f", rps, requests, p50, p99 }' <<< "$1"
}

# The median of the numbers on standard input, one a line.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The median of field $3 over the rows of $CSV whose config is $1 and size $2.
column_median() { awk -F, -v c="$1" -v s="$2" -v f="$3" '$2 == c && $3 == s { print $f }' "$CSV" | median; }
