#!/usr/bin/env python3
"""Runs the Python Steiner peers on benchmark instances and checks what they return.

usage: run_peers.py [--time-limit S] [--peers P,...] [--instances-dir DIR]
                    [--out FILE] [--python PY] [--memory-limit-gb G] [FILES...]

Each peer runs as its own process per instance (start-up and parsing included in the
wall-clock time), killed after the time limit. Every returned tree is checked against
the file: its edges exist, it is a tree, it spans all terminals (SPG) and its cost,
recomputed from the file, matches the reported VALUE. The gap is taken to the optimum
in the instance folder's optima.csv.

Default instances: spg/ and pcspg/ of shared/benchmarks/steiner, found as
../../../shared from this script (the repository's sibling), or in the nearest
ancestor folder that has it. CSV goes to stdout (or --out); per-peer summary lines go
to stderr.
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import stp

HERE = Path(__file__).resolve().parent

# name -> (script arguments, problem classes it solves)
PEERS = {
    "pcst_fast": (["pcst_solve.py"], {"spg", "pcspg"}),
    "nx_mehlhorn": (["nx_solve.py", "--method", "mehlhorn"], {"spg"}),
    "nx_kou": (["nx_solve.py", "--method", "kou"], {"spg"}),
}

COLUMNS = ["instance", "family", "peer", "cost", "optimum", "gap_percent", "seconds",
           "valid", "status"]


@dataclass
class Case:
    path: Path
    instance: str
    family: str
    problem: str  # "spg" or "pcspg"
    optimum: float | None


def find_instances_dir() -> Path | None:
    for base in [HERE, *HERE.parents]:
        candidate = base / "shared" / "benchmarks" / "steiner"
        if candidate.is_dir():
            return candidate
    return None


def read_optima(folder: Path) -> dict[str, dict[str, str]]:
    """optima.csv rows keyed by file name, in file order."""
    table = folder / "optima.csv"
    if not table.is_file():
        return {}
    with open(table, newline="") as f:
        return {row["file"]: row for row in csv.DictReader(f)}


def cases_from_dir(root: Path) -> list[Case]:
    cases = []
    for problem in ("spg", "pcspg"):
        folder = root / problem
        for file, row in read_optima(folder).items():
            cases.append(Case(folder / file, row["instance"], row["family"], problem,
                              float(row["optimum"])))
    return cases


def case_from_file(path: Path) -> Case:
    row = read_optima(path.parent).get(path.name)
    inst_name = path.name.split(".")[0]
    if row is not None:
        problem = "pcspg" if path.parent.name == "pcspg" else "spg"
        return Case(path, row["instance"], row["family"], problem, float(row["optimum"]))
    problem = "pcspg" if stp.read(str(path)).is_prize_collecting else "spg"
    return Case(path, inst_name, "", problem, None)


def parse_output(text: str) -> tuple[float | None, list[tuple[int, int]], int | None]:
    value, edges, lone = None, [], None
    for line in text.splitlines():
        parts = line.split()
        if not parts:
            continue
        if parts[0].upper() == "VALUE" and len(parts) >= 2:
            value = float(parts[1])
        elif parts[0].upper() == "V" and len(parts) >= 2:
            lone = int(parts[1])
        elif len(parts) == 2:
            edges.append((int(parts[0]), int(parts[1])))
    return value, edges, lone


def check(inst: stp.Instance, costs: dict[tuple[int, int], float], value: float | None,
          edges: list[tuple[int, int]], lone: int | None) -> tuple[float | None, str]:
    """Returns (recomputed objective, "" if valid else the reason)."""
    if value is None:
        return None, "no VALUE line"
    parent = list(range(inst.nodes + 1))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    seen: set[tuple[int, int]] = set()
    total = 0.0
    spanned: set[int] = set()
    for u, v in edges:
        key = (u, v) if u < v else (v, u)
        if key not in costs:
            return None, f"edge {u} {v} is not in the graph"
        if key in seen:
            return None, f"edge {u} {v} twice"
        seen.add(key)
        ru, rv = find(u), find(v)
        if ru == rv:
            return None, f"edge {u} {v} closes a cycle"
        parent[ru] = rv
        total += costs[key]
        spanned.update(key)
    if edges and len({find(v) for v in spanned}) != 1:
        return None, "edges form more than one tree"
    if not edges and lone is not None:
        spanned = {lone}
    if inst.is_prize_collecting:
        total += sum(inst.prizes[v] for v in range(1, inst.nodes + 1) if v not in spanned)
        if inst.root is not None and inst.root not in spanned:
            return total, f"root {inst.root} not spanned"
    elif len(inst.terminals) > 1:
        missing = [t for t in inst.terminals if t not in spanned]
        if missing:
            return total, f"{len(missing)} terminals not spanned"
    if abs(total - value) > 1e-6 * max(1.0, abs(total)):
        return total, f"VALUE {value} but edges cost {total}"
    return total, ""


def limit_memory(gigabytes: float):
    def apply():
        limit = int(gigabytes * (1 << 30))
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    return apply


def run_case(case: Case, peer: str, args, inst: stp.Instance, costs) -> dict:
    script, *extra = PEERS[peer][0]
    cmd = [args.python, str(HERE / script), *extra, str(case.path)]
    row = {"instance": case.instance, "family": case.family, "peer": peer, "cost": "",
           "optimum": stp.format_cost(case.optimum) if case.optimum is not None else "",
           "gap_percent": "", "seconds": "", "valid": "false", "status": ""}
    start = time.perf_counter()
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=args.time_limit,
                              preexec_fn=limit_memory(args.memory_limit_gb))
    except subprocess.TimeoutExpired:
        row["seconds"] = f"{time.perf_counter() - start:.3f}"
        row["status"] = "timeout"
        return row
    row["seconds"] = f"{time.perf_counter() - start:.3f}"
    if proc.returncode != 0:
        last = (proc.stderr.strip().splitlines() or [""])[-1]
        row["status"] = f"exit {proc.returncode}: {last[:120]}"
        return row
    value, edges, lone = parse_output(proc.stdout)
    total, problem = check(inst, costs, value, edges, lone)
    if total is not None:
        row["cost"] = stp.format_cost(total)
        if case.optimum:
            row["gap_percent"] = f"{100.0 * (total - case.optimum) / case.optimum:.4f}"
    row["valid"] = "true" if not problem else "false"
    row["status"] = problem or "ok"
    return row


def summarize(rows: list[dict]) -> list[str]:
    lines = []
    groups: dict[tuple[str, str], list[dict]] = {}
    for row in rows:
        groups.setdefault((row["peer"], row["problem"]), []).append(row)
    for (peer, problem), group in groups.items():
        valid = [r for r in group if r["valid"] == "true"]
        # Instances without a published optimum (the generated cubes) have no gap.
        gaps = [float(r["gap_percent"]) for r in valid if r["gap_percent"] != ""]
        finished = [float(r["seconds"]) for r in group if r["status"] != "timeout"]
        timeouts = sum(r["status"] == "timeout" for r in group)
        failed = len(group) - len(valid) - timeouts
        mean_gap = f"{statistics.mean(gaps):.2f} %" if gaps else "n/a"
        median_gap = f"{statistics.median(gaps):.2f} %" if gaps else "n/a"
        mean_s = f"{statistics.mean(finished):.2f} s" if finished else "n/a"
        lines.append(f"summary {peer} {problem}: {len(valid)}/{len(group)} valid, "
                     f"{timeouts} timeouts, {failed} failed; mean gap {mean_gap}, "
                     f"median gap {median_gap}, mean seconds {mean_s} (finished runs)")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--time-limit", type=float, default=60.0,
                        help="wall-clock seconds per run (default 60)")
    parser.add_argument("--peers", default=",".join(PEERS),
                        help=f"comma-separated, from {', '.join(PEERS)}")
    parser.add_argument("--instances-dir", type=Path)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--python", default=None,
                        help="interpreter for the peers (default: Benchmarks/.venv)")
    parser.add_argument("--memory-limit-gb", type=float, default=4.0,
                        help="address-space limit per peer process (default 4)")
    args = parser.parse_args()

    if args.python is None:
        venv_python = HERE.parent / ".venv" / "bin" / "python"
        if not venv_python.exists():
            sys.exit("error: Benchmarks/.venv missing: run Benchmarks/peers/setup.sh first")
        args.python = str(venv_python)
    peers = [p.strip() for p in args.peers.split(",") if p.strip()]
    for p in peers:
        if p not in PEERS:
            sys.exit(f"error: unknown peer '{p}' (known: {', '.join(PEERS)})")

    if args.files:
        cases = [case_from_file(p) for p in args.files]
    else:
        root = args.instances_dir or find_instances_dir()
        if root is None or not root.is_dir():
            sys.exit("error: no shared/benchmarks/steiner found; pass --instances-dir")
        cases = cases_from_dir(root)
        if not cases:
            sys.exit(f"error: no optima.csv rows under {root}/spg or {root}/pcspg")

    out = open(args.out, "w", newline="") if args.out else sys.stdout
    writer = csv.DictWriter(out, fieldnames=COLUMNS, extrasaction="ignore",
                            lineterminator="\n")
    writer.writeheader()
    rows = []
    for case in cases:
        try:
            inst = stp.read(str(case.path))
        except stp.StpError as e:
            print(f"skip {case.instance}: {e}", file=sys.stderr)
            continue
        costs = inst.edge_costs()
        for peer in peers:
            if case.problem not in PEERS[peer][1]:
                continue
            row = run_case(case, peer, args, inst, costs)
            row["problem"] = case.problem
            rows.append(row)
            writer.writerow(row)
            out.flush()
            print(f"{case.instance:28s} {peer:12s} {row['cost']:>12s} gap "
                  f"{row['gap_percent'] or '-':>9s} {row['seconds']:>8s}s {row['status']}",
                  file=sys.stderr, flush=True)
    if args.out:
        out.close()
    for line in summarize(rows):
        print(line, file=sys.stderr)


if __name__ == "__main__":
    main()
