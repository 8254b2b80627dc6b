#!/usr/bin/env bash
# Builds the libFuzzer binary: the FibrePlan library sources compiled together with the
# fuzz targets (so they see internals too) by `swiftc -sanitize=fuzzer,address`. One
# binary serves every target; FIBREPLAN_FUZZ=geojson|json|scenario picks one at run time.
# Takes a few minutes (whole library, optimised and instrumented).
#
#   Benchmarks/fuzz/build.sh        -> Benchmarks/results/fuzz/fuzz-fibreplan
set -euo pipefail
cd "$(dirname "$0")/../.."
out=Benchmarks/results/fuzz
mkdir -p "$out"
# -O keeps throughput up; FIBREPLAN_CHECKS turns on the library's internal invariant
# checks, so a broken invariant is a crash libFuzzer reports. The linker's
# "Cannot export local symbol __asan_*" warnings are harmless and filtered.
# The library is one SwiftPM target per layer; here its layers are compiled as one
# module, so copies of their sources lose the imports of each other (package access
# needs a package name).
src="$out/src"
rm -rf "$src" && mkdir -p "$src"
for layer in FibreCore FibreGraph FibreGeo FibreNetwork FibreOptimize FibrePlanning FibreReport FibrePlan; do
  find "Sources/$layer" -name '*.swift' | sort | while read -r file; do
    sed -E '/^(@testable )?import Fibre[A-Za-z]*$/d' "$file" >"$src/$(echo "${file#Sources/}" | tr / _)"
  done
done
swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 -package-name fibreplan \
  -D FIBREPLAN_CHECKS -module-name FibrePlanFuzz \
  "$src"/*.swift Benchmarks/fuzz/Fuzz*.swift \
  -o "$out/fuzz-fibreplan" 2>&1 | grep -v "Cannot export local symbol" >&2 || true
test -x "$out/fuzz-fibreplan"
echo "$out/fuzz-fibreplan"
