#!/usr/bin/env bash
# bench/run.sh: times the runner on the local backend and compares the PITR drill with plain shell.
#
# Usage:  bench/run.sh [-n RUNS] [-o FILE] [--no-shell] [--no-suite] [DRILL.yaml ...]
#   -n RUNS     runs per drill (default 3; env BENCH_RUNS)
#   -o FILE     also write the table here (default bench/results/latest.txt; a copy named after the
#               date and load average is kept next to it, bench/results/<UTC date>-load<1-min load>.txt)
#   --no-shell  skip the side-by-side PITR comparison with bench/pitr.sh
#   --no-suite  skip the six shipped drills run together (once sequential, once --parallel 2)
#   DRILL.yaml  drills to time (default: every scenarios/*.yaml)
# Env:    RUNNER_JAR  a runner.jar to use instead of building/using runner-cli/target/runner.jar
#                     (run with `java -jar`, without the launcher's class-data sharing archive)
#         PG_BIN      PostgreSQL server binaries (passed to bench/pitr.sh; the runner finds its own)
#         RUNNER_JAVA_OPTS  JVM options; unset = the ./runner launcher's default (C1 only, serial GC,
#                     small initial heap); the runs go through ./runner, so its CDS archive counts
#         SUITE_RUNS  how many times each suite run is repeated (default 1)
# Needs:  bash, jq, awk, a JDK 17 (and Maven when the CLI jar must be built), PostgreSQL 15 binaries.
#
# Every run is a separate `java -jar runner.jar --no-color DRILL` process (so JVM start-up counts)
# run with PGDRILL_STATS set: the runner then writes its own figures at exit (see
# runner-cli/.../RunStats.java). For each drill the table gives medians over the runs of:
#   wall       the process's wall time, measured here (start of `java` to its exit)
#   set-up     drill start -> first step start (journal.json): initdb, seed, replica
#   steps      first step start -> last step end (journal.json)
#   clean-up   last step end -> drill end (journal.json): servers stopped, work dir removed
#   outside    wall - drill duration: JVM start-up, loading/validating YAML, writing reports, exit
#   tools      wall time the runner spent waiting for PostgreSQL's programs and other commands
#              (initdb, pg_ctl, psql, pg_basebackup, cp, chown): measured around each child process
#   engine CPU the runner JVM's own CPU time (user+system; child processes and servers excluded):
#              the engine's overhead. While PostgreSQL or a tool works the runner only waits and
#              burns no CPU, so everything it adds by itself (JVM start-up, JIT, YAML, JDBC driver,
#              replication proxy, reports) is at most this. On a multi-core machine some of it
#              overlaps PostgreSQL's own work, so the wall time it adds is at most this.
#   peak RSS   the runner JVM's peak resident memory (VmHWM), servers excluded
# Then the PITR drill runs RUNS times side by side (alternating) with bench/pitr.sh, the same
# drill in plain shell with PostgreSQL's tools only, and the ratio of median wall times is printed
# (goal: at most 0.85). When the runner's work root is not /tmp (by default it is memory, /dev/shm),
# the script also runs with its work directory there (WORK_ROOT), and that ratio is printed too: what
# the engine does beyond choosing a faster file system. Then `runner validate scenarios/*.yaml` (RUNS times, median wall), and the
# six shipped drills in one runner process, sequential and with --parallel 2 (wall, and the sums of
# set-up, steps and clean-up over the drills, from the journal).
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)"
runs="${BENCH_RUNS:-3}"
out="$root/bench/results/latest.txt"
shell_cmp=1
suite=1
suite_runs="${SUITE_RUNS:-1}"
drills=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) runs="$2"; shift 2 ;;
    -o) out="$2"; shift 2 ;;
    --no-shell) shell_cmp=0; shift ;;
    --no-suite) suite=0; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "bench/run.sh: unknown option $1 (try --help)" >&2; exit 2 ;;
    *) drills+=("$(readlink -f "$1")"); shift ;;
  esac
done
case "$runs" in ''|*[!0-9]*|0) echo "bench/run.sh: -n needs a positive number, found '$runs'" >&2; exit 2 ;; esac
[ ${#drills[@]} -gt 0 ] || drills=("$root"/scenarios/*.yaml)
command -v jq >/dev/null || { echo "bench/run.sh: jq is needed (apt-get install jq)" >&2; exit 2; }

jar="${RUNNER_JAR:-}"
if [ -z "$jar" ]; then
  "$root/runner" --version >/dev/null   # builds runner-cli/target/runner.jar if missing or stale
  jar="$root/runner-cli/target/runner.jar"
  runner=("$root/runner")               # as users start it: launcher options and CDS archive
else
  runner=(java ${RUNNER_JAVA_OPTS--XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms16m} -jar "$jar")
fi
[ -f "$jar" ] || { echo "bench/run.sh: no runner jar at $jar" >&2; exit 2; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/pgdrill-bench.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

# Journal timestamps ("2026-11-26T13:21:30.309950438Z") as epoch milliseconds.
jq_ms='def ms: (sub("\\.[0-9]+Z$"; "Z") | fromdate) * 1000 + ((capture("\\.(?<f>[0-9]{1,3})") | .f + "00" | .[0:3] | tonumber) // 0);'

# One timed runner process; appends "drill wall setup steps cleanup outside tools cpu rss exit" to $tmp/rows.
run_runner() {
  local yaml="$1" i="$2"
  local stats="$tmp/stats" rep="$tmp/rep-$2" start end code=0
  rm -f "$stats"
  start=$(now_ms)
  PGDRILL_STATS="$stats" "${runner[@]}" --no-color --report-dir "$rep" "$yaml" \
    >"$tmp/out-$i.txt" 2>&1 || code=$?
  end=$(now_ms)
  if [ "$code" != 0 ]; then
    echo "bench/run.sh: $yaml exited $code (output below)" >&2
    cat "$tmp/out-$i.txt" >&2
  fi
  local stat_line journal_line
  stat_line="$(awk -F= '{v[$1]=$2} END {print v["tools_ms"]+0, v["cpu_ms"]+0, v["peak_rss_kb"]+0}' "$stats" 2>/dev/null \
    || echo "0 0 0")"
  journal_line="$(jq -r "$jq_ms"' .drills[0] as $d | ($d.start|ms) as $s
      | ([$d.steps[], $d.finallySteps[]] | map(select(.status != "SKIPPED"))) as $ran
      | (if ($ran|length) > 0 then ($ran[0].start|ms) else $s end) as $first
      | (if ($ran|length) > 0 then ($ran | map((.start|ms) + .durationMs) | max) else $s end) as $last
      | [$d.name, $first - $s, $last - $first, $s + $d.durationMs - $last, $d.durationMs] | @tsv' \
      "$rep/journal.json")"
  read -r name setup steps cleanup drill_ms <<<"$journal_line"
  jq -r '.facts["work-root"] // "" | sub(" \\(memory\\)$"; "")' "$rep/journal.json" >"$tmp/runner-root" 2>/dev/null || true
  read -r tools cpu rss <<<"$stat_line"
  echo "$name $((end - start)) $setup $steps $cleanup $((end - start - drill_ms)) $tools $cpu $rss $code" >>"$tmp/rows"
  rm -rf "$rep"
}

# One timed bench/pitr.sh with its work directory under $2 (empty: its default, /tmp); appends its wall ms
# (or "fail") to $tmp/$1.
run_shell() {
  local to="$1" work_root="$2" start end code=0
  start=$(now_ms)
  PG_BIN="${PG_BIN:-}" WORK_ROOT="${work_root:-/tmp}" bash "$root/bench/pitr.sh" >"$tmp/shell-out.txt" 2>&1 || code=$?
  end=$(now_ms)
  if [ "$code" != 0 ]; then
    echo "bench/run.sh: bench/pitr.sh (work root ${work_root:-/tmp}) exited $code:" >&2
    cat "$tmp/shell-out.txt" >&2
    echo fail >>"$tmp/$to"
  else
    echo $((end - start)) >>"$tmp/$to"
  fi
}

: >"$tmp/rows"
: >"$tmp/shell"
: >"$tmp/shell-same"
n=0
pitr_yaml=""
for yaml in "${drills[@]}"; do
  if [ "$shell_cmp" = 1 ] && [ "$(basename "$yaml")" = pitr.yaml ]; then
    pitr_yaml="$yaml"
    continue   # timed below, alternating with the shell version
  fi
  for ((r = 1; r <= runs; r++)); do
    n=$((n + 1)); echo "bench: $(basename "$yaml") run $r/$runs" >&2
    run_runner "$yaml" "$n"
  done
done
if [ "$shell_cmp" = 1 ]; then
  pitr_yaml="${pitr_yaml:-$root/scenarios/pitr.yaml}"
  for ((r = 1; r <= runs; r++)); do
    n=$((n + 1)); echo "bench: pitr.yaml run $r/$runs (runner), then bench/pitr.sh" >&2
    run_runner "$pitr_yaml" "$n"
    run_shell shell ""
    runner_root="$(cat "$tmp/runner-root" 2>/dev/null || true)"
    if [ -n "$runner_root" ] && [ "$runner_root" != /tmp ]; then
      run_shell shell-same "$runner_root"   # the script on the runner's own work root: same disk, same work
    fi
  done
fi

# runner validate of every shipped scenario: RUNS times, wall ms to $tmp/validate.
for ((r = 1; r <= runs; r++)); do
  start=$(now_ms)
  "${runner[@]}" validate "$root"/scenarios/*.yaml >/dev/null 2>&1 || echo "bench/run.sh: validate failed" >&2
  echo $(( $(now_ms) - start )) >>"$tmp/validate"
done

# The six shipped drills in one process: "mode wall setup steps cleanup failed" lines to $tmp/suite.
six=(replication-lag pitr failover-data-loss failover-sync naive-backup full-recovery)
run_suite() {
  local mode="$1"; shift
  local rep="$tmp/suite-rep" start end code=0
  start=$(now_ms)
  local files=() d
  for d in "${six[@]}"; do files+=("$root/scenarios/$d.yaml"); done
  "${runner[@]}" --no-color --report-dir "$rep" "$@" "${files[@]}" \
    >"$tmp/suite-out.txt" 2>&1 || code=$?
  end=$(now_ms)
  [ "$code" = 0 ] || { echo "bench/run.sh: the six drills ($mode) exited $code:" >&2; tail -20 "$tmp/suite-out.txt" >&2; }
  jq -r --arg mode "$mode" --arg wall "$((end - start))" --arg code "$code" "$jq_ms"' [.drills[] | . as $d
      | ($d.start|ms) as $s
      | ([$d.steps[], $d.finallySteps[]] | map(select(.status != "SKIPPED"))) as $ran
      | (if ($ran|length) > 0 then ($ran[0].start|ms) else $s end) as $first
      | (if ($ran|length) > 0 then ($ran | map((.start|ms) + .durationMs) | max) else $s end) as $last
      | [$first - $s, $last - $first, $s + $d.durationMs - $last]]
      | [$mode, $wall, (map(.[0]) | add), (map(.[1]) | add), (map(.[2]) | add), $code] | @tsv' \
      "$rep/journal.json" >>"$tmp/suite" 2>/dev/null || echo "$mode $((end - start)) 0 0 0 $code" >>"$tmp/suite"
  rm -rf "$rep"
}
: >"$tmp/suite"
if [ "$suite" = 1 ]; then
  for ((r = 1; r <= suite_runs; r++)); do
    echo "bench: the six drills, sequential (run $r/$suite_runs)" >&2
    run_suite sequential
    echo "bench: the six drills, --parallel 2 (run $r/$suite_runs)" >&2
    run_suite parallel-2 --parallel 2
  done
fi
load_after="$(cut -d' ' -f1-3 /proc/loadavg)"

pg_version="$( ( "${PG_BIN:-/usr/lib/postgresql/15/bin}/postgres" --version 2>/dev/null || echo "PostgreSQL ?" ) | head -1)"
{
  echo "pgdrill benchmark, $(date -u '+%Y-%m-%d %H:%M UTC'), $runs run(s) per drill, local backend"
  echo "machine: $(nproc) CPU ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(awk '/MemTotal/ {printf "%.1f GB", $2/1048576}' /proc/meminfo) RAM, $(. /etc/os-release 2>/dev/null; echo "${PRETTY_NAME:-Linux}"), $pg_version, $(java -version 2>&1 | head -1)"
  echo "load average (1/5/15 min): before $load_before, after $load_after"
  echo
  echo "medians (ms; peak RSS in MB)"
  awk '
    function median(list,   a, i, j, t, n) { n = split(list, a, " ")
      for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      return (n % 2) ? a[(n + 1) / 2] : int((a[n / 2] + a[n / 2 + 1]) / 2) }
    { d = $1; if (!(d in seen)) { seen[d] = 1; order[++nd] = d }
      for (c = 2; c <= 9; c++) col[d, c] = col[d, c] " " $c
      if ($10 != 0) failed[d]++ ; count[d]++ }
    END {
      printf "%-20s %4s %7s %7s %7s %8s %8s %7s %10s %8s\n", "drill", "runs", "wall", "set-up", "steps", "clean-up", "outside", "tools", "engine CPU", "peak RSS"
      for (i = 1; i <= nd; i++) { d = order[i]
        printf "%-20s %4d %7d %7d %7d %8d %8d %7d %10d %8.0f%s\n", d, count[d], median(col[d,2]), median(col[d,3]),
          median(col[d,4]), median(col[d,5]), median(col[d,6]), median(col[d,7]), median(col[d,8]),
          median(col[d,9]) / 1024, (failed[d] ? "  (" failed[d] " run(s) failed)" : "") }
    }' "$tmp/rows"
  echo
  echo "engine CPU = CPU time of the runner JVM itself (servers and tools excluded): the engine's own work."
  echo "tools = wall time waiting for initdb/pg_ctl/psql/pg_basebackup/cp; outside = wall - drill (JVM start, YAML, reports)."
  if [ "$shell_cmp" = 1 ]; then
    echo
    awk -v runs="$runs" '
      function median(list,   a, i, j, t, n) { n = split(list, a, " ")
        for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
        return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2 }
      FILENAME ~ /rows$/ && $1 == "pitr" { r = r " " $2 }
      FILENAME ~ /shell$/ { if ($1 == "fail") bad++; else s = s " " $1 }
      FILENAME ~ /shell-same$/ { if ($1 != "fail") m = m " " $1 }
      END {
        if (r == "" || s == "") { print "PITR vs plain shell: no comparison (a side failed every run)"; exit }
        mr = median(r); ms = median(s)
        printf "PITR, runner vs plain shell (bench/pitr.sh), median wall of %d runs each:\n", runs
        printf "  runner %d ms, shell %d ms, ratio %.2fx (goal <= 0.85x), runner - shell = %+d ms%s\n",
          mr, ms, mr / ms, mr - ms, (bad ? "  [" bad " shell run(s) failed]" : "")
        printf "  runner runs (ms):%s\n  shell runs (ms): %s\n", r, s
        if (m != "") {
          mm = median(m)
          printf "  the same script with its work directory on the runner'"'"'s work root (%s): shell %d ms, ratio %.2fx\n",
            root, mm, mr / mm
          printf "  shell runs there (ms):%s\n", m
        }
      }' root="$(cat "$tmp/runner-root" 2>/dev/null || true)" "$tmp/rows" "$tmp/shell" "$tmp/shell-same"
  fi
  echo
  awk -v runs="$runs" '{ v = v " " $1 } END {
      n = split(v, a, " "); for (i = 2; i <= n; i++) { t = a[i] + 0; for (j = i - 1; j >= 1 && a[j] + 0 > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
      printf "runner validate scenarios/*.yaml: median wall %d ms of %d runs (goal < 1000 ms); runs (ms):%s\n",
        (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2, n, v }' "$tmp/validate"
  if [ -s "$tmp/suite" ]; then
    echo
    echo "the six drills (${six[*]}) in one runner process (ms; set-up/steps/clean-up summed over the drills):"
    awk '{ printf "  %-11s wall %6d  set-up %6d  steps %6d  clean-up %6d%s\n", $1, $2, $3, $4, $5,
             ($6 != 0 ? "  (exit " $6 ")" : "") }' "$tmp/suite"
    echo "  goals: sequential <= 25000 ms, parallel-2 <= 15000 ms"
  fi
} >"$tmp/table"

mkdir -p "$(dirname "$out")"
cp "$tmp/table" "$out"
dated="$(dirname "$out")/$(date -u '+%Y-%m-%dT%H%M')-load$(cut -d' ' -f1 <<<"$load_before").txt"
cp "$tmp/table" "$dated"
cat "$tmp/table"
echo "(written to $out and $dated)" >&2
