"""Exact optimum (or a proven lower bound) of a prize-collecting Steiner instance whose
edges all cost the same c and whose graph is bipartite with every prize on one side B
(each at least c) and none on the other side A, such as the generated unit-cost hypercubes: for those
HiGHS's flow model (`pcst_exact.py`) does not get past its root LP on the 7-cube.

A tree S with A' = S ∩ A nonempty costs c(|S| − 1) plus the prizes outside it, which is
P − c + Σ_{v∈S} (c − p(v)); for a given A' the best S takes every neighbour b of A' with
p(b) > c (those with p(b) ≤ c gain nothing), and S is connected exactly when A' is
linked: connected in the graph where two A vertices are adjacent when they share a
neighbour. So OPT = P − c + min over linked A' of [c·|A'| − W(N(A'))], W(b) = max(0,
p(b) − c), or P − max p for a one-vertex tree. The MIP: x_a binary, 0 ≤ y_b ≤ Σ_{a ∈
N(b)} x_a, the counting cut Σ y_b ≤ λ + Σ (deg(a) − λ) x_a (Hunter's bound, λ the fewest
neighbours that two linked A vertices share), and node-separator cuts added until the
chosen A' is linked (x_a + x_a' − 1 ≤ Σ_{u ∈ sep(C)} x_u for a in a component C of A',
a' in another, sep(C) the A vertices linked to C outside it; Fischetti et al. 2017,
"Thinning out Steiner trees"). Every MIP on the way is a relaxation, so its optimum is
a proven lower bound even when the loop stops at the time limit.

usage: python3 bipartite_exact.py FILE [--time-limit S]
prints one line: `name status objective bound gap_percent seconds`, where objective is
the best linked solution found (or `-`) and status is optimal or time_limit.
Exit 65 when the instance is not of this kind.
"""

from __future__ import annotations

import argparse
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import stp  # noqa: E402


class NotBipartiteUnit(Exception):
    pass


def sides(inst: stp.Instance):
    """(A, B, adjacency, c): B the prize vertices, A the rest; both independent."""
    if inst.prizes is None:
        raise NotBipartiteUnit("not a prize-collecting file")
    costs = {w for u, v, w in zip(inst.tails, inst.heads, inst.weights) if u != v}
    if len(costs) != 1:
        raise NotBipartiteUnit(f"edge costs are not all equal ({len(costs)} values)")
    c = costs.pop()
    n = inst.nodes
    adj = [set() for _ in range(n + 1)]
    for u, v in zip(inst.tails, inst.heads):
        if u != v:
            adj[u].add(v); adj[v].add(u)
    in_b = [False] + [inst.prizes[v] > 0 for v in range(1, n + 1)]
    for v in range(1, n + 1):
        if any(in_b[w] == in_b[v] for w in adj[v]):
            raise NotBipartiteUnit(f"node {v} has a neighbour on its own side")
    low = [v for v in range(1, n + 1) if in_b[v] and inst.prizes[v] < c]
    if low:
        # Linking through such a vertex would cost c − p > 0, which the model ignores.
        raise NotBipartiteUnit(f"node {low[0]} has a prize below the edge cost {c:g}")
    a_side = [v for v in range(1, n + 1) if not in_b[v] and adj[v]]
    b_side = [v for v in range(1, n + 1) if in_b[v]]
    return a_side, b_side, adj, c


def solve(inst: stp.Instance, time_limit: float):
    import highspy

    start = time.time()
    a_side, b_side, adj, c = sides(inst)
    prize = inst.prizes
    total = sum(prize[1:])
    weight = {b: max(0.0, prize[b] - c) for b in b_side}
    linked = {a: set() for a in a_side}
    for b in b_side:
        for a in adj[b]:
            linked[a] |= adj[b] - {a}
    shared = [len(adj[a] & adj[a2]) for a in a_side for a2 in linked[a]]
    lam = min(shared) if shared else 1
    col = {a: i for i, a in enumerate(a_side)}
    col.update({b: len(a_side) + i for i, b in enumerate(b_side)})
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    inf = highspy.kHighsInf
    count = len(a_side) + len(b_side)
    for _ in range(count):
        h.addVar(0, 1)
    costs = [c] * len(a_side) + [-weight[b] for b in b_side]
    h.changeColsCost(count, np.arange(count, dtype=np.int32), np.array(costs))

    def row(lower, upper, idx, val):
        h.addRow(lower, upper, len(idx), np.array(idx, dtype=np.int32), np.array(val, dtype=float))

    for b in b_side:
        nb = [col[a] for a in adj[b]]
        row(-inf, 0, [col[b]] + nb, [1.0] + [-1.0] * len(nb))
    row(-inf, lam, [col[b] for b in b_side] + [col[a] for a in a_side],
        [1.0] * len(b_side) + [-(len(adj[a]) - lam) for a in a_side])
    row(1, inf, [col[a] for a in a_side], [1.0] * len(a_side))
    h.changeColsIntegrality(len(a_side), np.arange(len(a_side), dtype=np.int32),
                            np.array([highspy.HighsVarType.kInteger] * len(a_side)))
    alone = total - max(prize[1:])
    bound, best = -float("inf"), None
    while True:
        left = time_limit - (time.time() - start)
        if left <= 0:
            return "time_limit", best, bound, time.time() - start
        h.setOptionValue("time_limit", left)
        h.run()
        info = h.getInfo()
        if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
            bound = max(bound, min(alone, total - c + info.mip_dual_bound))
            return "time_limit", best, bound, time.time() - start
        value = total - c + info.objective_function_value
        bound = max(bound, min(alone, value))
        x = h.getSolution().col_value
        chosen = [a for a in a_side if x[col[a]] > 0.5]
        parts = components(chosen, linked)
        if len(parts) == 1 or alone <= value:
            best = min(value, alone)
            return "optimal", best, best, time.time() - start
        for part in parts:
            sep = set().union(*(linked[u] for u in part)) - part
            for a in part:
                for a2 in chosen:
                    if a2 not in part:
                        idx = [col[a], col[a2]] + [col[u] for u in sep]
                        row(-inf, 1, idx, [1.0, 1.0] + [-1.0] * len(sep))


def components(chosen, linked):
    left, parts = set(chosen), []
    while left:
        seed = left.pop()
        part, stack = {seed}, [seed]
        while stack:
            for w in linked[stack.pop()]:
                if w in left:
                    left.remove(w); part.add(w); stack.append(w)
        parts.append(part)
    return parts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("file")
    parser.add_argument("--time-limit", type=float, default=600.0)
    args = parser.parse_args()
    try:
        inst = stp.read(args.file)
        status, best, bound, seconds = solve(inst, args.time_limit)
    except (stp.StpError, NotBipartiteUnit) as e:
        print(f"error: {args.file}: {e}", file=sys.stderr)
        return 65
    name = os.path.basename(args.file).split(".")[0]
    gap = (best - bound) / bound * 100 if best is not None and bound > 0 else float("nan")
    shown = f"{best:.6g}" if best is not None else "-"
    print(f"{name} {status} {shown} {bound:.6g} {gap:.3f} {seconds:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
