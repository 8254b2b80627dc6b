#!/usr/bin/env bash
# Builds and runs the fuzz targets. Each keeps a growing corpus in
# Benchmarks/results/fuzz/corpus-<name>/ (seeded from Benchmarks/fuzz/seeds/) and writes
# any crashing input as Benchmarks/results/fuzz/crash-<name>-*.
#
#   Benchmarks/fuzz/run.sh                  # every target, 60 s each
#   SECONDS_EACH=3600 Benchmarks/fuzz/run.sh geojson   # the long fuzz of one target
#   JOBS=2 SECONDS_EACH=3600 Benchmarks/fuzz/run.sh    # two workers per target
set -euo pipefail
cd "$(dirname "$0")/../.."
each=${SECONDS_EACH:-60}
jobs=${JOBS:-1}
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(geojson json scenario)
out=Benchmarks/results/fuzz
for name in "${targets[@]}"; do
  bin=$(Benchmarks/fuzz/build.sh "$name")
  seeds=Benchmarks/fuzz/seeds/$name
  [ "$name" = json ] && seeds="Benchmarks/fuzz/seeds/json Benchmarks/fuzz/seeds/scenario"
  corpus=$out/corpus-$name
  mkdir -p "$corpus"
  echo "== fuzz-$name for ${each}s" >&2
  # -max_len 64k: big enough for nested structures, small enough for speed;
  # -timeout 10: a parser that takes 10 s on 64 KiB is a bug worth a report.
  "$bin" "$corpus" $seeds -max_total_time="$each" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
    -jobs="$jobs" -workers="$jobs" -artifact_prefix="$out/crash-$name-" -print_final_stats=1 \
    2>&1 | tee "$out/fuzz-$name.log" | grep -E "^#[0-9]+ *(DONE|pulse|INITED)|ERROR|SUMMARY|stat::" >&2 || true
done
