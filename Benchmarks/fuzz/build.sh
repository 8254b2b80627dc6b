#!/usr/bin/env bash
# Builds one libFuzzer binary: the FibrePlan library sources compiled together with a
# target file (so the target sees internals too) by `swiftc -sanitize=fuzzer,address`.
#
#   Benchmarks/fuzz/build.sh geojson|json|scenario     -> Benchmarks/results/fuzz/fuzz-<name>
set -euo pipefail
cd "$(dirname "$0")/../.."
name=${1:?usage: build.sh geojson|json|scenario}
case "$name" in
  geojson) target=Benchmarks/fuzz/FuzzGeoJSON.swift ;;
  json) target=Benchmarks/fuzz/FuzzJSON.swift ;;
  scenario) target=Benchmarks/fuzz/FuzzScenario.swift ;;
  *) echo "unknown target '$name' (geojson, json, scenario)" >&2; exit 64 ;;
esac
out=Benchmarks/results/fuzz
mkdir -p "$out"
# -O keeps throughput up; FIBREPLAN_CHECKS turns on the library's internal invariant
# checks, so a broken invariant is a crash libFuzzer can report.
swiftc -sanitize=fuzzer,address -parse-as-library -O -swift-version 6 \
  -D FIBREPLAN_CHECKS -module-name FibrePlanFuzz \
  $(find Sources/FibrePlan -name '*.swift' | sort) "$target" \
  -o "$out/fuzz-$name"
echo "$out/fuzz-$name"
