"""Reader for SteinLib .stp and PACE 2018 .gr Steiner instances, plain or gzipped.

Both formats are sections of keyword lines (`SECTION Graph`, `E u v w`, `END`, ...);
.gr has no header line. Keywords are case-insensitive. Unknown sections (Coordinates,
Tree Decomposition, ...) and unknown keywords (Optimal, Name, ...) are skipped.
Prize-collecting files give `TP v prize` lines in the Terminals section.

Node ids are kept 1-based as in the file; index 0 is unused.
"""

from __future__ import annotations

import gzip
import sys
from dataclasses import dataclass, field

GZIP_MAGIC = b"\x1f\x8b"


class StpError(Exception):
    """Bad input; the message names the file and the line."""


@dataclass
class Instance:
    path: str
    nodes: int = 0
    # Edge i joins tails[i] and heads[i] (1-based) with cost weights[i].
    tails: list[int] = field(default_factory=list)
    heads: list[int] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)
    terminals: list[int] = field(default_factory=list)
    # prizes[v] for v in 1...nodes when the file has TP lines, else None.
    prizes: list[float] | None = None
    root: int | None = None

    @property
    def edges(self) -> int:
        return len(self.tails)

    @property
    def is_prize_collecting(self) -> bool:
        return self.prizes is not None

    def edge_costs(self) -> dict[tuple[int, int], float]:
        """Cheapest cost of each unordered node pair (files may repeat an edge)."""
        costs: dict[tuple[int, int], float] = {}
        for u, v, w in zip(self.tails, self.heads, self.weights):
            key = (u, v) if u < v else (v, u)
            old = costs.get(key)
            if old is None or w < old:
                costs[key] = w
        return costs


def open_text(path: str):
    """Opens `path` as text, gunzipping when the file starts with the gzip magic."""
    with open(path, "rb") as f:
        magic = f.read(2)
    if magic == GZIP_MAGIC:
        return gzip.open(path, "rt", encoding="utf-8", errors="replace")
    return open(path, "rt", encoding="utf-8", errors="replace")


def _number(text: str, path: str, line_no: int, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise StpError(f"{path}:{line_no}: {what}: '{text}' is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise StpError(f"{path}:{line_no}: {what}: '{text}' is not finite")
    return value


def _node(text: str, path: str, line_no: int, what: str) -> int:
    try:
        v = int(text)
    except ValueError:
        raise StpError(f"{path}:{line_no}: {what}: '{text}' is not a node id") from None
    if v < 1:
        raise StpError(f"{path}:{line_no}: {what}: node {v} is below 1")
    return v


def read(path: str) -> Instance:
    """Reads an .stp or .gr file (optionally gzipped). Raises StpError on bad input."""
    inst = Instance(path=path)
    section: str | None = None
    terminal_prizes: dict[int, float] = {}
    declared_edges: int | None = None
    declared_terminals: int | None = None
    try:
        f = open_text(path)
    except OSError as e:
        raise StpError(f"{path}: cannot open: {e.strerror}") from None
    with f:
        for line_no, raw in enumerate(f, start=1):
            parts = raw.split()
            if not parts:
                continue
            key = parts[0].lower()
            if key == "section":
                section = parts[1].lower() if len(parts) > 1 else ""
                continue
            if key == "end":
                section = None
                continue
            if key == "eof":
                break
            if section == "graph":
                if key == "e":
                    if len(parts) < 4:
                        raise StpError(f"{path}:{line_no}: edge: expected 'E u v w'")
                    u = _node(parts[1], path, line_no, "edge tail")
                    v = _node(parts[2], path, line_no, "edge head")
                    w = _number(parts[3], path, line_no, "edge weight")
                    if w < 0:
                        raise StpError(f"{path}:{line_no}: edge weight: {parts[3]} is negative")
                    inst.tails.append(u)
                    inst.heads.append(v)
                    inst.weights.append(w)
                elif key == "nodes" and len(parts) > 1:
                    inst.nodes = _node(parts[1], path, line_no, "Nodes")
                elif key == "edges" and len(parts) > 1:
                    declared_edges = int(_number(parts[1], path, line_no, "Edges"))
                # Arcs (directed variants), Optimal, ...: skipped.
            elif section == "terminals":
                if key == "t" and len(parts) >= 2:
                    terminal_prizes.setdefault(_node(parts[1], path, line_no, "terminal"), None)
                elif key == "tp" and len(parts) >= 3:
                    v = _node(parts[1], path, line_no, "terminal")
                    terminal_prizes[v] = _number(parts[2], path, line_no, "prize")
                elif key in ("root", "rootp") and len(parts) >= 2:
                    inst.root = _node(parts[1], path, line_no, "root")
                elif key == "terminals" and len(parts) > 1:
                    declared_terminals = int(_number(parts[1], path, line_no, "Terminals"))
            # Any other section (Comment, Coordinates, Tree Decomposition, ...): skipped.

    if inst.nodes == 0:
        raise StpError(f"{path}: no 'Nodes n' line in the Graph section")
    if declared_edges is not None and declared_edges != inst.edges:
        print(f"{path}: warning: Edges says {declared_edges}, file has {inst.edges} edges",
              file=sys.stderr)
    for i, (u, v) in enumerate(zip(inst.tails, inst.heads)):
        if u > inst.nodes or v > inst.nodes:
            raise StpError(f"{path}: edge {i + 1} ({u}, {v}) names a node above Nodes {inst.nodes}")
    for v in terminal_prizes:
        if v > inst.nodes:
            raise StpError(f"{path}: terminal {v} is above Nodes {inst.nodes}")
    if any(p is not None for p in terminal_prizes.values()):
        inst.prizes = [0.0] * (inst.nodes + 1)
        for v, p in terminal_prizes.items():
            inst.prizes[v] = p or 0.0
        inst.terminals = sorted(v for v, p in terminal_prizes.items() if p and p > 0)
    else:
        inst.terminals = sorted(terminal_prizes)
    if declared_terminals is not None and declared_terminals != len(terminal_prizes):
        print(f"{path}: warning: Terminals says {declared_terminals}, "
              f"file has {len(terminal_prizes)}", file=sys.stderr)
    return inst


def write_solution(out, value: float, edges: list[tuple[int, int]],
                   lone_vertex: int | None = None) -> None:
    """PACE style: `VALUE c`, then one `u v` line per tree edge (1-based).

    A tree with no edge but one vertex (possible for prize-collecting files) is
    written as `V v` so that a checker knows which vertex the value counts.
    """
    out.write(f"VALUE {format_cost(value)}\n")
    if not edges and lone_vertex is not None:
        out.write(f"V {lone_vertex}\n")
    for u, v in edges:
        out.write(f"{u} {v}\n")


def format_cost(value: float) -> str:
    return str(int(round(value))) if abs(value - round(value)) < 1e-6 else repr(value)


def main_guard(run) -> None:
    """Runs `run()`, turning StpError into exit 65 and a missing file into 66."""
    try:
        run()
    except StpError as e:
        print(f"error: {e}", file=sys.stderr)
        sys.exit(66 if "cannot open" in str(e) else 65)
