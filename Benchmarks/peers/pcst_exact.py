"""Exact optimum (or a certified bound) of a Steiner or prize-collecting Steiner instance
by mixed-integer programming with HiGHS, to tell the PCSPG table how far the heuristic
really is from the optimum on instances without a published one (the generated
unit-cost hypercubes).

Formulation: the rooted Steiner arborescence transformation of the PCSTP (Ljubic et al.
2006, "An algorithmic framework for the exact solution of the prize-collecting Steiner
tree problem") with a multi-commodity flow per prize vertex, whose LP relaxation equals
the directed-cut one. An artificial root r has an arc to every prize vertex; at most one
is used, and only to the lowest-numbered vertex of the tree (asymmetry constraints), so
each tree has one orientation. z_v = 1 when prize vertex v is spanned; the objective is
edge costs plus the prizes of unspanned vertices. SPG instances fix z_v = 1 for every
terminal and root the tree at the first one.

usage: python3 pcst_exact.py FILE [--time-limit S] [--threads N]
prints one line: `name status objective bound gap_percent seconds`
(status optimal or time_limit; objective and bound in the instance's costs).
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stp  # noqa: E402


def solve(inst: stp.Instance, time_limit: float, threads: int):
    import highspy

    n = inst.nodes
    edges = list(zip(inst.tails, inst.heads, inst.weights))
    if inst.is_prize_collecting:
        prize = {v: inst.prizes[v] for v in range(1, n + 1) if inst.prizes[v] > 0}
        forced = False
    else:
        prize = {t: 0.0 for t in inst.terminals}
        forced = True
    targets = sorted(prize)
    # Arcs: both directions of every edge, then root arcs (r = 0) to the targets
    # (SPG: only to the first terminal).
    tail, head, cost = [], [], []
    for u, v, w in edges:
        if u == v:
            continue
        tail += [u, v]; head += [v, u]; cost += [w, w]
    roots = targets[:1] if forced else targets
    first_root_arc = len(tail)
    for v in roots:
        tail.append(0); head.append(v); cost.append(0.0)
    arcs = len(tail)
    k_count = len(targets)
    # Columns: y (arcs), z (targets), f (k_count * arcs).
    y0, z0, f0 = 0, arcs, arcs + k_count
    cols = f0 + k_count * arcs
    lower = np.zeros(cols); upper = np.ones(cols)
    c = np.zeros(cols)
    c[:arcs] = cost
    offset = 0.0
    for i, v in enumerate(targets):
        c[z0 + i] = -prize[v]          # p_v (1 - z_v): constant sum p, minus p_v z_v
        offset += prize[v]
        if forced:
            lower[z0 + i] = 1.0
    rows_lo, rows_hi, starts, index, value = [], [], [], [], []

    def row(entries, lo, hi):
        starts.append(len(index))
        for j, a in entries:
            index.append(j); value.append(a)
        rows_lo.append(lo); rows_hi.append(hi)

    inf = highspy.kHighsInf
    into = [[] for _ in range(n + 1)]
    out = [[] for _ in range(n + 1)]
    for a in range(arcs):
        into[head[a]].append(a); out[tail[a]].append(a)
    z_of = {v: i for i, v in enumerate(targets)}
    # One root arc at most; in-degree 1 for spanned targets, at most 1 elsewhere.
    row([(y0 + a, 1.0) for a in out[0]], 0.0, 1.0)
    for v in range(1, n + 1):
        entries = [(y0 + a, 1.0) for a in into[v]]
        if v in z_of:
            row(entries + [(z0 + z_of[v], -1.0)], 0.0, 0.0)
        elif entries:
            row(entries, 0.0, 1.0)
    # Asymmetry: the root arc goes to the lowest-numbered spanned target.
    if not forced:
        for i, v in enumerate(targets):
            a = first_root_arc + i
            for j in range(i):
                row([(y0 + a, 1.0), (z0 + j, 1.0)], -inf, 1.0)
    # Flow of commodity k: z_k from the root to k, within the arcs' capacities.
    for k, t in enumerate(targets):
        base = f0 + k * arcs
        for v in range(0, n + 1):
            entries = [(base + a, 1.0) for a in into[v]] + [(base + a, -1.0) for a in out[v]]
            if not entries:
                continue
            if v == 0:
                row(entries + [(z0 + k, 1.0)], 0.0, 0.0)
            elif v == t:
                row(entries + [(z0 + k, -1.0)], 0.0, 0.0)
            else:
                row(entries, 0.0, 0.0)
        for a in range(arcs):
            row([(base + a, 1.0), (y0 + a, -1.0)], -inf, 0.0)

    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", float(time_limit))
    h.setOptionValue("threads", int(threads))
    h.setOptionValue("mip_rel_gap", 0.0)
    h.addVars(cols, lower, upper)
    h.changeColsCost(cols, np.arange(cols, dtype=np.int32), c)
    integral = np.arange(0, f0, dtype=np.int32)
    h.changeColsIntegrality(len(integral), integral,
                            np.full(len(integral), highspy.HighsVarType.kInteger, dtype=np.uint8))
    h.changeObjectiveOffset(offset)
    starts_a = np.array(starts, dtype=np.int32)
    h.addRows(len(rows_lo), np.array(rows_lo), np.array(rows_hi), len(index), starts_a,
              np.array(index, dtype=np.int32), np.array(value))
    h.run()
    info = h.getInfo()
    status = "optimal" if h.getModelStatus() == highspy.HighsModelStatus.kOptimal else "time_limit"
    return status, info.objective_function_value, info.mip_dual_bound


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("--time-limit", type=float, default=600.0)
    parser.add_argument("--threads", type=int, default=1)
    args = parser.parse_args()
    try:
        inst = stp.read(args.file)
    except stp.StpError as e:
        print(f"error: {e}", file=sys.stderr)
        return 65
    start = time.monotonic()
    status, objective, bound = solve(inst, args.time_limit, args.threads)
    seconds = time.monotonic() - start
    gap = 100.0 * (objective - bound) / objective if objective > 0 else 0.0
    name = re.sub(r"(\.(stp|gr))?(\.gz)?$", "", os.path.basename(args.file))
    print(f"{name} {status} {objective:.6g} {bound:.6g} {gap:.3f} {seconds:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
