"""Bands: ordered labels for score ranges, with the thresholds that define them."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Literal

import attrs
import numpy as np
from numpy.typing import NDArray

__all__ = ["Band", "BandDef", "BandSet"]

Basis = Literal["value", "ratio"]


@attrs.frozen
class Band:
    """The band a score fell in: its label, its rank and the thresholds that define it.

    Rank 0 is typical (close to average, green); higher ranks are further from typical.
    ``lower`` is inclusive; ``upper`` is inclusive for whole-number bands and exclusive for
    continuous ones, as ``upper_inclusive`` says; ``None`` means open-ended.
    """

    label: str
    rank: int
    basis: Basis
    lower: float | None
    upper: float | None
    upper_inclusive: bool = True

    def describe(self) -> str:
        """A one-line explanation, e.g. ``high (value 17–19)``."""
        lo = "" if self.lower is None else _num(self.lower)
        hi = "" if self.upper is None else _num(self.upper)
        if self.upper is None:
            span = f"≥ {lo}"
        elif self.lower is None:
            span = f"≤ {hi}" if self.upper_inclusive else f"< {hi}"
        elif self.upper_inclusive:
            span = f"{lo}–{hi}"
        else:
            span = f"≥ {lo} and < {hi}"
        return f"{self.label} ({self.basis} {span})"


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


@attrs.frozen
class BandDef:
    """One band as written in a spec: label, rank, inclusive ``min`` and optional ``max``."""

    label: str
    rank: int
    min: float
    max: float | None = None


def _band_defs(v: Iterable[BandDef]) -> tuple[BandDef, ...]:
    return tuple(v)


@attrs.frozen
class BandSet:
    """The bands of one score, for one informant or for all.

    Bands are read in order of ``min``; each runs up to the next band's ``min``. When the
    spec writes ``max`` (as published tables do, "0–13 / 14–16"), it is checked: whole-number
    bands must meet without gap or overlap (``max + 1 == next min``), continuous bands must
    meet exactly (``max == next min``).

    Args:
        score: the domain or derived score id these bands apply to.
        bands: the bands, in any order.
        basis: ``"value"`` bands the score itself; ``"ratio"`` bands the ratio to age-expected.
        informant: the informant these bands are for (``None``: every informant).
        whole_numbers: whether scores are whole numbers (so ``max`` is inclusive).
    """

    score: str
    bands: tuple[BandDef, ...] = attrs.field(converter=_band_defs)
    basis: Basis = "value"
    informant: str | None = None
    whole_numbers: bool = True

    def ordered(self) -> tuple[BandDef, ...]:
        """The bands sorted by lower threshold."""
        return tuple(sorted(self.bands, key=lambda b: b.min))

    def problems(self, where: str, lowest: float | None, highest: float | None = None) -> list[str]:
        """Every gap, overlap or duplicate in these bands, each naming ``where``.

        Args:
            where: how to name this band set in each problem.
            lowest: the lowest score possible, which the first band must cover.
            highest: the highest score possible, which the last band must cover.

        >>> bs = BandSet("s", [BandDef("low", 0, 0, 3), BandDef("high", 1, 5, 9)])
        >>> for p in bs.problems("bands for 's'", lowest=0, highest=10):
        ...     print(p)
        bands for 's': gap between bands 'low' and 'high'
        bands for 's': no band covers scores above 9
        """
        bands = self.ordered()
        if not bands:
            return [f"{where}: no bands"]
        out = self._rank_problems(where, bands)
        step = 1.0 if self.whole_numbers else 0.0
        out += [
            f"{where}: band {b.label!r} has max below min"
            for b in bands
            if b.max is not None and b.max < b.min
        ]
        for prev, nxt in itertools.pairwise(bands):
            if prev.min == nxt.min or (prev.max is not None and prev.max + step > nxt.min):
                out.append(f"{where}: bands {prev.label!r} and {nxt.label!r} overlap")
            elif prev.max is not None and prev.max + step < nxt.min:
                out.append(f"{where}: gap between bands {prev.label!r} and {nxt.label!r}")
        if lowest is not None and bands[0].min > lowest:
            out.append(f"{where}: no band covers scores below {_num(bands[0].min)}")
        top = bands[-1].max
        if highest is not None and top is not None and top < highest:
            out.append(f"{where}: no band covers scores above {_num(top)}")
        return out

    @staticmethod
    def _rank_problems(where: str, bands: tuple[BandDef, ...]) -> list[str]:
        out: list[str] = []
        ranks = [b.rank for b in bands]
        labels = [b.label for b in bands]
        if len(set(ranks)) != len(ranks):
            out.append(f"{where}: two bands share a rank")
        if len(set(labels)) != len(labels):
            out.append(f"{where}: two bands share a label")
        if 0 not in ranks:
            out.append(f"{where}: no band has rank 0 (typical)")
        if any(r < 0 for r in ranks):
            out.append(f"{where}: ranks must not be negative")
        return out

    def thresholds(self) -> NDArray[np.float64]:
        """Lower thresholds in increasing order, for ``np.searchsorted``."""
        return np.array([b.min for b in self.ordered()], dtype=float)

    def ranks(self) -> NDArray[np.int64]:
        """Ranks in threshold order."""
        return np.array([b.rank for b in self.ordered()], dtype=np.int64)

    def band_at(self, index: int) -> Band:
        """The explained :class:`Band` for the ``index``-th band in threshold order."""
        bands = self.ordered()
        b = bands[index]
        last = index == len(bands) - 1
        if last:
            upper = b.max
        elif self.whole_numbers:
            upper = bands[index + 1].min - 1
        else:
            upper = bands[index + 1].min
        return Band(
            label=b.label,
            rank=b.rank,
            basis=self.basis,
            lower=b.min,
            upper=upper,
            upper_inclusive=self.whole_numbers or upper is None,
        )
