#!/usr/bin/env bash
# Scale benchmark (issues 7 and 16): generates synthetic regions of 10k, 100k and 1M
# households with `fibreplan generate`, plans each RUNS times with `--time-limit 0` under
# GNU time, and reports the median run's wall time, CPU time and peak RSS, plus the
# 100k/10k time ratio, and that run's time per plan stage (read, network, tree,
# coverage, accounting, architecture, fixes, encode, and where the optical fixes run
# beside the writing, fixes-wait (how long the writing waited for them) and summaries;
# FIBREPLAN_PHASES=1). With PEER_BIN, a second binary plans the same regions, its runs
# interleaved with these, and each size gets a ratio line (peer / this, by median wall).
# Targets (issue 16): 100k plans in <= 3 s; 1M generate + plan in <= 30 s within 2 GiB.
#
#   Benchmarks/scale.sh                      # all three sizes, 3 runs each
#   SIZES="10000 100000" Benchmarks/scale.sh # a subset
#   RUNS=5 SEED=2 Benchmarks/scale.sh
#   FIBREPLAN_BIN=/tmp/fibreplan-after Benchmarks/scale.sh    # a saved binary, not this build
#   PEER_BIN=/tmp/fibreplan-before Benchmarks/scale.sh        # before/after in one run
# Results (git-ignored): Benchmarks/results/scale/<N>/ and Benchmarks/results/scale/summary.txt
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"10000 100000 1000000"}
seed=${SEED:-1}
runs=${RUNS:-3}
peer=${PEER_BIN:-}
results=Benchmarks/results/scale
mkdir -p "$results"

if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (apt-get install time)" >&2
  (apt-get install -y time >/dev/null 2>&1 || sudo apt-get install -y time >/dev/null)
fi
# FIBREPLAN_BIN=/path/to/fibreplan measures that binary instead (a saved build, for
# before/after figures from one session).
if [ -n "${FIBREPLAN_BIN:-}" ]; then
  bin=$FIBREPLAN_BIN
else
  swift build -c release --product fibreplan >&2
  bin="$(swift build -c release --show-bin-path)/fibreplan"
fi

# seconds from GNU time's "h:mm:ss" or "m:ss.ss"
seconds() { awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }'; }
field() { grep "$1" "$2" | sed 's/.*: //'; }

summary="$results/summary.txt"
# plan_cpu_s = user + system time of all threads: on a shared machine wall time also
# counts waiting for a core, so both are shown.
printf '%-10s %-5s %10s %8s %8s %9s %11s %10s %9s\n' households bin buildings gen_s gen_MiB plan_s plan_cpu_s plan_MiB coverage | tee "$summary"
declare -A wall cpu

# One timed plan: `plan <bin> <n> <label> <run>`; its GNU time output and phases go to
# $results/<n>.<label>.<run>.time. Prints nothing; fails like the plan does.
plan() {
  local bin=$1 n=$2 label=$3 r=$4 dir="$results/$2"
  rm -rf "$dir/plan-$label"
  FIBREPLAN_PHASES=1 /usr/bin/time -v "$bin" plan "$dir/scenario.json" --time-limit 0 --quiet \
    --out "$dir/plan-$label" 2>"$results/$n.$label.$r.time"
}

# The run with the median wall time of `label` at size n (its time file).
median_run() {
  local n=$1 label=$2
  for f in "$results/$n.$label".*.time; do
    printf '%s %s\n' "$(field "Elapsed (wall clock)" "$f" | seconds)" "$f"
  done | sort -n | awk '{ line[NR] = $2 } END { print line[int((NR + 1) / 2)] }'
}

report() {
  local n=$1 label=$2 f
  f=$(median_run "$n" "$label")
  local gen_s gen_kb plan_s plan_kb plan_cpu buildings coverage
  gen_s=$(field "Elapsed (wall clock)" "$results/$n.generate.time" | seconds)
  gen_kb=$(field "Maximum resident set size" "$results/$n.generate.time")
  plan_s=$(field "Elapsed (wall clock)" "$f" | seconds)
  plan_kb=$(field "Maximum resident set size" "$f")
  plan_cpu=$(awk -v u="$(field "User time" "$f")" -v s="$(field "System time" "$f")" 'BEGIN { print u + s }')
  buildings=$(grep -o '"buildings_total": *[0-9]*' "$results/$n/plan-$label/summary.json" | head -1 | grep -o '[0-9]*$')
  coverage=$(grep -o '"coverage_percent": *[0-9.]*' "$results/$n/plan-$label/summary.json" | head -1 | grep -o '[0-9.]*$')
  wall[$n.$label]=$plan_s
  cpu[$n.$label]=$plan_cpu
  printf '%-10s %-5s %10s %8.2f %8.0f %9.2f %11.2f %10.0f %9s\n' "$n" "$label" "$buildings" "$gen_s" "$((gen_kb / 1024))" \
    "$plan_s" "$plan_cpu" "$((plan_kb / 1024))" "$coverage" | tee -a "$summary"
  all=$(for g in "$results/$n.$label".*.time; do field "Elapsed (wall clock)" "$g" | seconds; done | sort -n | tr '\n' ' ')
  echo "  runs (wall s): $all" | tee -a "$summary"
  awk -F'\t' '/^phase\t/ {
      name = $2
      if (name ~ /^reading/) name = "read"; else if (name ~ /^building the network/) name = "network"
      else if (name ~ /^routing/) name = "tree"; else if (name ~ /curve|choosing/) name = "coverage"
      else if (name ~ /^accounting/) name = "accounting"; else if (name ~ /architecture/) name = "architecture"
      else if (name ~ /^re-checking fixes/) name = "fixes"
      else if (name ~ /^waiting for the optical-fix/) name = "fixes-wait"
      else if (name ~ /^writing the summaries/) name = "summaries"
      else if (name ~ /^writing/) name = "encode"
      line = line sprintf(" %s %.2f s", name, $3)
    } END { print "  phases (median run):" line }' "$f" | tee -a "$summary"
}

for n in $sizes; do
  dir="$results/$n"
  rm -rf "$dir" "$results/$n".*.time
  /usr/bin/time -v "$bin" generate --households "$n" --seed "$seed" --out "$dir" >/dev/null 2>"$results/$n.generate.time"
  failed=0
  for r in $(seq 1 "$runs"); do
    plan "$bin" "$n" this "$r" || { failed=1; break; }
    if [ -n "$peer" ]; then plan "$peer" "$n" peer "$r" || { failed=1; break; }; fi
  done
  if [ $failed -ne 0 ]; then
    echo "a plan of $n households failed; see $results/$n.*.time" >&2
    continue
  fi
  report "$n" this
  if [ -n "$peer" ]; then
    report "$n" peer
    awk -v a="${wall[$n.this]}" -v b="${wall[$n.peer]}" -v c="${cpu[$n.this]}" -v d="${cpu[$n.peer]}" -v n="$n" \
      'BEGIN { printf "ratio peer/this at %s: wall %.2fx, cpu %.2fx (median runs)\n", n, b / a, d / c }' | tee -a "$summary"
    for f in "$dir/plan-this"/*; do
      cmp -s "$f" "$dir/plan-peer/$(basename "$f")" || echo "  outputs differ from the peer's: $(basename "$f")" | tee -a "$summary"
    done
  fi
  # The plans' outputs are large (1.4 GB at a million homes): keep only this build's last.
  rm -rf "$dir/plan-peer"
done
if [ -n "${wall[10000.this]:-}" ] && [ -n "${wall[100000.this]:-}" ]; then
  awk -v a="${wall[10000.this]}" -v b="${wall[100000.this]}" -v c="${cpu[10000.this]}" -v d="${cpu[100000.this]}" \
    'BEGIN { r = b / a; printf "ratio 100k/10k: wall %.1f (target <= 15) %s, cpu %.1f\n", r, (r <= 15 ? "ok" : "MISSED"), d / c }' | tee -a "$summary"
fi
if [ -n "${wall[100000.this]:-}" ]; then
  awk -v s="${wall[100000.this]}" 'BEGIN { printf "100k: plan %.2f s (target <= 3) %s\n", s, (s <= 3 ? "ok" : "MISSED") }' | tee -a "$summary"
fi
if [ -n "${wall[1000000.this]:-}" ]; then
  mem=$(field "Maximum resident set size" "$(median_run 1000000 this)")
  awk -v s="${wall[1000000.this]}" -v m="$mem" \
    -v g="$(field "Elapsed (wall clock)" "$results/1000000.generate.time" | seconds)" \
    'BEGIN { printf "1M: generate + plan %.1f s (target <= 30) %s, plan %.2f GiB (target <= 2) %s\n", g + s, (g + s <= 30 ? "ok" : "MISSED"), m / 1048576, (m <= 2 * 1048576 ? "ok" : "MISSED") }' \
    | tee -a "$summary"
fi
