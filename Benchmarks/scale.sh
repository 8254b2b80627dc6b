#!/usr/bin/env bash
# Scale benchmark (issue 7): generates synthetic regions of 10k, 100k and 1M households
# with `fibreplan generate`, plans each with `--time-limit 0` under GNU time, and reports
# wall time and peak RSS, plus the 100k/10k time ratio.
# Targets: 100k takes at most 15x as long as 10k; 1M plans in < 120 s within 8 GiB.
#
#   Benchmarks/scale.sh                      # all three sizes
#   SIZES="10000 100000" Benchmarks/scale.sh # a subset
#   SEED=2 Benchmarks/scale.sh
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
swift build -c release --product fibreplan >&2
bin="$(swift build -c release --show-bin-path)/fibreplan"

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
  /usr/bin/time -v "$bin" plan "$dir/scenario.json" --time-limit 0 --quiet --out "$dir/plan" 2>"$results/$n.plan.time"
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
done
if [ -n "${wall[10000]:-}" ] && [ -n "${wall[100000]:-}" ]; then
  awk -v a="${wall[10000]}" -v b="${wall[100000]}" -v c="${cpu[10000]}" -v d="${cpu[100000]}" \
    'BEGIN { r = b / a; printf "ratio 100k/10k: wall %.1f (target <= 15) %s, cpu %.1f\n", r, (r <= 15 ? "ok" : "MISSED"), d / c }' | tee -a "$summary"
fi
if [ -n "${wall[1000000]:-}" ]; then
  mem=$(field "Maximum resident set size" "$results/1000000.plan.time")
  awk -v s="${wall[1000000]}" -v m="$mem" \
    'BEGIN { printf "1M: %.1f s (target < 120) %s, %.2f GiB (target <= 8) %s\n", s, (s < 120 ? "ok" : "MISSED"), m / 1048576, (m <= 8 * 1048576 ? "ok" : "MISSED") }' \
    | tee -a "$summary"
fi
