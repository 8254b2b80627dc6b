#!/usr/bin/env bash
# Builds (unless FUZZ_NO_BUILD=1) and runs the fuzz targets. Each keeps a growing corpus
# in Benchmarks/results/fuzz/corpus-<name>/ (seeded from Benchmarks/fuzz/seeds/) and
# writes any crashing input as Benchmarks/results/fuzz/crash-<name>-<sha1>.
#
#   Benchmarks/fuzz/run.sh                              # every target, 60 s each
#   SECONDS_EACH=3600 Benchmarks/fuzz/run.sh geojson    # the long fuzz of one target
#   JOBS=2 SECONDS_EACH=3600 Benchmarks/fuzz/run.sh     # two workers per target
# Reproduce a crash: FIBREPLAN_FUZZ=<name> Benchmarks/results/fuzz/fuzz-fibreplan <crash-file>
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
each=${SECONDS_EACH:-60}
jobs=${JOBS:-1}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(geojson json scenario)
out=Benchmarks/results/fuzz
bin=$out/fuzz-fibreplan
[ "${FUZZ_NO_BUILD:-0}" = 1 ] && [ -x "$bin" ] || bin=$(Benchmarks/fuzz/build.sh)
for name in "${targets[@]}"; do
  seeds=Benchmarks/fuzz/seeds/$name
  [ "$name" = json ] && seeds="Benchmarks/fuzz/seeds/json Benchmarks/fuzz/seeds/scenario"
  corpus=$out/corpus-$name
  mkdir -p "$corpus"
  echo "== $name for ${each}s (log: $out/fuzz-$name.log)" >&2
  # -max_len 64k: big enough for nested structures, small enough for speed;
  # -timeout 10: a parser that takes 10 s on 64 KiB is a bug worth a report.
  parallel=()
  # With -jobs libFuzzer runs workers in subprocesses logging to fuzz-<n>.log in $out.
  [ "$jobs" -gt 1 ] && parallel=(-jobs="$jobs" -workers="$jobs")
  set +e
  (cd "$out" && FIBREPLAN_FUZZ=$name "$root/$bin" "$root/$corpus" $(for s in $seeds; do echo "$root/$s"; done) -max_total_time="$each" -max_len=65536 -timeout=10 \
    -rss_limit_mb=4096 "${parallel[@]}" -artifact_prefix="crash-$name-" \
    -print_final_stats=1) >"$out/fuzz-$name.log" 2>&1
  status=$?
  set -e
  grep -E "^Done|ERROR|SUMMARY|stat::number_of_executed_units|stat::peak_rss" "$out/fuzz-$name.log" >&2 || true
  [ $status -eq 0 ] || echo "fuzz-$name stopped with status $status: see the log and $out/crash-$name-*" >&2
done
