#!/usr/bin/env bash
# Creates Benchmarks/.venv with the Python peers of the Steiner benchmark.
# pcst_fast 1.0.10 is pinned with numpy<2: with numpy 2.x it returns wrong trees
# without any error, so the pin is load-bearing.
# Idempotent: a venv that already has the pinned versions is left as it is.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="$(cd "$here/.." && pwd)/.venv"
python="${PYTHON:-python3}"

wanted_networkx_spec="networkx"
wanted_pcst="1.0.10"

if [[ ! -x "$venv/bin/python" ]]; then
  echo "setup: creating venv $venv with $("$python" --version 2>&1)"
  "$python" -m venv "$venv"
else
  echo "setup: venv $venv exists ($("$venv/bin/python" --version 2>&1))"
fi

check() {
  "$venv/bin/python" - "$wanted_pcst" <<'PY'
import sys
from importlib.metadata import version, PackageNotFoundError
try:
    nx, np, pc = version("networkx"), version("numpy"), version("pcst_fast")
except PackageNotFoundError as e:
    print(f"missing {e}")
    sys.exit(1)
ok = pc == sys.argv[1] and int(np.split(".")[0]) < 2
print(f"networkx {nx}, numpy {np}, pcst_fast {pc}")
sys.exit(0 if ok else 1)
PY
}

if status="$(check)"; then
  echo "setup: already installed: $status"
else
  echo "setup: installing ($status)"
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet "$wanted_networkx_spec" "numpy<2" "pcst_fast==$wanted_pcst"
  status="$(check)" || { echo "setup: install did not give the pinned versions: $status" >&2; exit 1; }
  echo "setup: installed: $status"
fi
echo "setup: run peers with $venv/bin/python"
