#!/usr/bin/env bash
# Scale benchmark (issue 7): generates synthetic regions of 10k, 100k and 1M households
# with `fibreplan generate`, plans each with `--time-limit 0` under GNU time, and reports
# wall time and peak RSS, plus the 100k/10k time ratio, and each plan stage's wall time
# (read, network, tree, coverage, accounting, architecture, fixes, encode, and where the optical
# fixes run beside the writing, fixes-wait (how long the writing waited for them) and summaries;
# FIBREPLAN_PHASES=1).
# Targets (issue 16): 100k plans in <= 3 s; 1M generate + plan in <= 30 s within 2 GiB.
#
#   Benchmarks/scale.sh                      # all three sizes
#   SIZES="10000 100000" Benchmarks/scale.sh # a subset
#   SEED=2 Benchmarks/scale.sh
#   FIBREPLAN_BIN=/tmp/fibreplan-before Benchmarks/scale.sh   # a saved binary, not this build
# Results (git-ignored): Benchmarks/results/scale/<N>/ and Benchmarks/results/scale/summary.txt
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"10000 100000 1000000"}
seed=${SEED:-1}
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
printf '%-10s %10s %8s %8s %9s %11s %10s %9s\n' households buildings gen_s gen_MiB plan_s plan_cpu_s plan_MiB coverage | tee "$summary"
declare -A wall cpu
for n in $sizes; do
  dir="$results/$n"
  rm -rf "$dir"
  /usr/bin/time -v "$bin" generate --households "$n" --seed "$seed" --out "$dir" >/dev/null 2>"$results/$n.generate.time"
  set +e
  FIBREPLAN_PHASES=1 /usr/bin/time -v "$bin" plan "$dir/scenario.json" --time-limit 0 --quiet --out "$dir/plan" 2>"$results/$n.plan.time"
  status=$?
  set -e
  if [ $status -ne 0 ]; then
    echo "plan of $n households failed (exit $status); see $results/$n.plan.time" >&2
    tail -5 "$results/$n.plan.time" >&2
    continue
  fi
  gen_s=$(field "Elapsed (wall clock)" "$results/$n.generate.time" | seconds)
  gen_kb=$(field "Maximum resident set size" "$results/$n.generate.time")
  plan_s=$(field "Elapsed (wall clock)" "$results/$n.plan.time" | seconds)
  plan_kb=$(field "Maximum resident set size" "$results/$n.plan.time")
  plan_cpu=$(awk -v u="$(field "User time" "$results/$n.plan.time")" -v s="$(field "System time" "$results/$n.plan.time")" 'BEGIN { print u + s }')
  buildings=$(grep -o '"buildings_total": *[0-9]*' "$dir/plan/summary.json" | head -1 | grep -o '[0-9]*$')
  coverage=$(grep -o '"coverage_percent": *[0-9.]*' "$dir/plan/summary.json" | head -1 | grep -o '[0-9.]*$')
  wall[$n]=$plan_s
  cpu[$n]=$plan_cpu
  printf '%-10s %10s %8.2f %8.0f %9.2f %11.2f %10.0f %9s\n' "$n" "$buildings" "$gen_s" "$((gen_kb / 1024))" \
    "$plan_s" "$plan_cpu" "$((plan_kb / 1024))" "$coverage" | tee -a "$summary"
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
    } END { print "  phases:" line }' "$results/$n.plan.time" | tee -a "$summary"
done
if [ -n "${wall[10000]:-}" ] && [ -n "${wall[100000]:-}" ]; then
  awk -v a="${wall[10000]}" -v b="${wall[100000]}" -v c="${cpu[10000]}" -v d="${cpu[100000]}" \
    'BEGIN { r = b / a; printf "ratio 100k/10k: wall %.1f (target <= 15) %s, cpu %.1f\n", r, (r <= 15 ? "ok" : "MISSED"), d / c }' | tee -a "$summary"
fi
if [ -n "${wall[100000]:-}" ]; then
  awk -v s="${wall[100000]}" 'BEGIN { printf "100k: plan %.2f s (target <= 3) %s\n", s, (s <= 3 ? "ok" : "MISSED") }' | tee -a "$summary"
fi
if [ -n "${wall[1000000]:-}" ]; then
  mem=$(field "Maximum resident set size" "$results/1000000.plan.time")
  awk -v s="${wall[1000000]}" -v m="$mem" \
    -v g="$(field "Elapsed (wall clock)" "$results/1000000.generate.time" | seconds)" \
    'BEGIN { printf "1M: generate + plan %.1f s (target <= 30) %s, plan %.2f GiB (target <= 2) %s\n", g + s, (g + s <= 30 ? "ok" : "MISSED"), m / 1048576, (m <= 2 * 1048576 ? "ok" : "MISSED") }' \
    | tee -a "$summary"
fi
