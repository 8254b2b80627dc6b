#!/usr/bin/env python3
"""Whole-process peer: networkx's Steiner-tree approximation.

usage: nx_solve.py FILE [--method mehlhorn|kou]

Mehlhorn 1988 (default) or Kou, Markowsky & Berman 1981, both 2-approximations via
the terminals' distance graph. SPG files only: networkx has no prize-collecting
variant. Prints `VALUE c` and one `u v` line per tree edge (1-based, as in the file).
"""

import argparse
import sys

import stp


def solve(path: str, method: str) -> None:
    import networkx as nx
    from networkx.algorithms.approximation import steiner_tree

    inst = stp.read(path)
    if inst.is_prize_collecting:
        print(f"error: {path}: prize-collecting file; networkx solves SPG only",
              file=sys.stderr)
        sys.exit(65)
    g = nx.Graph()
    g.add_nodes_from(range(1, inst.nodes + 1))
    for (u, v), w in inst.edge_costs().items():
        if u != v:
            g.add_edge(u, v, weight=w)
    if len(inst.terminals) <= 1:
        tree_edges = []
    else:
        tree = steiner_tree(g, inst.terminals, weight="weight", method=method)
        tree_edges = sorted((min(u, v), max(u, v)) for u, v in tree.edges())
    value = float(sum(g[u][v]["weight"] for u, v in tree_edges))
    stp.write_solution(sys.stdout, value, tree_edges)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("--method", choices=["mehlhorn", "kou"], default="mehlhorn")
    args = parser.parse_args()
    stp.main_guard(lambda: solve(args.file, args.method))
