"""Small-count suppression for published tables, with complementary suppression.

A count ``c`` with ``0 < c < min_cell`` (``CC_MIN_CELL``, default 5) is *small*: it is never shown, the
screen says ``<5`` instead. Hiding it alone is not enough when totals are shown: with the row total and the
other cells of the row, the hidden value is one subtraction away. :func:`protect_table` therefore also hides
*complementary* cells (shown as ``•``).

Guarantees, for every small cell:

1. the published numbers never determine it, by subtraction or by solving the totals as equations;
2. it can read one more and one less (within ``1 … min_cell − 1``) without contradicting anything
   published, also for someone who knows that every ``<5`` cell lies in that range and counts are never
   negative, unless the ``<5`` markers alone already rule that out (two ``<3`` cells summing to a ``<3``
   total are both 1; no complement changes that).

How: write every published total as "parts minus total = 0". A hidden value can move by one, with the
published numbers unchanged, exactly when it lies on a cycle of hidden values that can alternately go up
and down within their bounds (row line → column line → row line …), the classic network-flow view of a
table with margins. For each small cell and each move it lacks, :func:`protect_table` hides the cheapest
set of extra values (smallest non-zero counts, inner cells before totals) that completes such a cycle.
Hiding more never breaks a cycle, so one pass over the small cells suffices.

Zeros are not suppressed (a zero is shown as ``0``). With ``min_cell = 2`` the marker ``<2`` itself says
"1"; only guarantee 1 then means anything.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

TOTAL = "total"
SHOWN = "shown"
SMALL = "small"
COMPLEMENT = "complement"
UNPUBLISHED = "unpublished"

Position = tuple[int, int]
Vertex = tuple[str, int]
_FREE: Vertex = ("free", 0)


@dataclass(frozen=True)
class ProtectedTable:
    """A table of counts with its totals, after suppression.

    Attributes:
        values: ``(n + 1) × (m + 1)`` frame, dtype ``Int64``: the input cells, the row totals in the last
            column and the column totals in the last row (both labelled ``total``), the grand total in the
            corner. ``<NA>`` where a value is suppressed or not published.
        status: same shape, one of ``shown``, ``small`` (suppressed for being small), ``complement``
            (suppressed to protect a small cell) or ``unpublished`` (a total the caller does not show).
    """

    values: pd.DataFrame
    status: pd.DataFrame

    @property
    def cells(self) -> pd.DataFrame:
        """The inner cells (``Int64``, ``<NA>`` where suppressed)."""
        return self.values.iloc[:-1, :-1]

    @property
    def cell_status(self) -> pd.DataFrame:
        """Status of the inner cells."""
        return self.status.iloc[:-1, :-1]

    @property
    def row_totals(self) -> pd.Series:
        """Row totals (``Int64``, ``<NA>`` where suppressed or unpublished)."""
        return self.values.iloc[:-1, -1]

    @property
    def col_totals(self) -> pd.Series:
        """Column totals (``Int64``, ``<NA>`` where suppressed or unpublished)."""
        return self.values.iloc[-1, :-1]


def is_small(value: int, min_cell: int) -> bool:
    """True when a count must be suppressed for being small: ``0 < value < min_cell``."""
    return 0 < value < min_cell


def _grid(counts: pd.DataFrame, row_totals: bool, col_totals: bool) -> tuple[np.ndarray, np.ndarray]:
    inner = counts.to_numpy(dtype="int64")
    if (inner < 0).any():
        raise ValueError("counts must be non-negative")
    n, m = inner.shape
    grid = np.zeros((n + 1, m + 1), dtype="int64")
    grid[:n, :m] = inner
    grid[:n, m] = inner.sum(axis=1)
    grid[n, :m] = inner.sum(axis=0)
    grid[n, m] = inner.sum()
    published = np.zeros_like(grid, dtype=bool)
    published[:n, :m] = True
    published[:n, m] = row_totals
    published[n, :m] = col_totals
    published[n, m] = row_totals or col_totals
    return grid, published


class _Search:
    """One suppression run over the table with its totals.

    Lines: row line ``i`` holds row ``i`` of the grid (row ``n`` = the column totals), column line ``j`` holds
    column ``j`` (column ``m`` = the row totals). A line is *bound* when its total is published, so its parts
    minus its total must stay 0; values on unbound lines meet at the vertex ``free``. In those terms a total
    enters its line with sign −1 and the grand total with +1, so every bound line sums to 0.
    """

    def __init__(
        self, grid: np.ndarray, published: np.ndarray, min_cell: int, row_totals: bool, col_totals: bool
    ) -> None:
        self.grid = grid
        self.published = published
        self.n, self.m = grid.shape[0] - 1, grid.shape[1] - 1
        self.row_bound = [row_totals] * self.n + [col_totals]
        self.col_bound = [col_totals] * self.m + [row_totals]
        self.primary = published & (grid > 0) & (grid < min_cell)
        self.hidden = self.primary.copy()
        self.small_max = min_cell - 1 if min_cell > 2 else None
        self.penalty = int(grid[self.n, self.m]) + 1
        # Residual graphs over the hidden values and over every published value, with the bounds an outsider
        # knows (bounded) or ignoring them (plain linear algebra). A value moves the same way whether hidden or
        # not (only small cells have an upper bound, and they are hidden from the start), so hiding a value
        # just adds its arcs to the hidden graphs.
        self.hidden_graphs = {bounded: self._graph(self.hidden, bounded) for bounded in (True, False)}
        self.full_graphs = {bounded: self._graph(published, bounded) for bounded in (True, False)}

    def hide(self, pos: Position) -> None:
        """Suppress ``pos``."""
        self.hidden[pos] = True
        for bounded, graph in self.hidden_graphs.items():
            self._add_arcs(graph, pos, bounded)

    def ends(self, pos: Position) -> tuple[Vertex, Vertex]:
        """The row-line and column-line vertices of a position."""
        i, j = pos
        return (("row", i) if self.row_bound[i] else _FREE), (("col", j) if self.col_bound[j] else _FREE)

    def moves(self, pos: Position) -> tuple[bool, bool]:
        """Whether the signed value at ``pos`` may go (up, down) by one, given what an outsider knows."""
        value = int(self.grid[pos])
        small = bool(self.primary[pos]) and self.small_max is not None
        up = not small or value < self.small_max  # type: ignore[operator]
        down = value > (1 if small else 0)
        if (pos[0] == self.n) != (pos[1] == self.m):  # a row or column total enters its lines negatively
            up, down = down, up
        return up, down

    def cost(self, pos: Position) -> int:
        """Information lost by hiding ``pos``: 0 when already hidden, else its value + 1. Totals cost more,
        and so do zeros (a hidden zero protects little: the values hidden with it then add up to little)."""
        if self.hidden[pos]:
            return 0
        is_total = pos[0] == self.n or pos[1] == self.m
        value = int(self.grid[pos])
        return value + 1 + (self.penalty if is_total or value == 0 else 0)

    def _add_arcs(self, graph: dict[Vertex, list[tuple[Vertex, Position]]], pos: Position, bounded: bool) -> None:
        """Add the arcs of ``pos``: row→col when its signed value may go up, col→row when it may go down."""
        row, col = self.ends(pos)
        up, down = self.moves(pos) if bounded else (True, True)
        if up:
            graph.setdefault(row, []).append((col, pos))
        if down:
            graph.setdefault(col, []).append((row, pos))

    def _graph(self, usable: np.ndarray, bounded: bool) -> dict[Vertex, list[tuple[Vertex, Position]]]:
        graph: dict[Vertex, list[tuple[Vertex, Position]]] = {}
        for i, j in np.argwhere(usable):
            self._add_arcs(graph, (int(i), int(j)), bounded)
        return graph

    def needed_moves(self, target: Position, *, bounded: bool) -> list[tuple[Vertex, Vertex]]:
        """(from, to) of the paths that let ``target`` go up and down by one (within its bounds if ``bounded``;
        else one path, as the linear relations alone allow either direction along it)."""
        row, col = self.ends(target)
        if row == col:  # both lines unbound: nothing constrains the value
            return []
        if not bounded:
            return [(col, row)]
        up, down = self.moves(target)
        return [pair for pair, ok in (((col, row), up), ((row, col), down)) if ok]

    def protect(self, target: Position, *, bounded: bool) -> None:
        """Hide the cheapest values that give ``target`` every move it lacks (where that is possible at all)."""
        for start, goal in self.needed_moves(target, bounded=bounded):
            if _reachable(self.hidden_graphs[bounded], start, goal, skip=target):
                continue
            path = _cheapest_path(self.full_graphs[bounded], start, goal, self.cost, skip=target)
            for pos in path:
                if not self.hidden[pos]:
                    self.hide(pos)


def _reachable(
    graph: dict[Vertex, list[tuple[Vertex, Position]]], start: Vertex, goal: Vertex, *, skip: Position
) -> bool:
    """Whether ``goal`` can be reached from ``start`` without using the value at ``skip``."""
    seen = {start}
    queue = deque([start])
    while queue:
        vertex = queue.popleft()
        if vertex == goal:
            return True
        for nxt, pos in graph.get(vertex, []):
            if nxt not in seen and pos != skip:
                seen.add(nxt)
                queue.append(nxt)
    return False


def _cheapest_path(
    graph: dict[Vertex, list[tuple[Vertex, Position]]],
    start: Vertex,
    goal: Vertex,
    cost: Callable[[Position], int],
    *,
    skip: Position,
) -> list[Position]:
    """Dijkstra from ``start`` to ``goal`` not using ``skip``: the positions on the cheapest path, or []."""
    best: dict[Vertex, int] = {start: 0}
    came_by: dict[Vertex, tuple[Vertex, Position]] = {}
    frontier: list[tuple[int, int, Vertex]] = [(0, 0, start)]
    tie = 0
    while frontier:
        total, _, vertex = heapq.heappop(frontier)
        if vertex == goal:
            break
        if total > best.get(vertex, total):
            continue
        for nxt, pos in graph.get(vertex, []):
            if pos == skip:
                continue
            candidate = total + cost(pos)
            if candidate < best.get(nxt, candidate + 1):
                best[nxt] = candidate
                came_by[nxt] = (vertex, pos)
                tie += 1
                heapq.heappush(frontier, (candidate, tie, nxt))
    if goal not in came_by:
        return []
    path: list[Position] = []
    vertex = goal
    while vertex != start:
        vertex, pos = came_by[vertex]
        path.append(pos)
    return path


def protect_table(
    counts: pd.DataFrame, min_cell: int, *, row_totals: bool = True, col_totals: bool = True
) -> ProtectedTable:
    """Suppress small counts and enough other values that no small count can be worked out.

    Args:
        counts: non-negative whole numbers (rows × columns, e.g. kecamatan × category); no missing values.
        min_cell: counts ``1 … min_cell − 1`` are small. ``1`` disables suppression.
        row_totals: whether the caller publishes the row totals (sum across columns).
        col_totals: whether the caller publishes the column totals (sum down rows); the grand total counts
            as published when either is.

    Returns:
        The protected table; see :class:`ProtectedTable`.

    Raises:
        ValueError: when ``counts`` is empty, holds negative values or uses the label ``total``.
    """
    if counts.empty:
        raise ValueError("counts is empty")
    if TOTAL in counts.index or TOTAL in counts.columns:
        raise ValueError(f"the label '{TOTAL}' is reserved for totals")
    grid, published = _grid(counts, row_totals, col_totals)
    search = _Search(grid, published, min_cell, row_totals, col_totals)
    for i, j in np.argwhere(search.primary):
        target = (int(i), int(j))
        search.protect(target, bounded=True)
        # When the <5 markers alone fix a value, no complement helps against that; still make sure the
        # totals do not give it away by subtraction or by solving the relations.
        search.protect(target, bounded=False)
    return _result(counts, grid, published, search.primary, search.hidden)


def _result(
    counts: pd.DataFrame, grid: np.ndarray, published: np.ndarray, primary: np.ndarray, suppressed: np.ndarray
) -> ProtectedTable:
    index = [*counts.index, TOTAL]
    columns = [*counts.columns, TOTAL]
    status = np.full(grid.shape, SHOWN, dtype=object)
    status[suppressed] = COMPLEMENT
    status[primary] = SMALL
    status[~published] = UNPUBLISHED
    values = pd.DataFrame(grid, index=index, columns=columns).astype("Int64")
    values = values.mask(suppressed | ~published)
    return ProtectedTable(values=values, status=pd.DataFrame(status, index=index, columns=columns))


def protect_counts(counts: pd.Series, min_cell: int, *, total_published: bool = True) -> ProtectedTable:
    """:func:`protect_table` for one list of counts (e.g. per desa) whose total may be shown.

    Args:
        counts: non-negative whole numbers, one per row.
        min_cell: suppression threshold.
        total_published: whether the sum of the list is shown anywhere.

    Returns:
        A protected table with one column (the series name, or ``jumlah``); read ``.cells.iloc[:, 0]``.
    """
    frame = counts.to_frame(name=counts.name if counts.name is not None else "jumlah")
    return protect_table(frame, min_cell, row_totals=False, col_totals=total_published)
