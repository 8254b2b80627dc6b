#!/usr/bin/env python3
"""Whole-process peer: pcst_fast (Hegde, Indyk & Schmidt 2015, GW with strong pruning).

usage: pcst_solve.py FILE

SPG files: every terminal gets a prize larger than all edges together (so leaving it
out never pays) and the other nodes 0. PCSPG files: the file's prizes; the value is the
tree's edge cost plus the prizes of the nodes it does not span. Prints `VALUE c` and one
`u v` line per tree edge (1-based, as in the file).
"""

import sys

import stp


def solve(path: str) -> None:
    import numpy as np
    if int(np.__version__.split(".")[0]) >= 2:
        # pcst_fast 1.0.10 returns wrong trees with numpy 2.x and says nothing.
        print(f"error: numpy {np.__version__} found; pcst_fast needs numpy<2 "
              "(run Benchmarks/peers/setup.sh)", file=sys.stderr)
        sys.exit(69)
    import pcst_fast

    inst = stp.read(path)
    kept = [i for i in range(inst.edges) if inst.tails[i] != inst.heads[i]]
    edges = np.array([(inst.tails[i] - 1, inst.heads[i] - 1) for i in kept],
                     dtype=np.int64).reshape(-1, 2)
    costs = np.array([inst.weights[i] for i in kept], dtype=np.float64)
    if inst.is_prize_collecting:
        prizes = np.array(inst.prizes[1:], dtype=np.float64)
    else:
        prizes = np.zeros(inst.nodes, dtype=np.float64)
        forcing = float(sum(inst.weights)) + 1.0
        for t in inst.terminals:
            prizes[t - 1] = forcing
    if inst.root is not None:
        root, clusters = inst.root - 1, 0
    else:
        root, clusters = -1, 1

    vertices, edge_ids = pcst_fast.pcst_fast(edges, prizes, costs, root, clusters, "strong", 0)

    tree = [(inst.tails[kept[e]], inst.heads[kept[e]]) for e in edge_ids]
    value = float(sum(inst.weights[kept[e]] for e in edge_ids))
    spanned = {int(v) + 1 for v in vertices}
    if inst.is_prize_collecting:
        value += sum(inst.prizes[v] for v in range(1, inst.nodes + 1) if v not in spanned)
    else:
        missing = [t for t in inst.terminals if t not in spanned]
        if missing:
            print(f"{path}: pcst_fast left {len(missing)} of {len(inst.terminals)} terminals "
                  f"unspanned (first: {missing[:5]})", file=sys.stderr)
    lone = next(iter(spanned)) if not tree and len(spanned) == 1 else None
    stp.write_solution(sys.stdout, value, tree, lone)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: pcst_solve.py FILE", file=sys.stderr)
        sys.exit(64)
    stp.main_guard(lambda: solve(sys.argv[1]))
