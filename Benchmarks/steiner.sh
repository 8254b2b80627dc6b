#!/usr/bin/env bash
# Steiner benchmark.
#   1. Whole processes, side by side on each instance: `fibreplan solve --time-limit 0 FILE`
#      and `python Benchmarks/peers/pcst_solve.py FILE` (pcst_fast), wall time from spawn
#      to exit, both trees verified by the same checker; summary with the speed ratio and
#      on how many instances ours found the better tree.
#   2. With --quality: the in-process quality table at --time-limit 10 (about 10 minutes
#      for the 56 SPG instances), gaps to the published optima and lower-bound gaps.
#
# usage: Benchmarks/steiner.sh [--quality] [--dir DIR] [--filter S] [--no-peers]
# Results are also written to Benchmarks/results/steiner-*.txt.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

quality=0
peers=1
common=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quality) quality=1; shift ;;
    --no-peers) peers=0; shift ;;
    --dir|--filter) common+=("$1" "$2"); shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "steiner.sh: unknown argument '$1'" >&2; exit 64 ;;
  esac
done

echo "--- building fibreplan and bench-steiner (release)"
swift build -c release --product fibreplan
fibreplan="$(swift build -c release --show-bin-path)/fibreplan"
swift build -c release --package-path Benchmarks --product bench-steiner
bench="$(swift build -c release --package-path Benchmarks --show-bin-path)/bench-steiner"

peer_dir="$root/Benchmarks/peers"
python="$root/Benchmarks/.venv/bin/python"
peer_args=()
if [[ $peers == 1 && -f "$peer_dir/setup.sh" && -f "$peer_dir/pcst_solve.py" ]]; then
  bash "$peer_dir/setup.sh"
  peer_args=(--python "$python" --peer "$peer_dir/pcst_solve.py")
else
  echo "steiner.sh: Python peers not used (Benchmarks/peers/setup.sh and pcst_solve.py, or --no-peers); timing fibreplan alone"
fi

mkdir -p Benchmarks/results
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
status=0

echo "--- whole processes: fibreplan solve --time-limit 0 vs pcst_fast"
"$bench" peers --fibreplan "$fibreplan" "${peer_args[@]}" "${common[@]}" \
  | tee "Benchmarks/results/steiner-peers-$stamp.txt" || status=1

if [[ $quality == 1 ]]; then
  echo "--- in-process quality, --time-limit 10"
  "$bench" quality --time-limit 10 "${common[@]}" \
    | tee "Benchmarks/results/steiner-quality-$stamp.txt" || status=1
fi
exit $status
