"""The scoring kernel: an instrument compiled to arrays, and the batch of scores it gives.

One code path serves one child and a million: ``InstrumentSpec.score`` runs this kernel on a
batch of one. Reverse keying is folded into the domain weight matrix, so a block of children is
scored by two small matrix products and a few element-wise passes, with NaN marking unanswered
items. Rows are processed in blocks that fit in cache, checking every cell against its item's
scale and banding the scores in the same pass, so a cohort costs one read of the input and a
few small buffers; a large cohort's blocks may be shared between threads (numpy releases the
GIL in its loops), each writing its own rows of the output.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping, Sequence
from numbers import Real
from typing import TYPE_CHECKING, Any

import attrs
import numpy as np
from numpy.typing import NDArray

from therapeutic_model._paths import key_step
from therapeutic_model.assessment._bands import Band, BandSet
from therapeutic_model.assessment._norms import AgeNorms
from therapeutic_model.assessment._profile import DomainScore, Profile
from therapeutic_model.exceptions import FieldError, ValidationError

if TYPE_CHECKING:
    from therapeutic_model.assessment._spec import Domain, InstrumentSpec

__all__ = ["Kernel", "ScoreBatch", "ages_array", "compile_kernel", "round_half_up"]

FloatArray = NDArray[np.float64]
CellPath = Callable[[int, str], str]
_MAX_LISTED = 100  # a cohort with a systematic error would otherwise list millions of cells
_BLOCK_CELLS = 1 << 16  # cells per block: 512 KiB of float64 stays in a core's L2 cache


def round_half_up(v: FloatArray) -> FloatArray:
    """Round half away from zero, as the SDQ's published SPSS and Stata syntax do.

    Python's ``round`` and numpy's ``rint`` round half to even (2.5 → 2); the published
    scoring gives 3.

    >>> round_half_up(np.array([2.5, 3.5, 6.6667, -2.5])).tolist()
    [3.0, 4.0, 7.0, -3.0]
    """
    return np.copysign(np.floor(np.abs(v) + 0.5), v)


def _cohort_path(row: int, item: str) -> str:
    return f"$[{row}].{item}"


def _responses_path(_: int, item: str) -> str:
    return f"$.responses.{item}"


@attrs.frozen(eq=False)
class _ScoreColumns:
    """Per-score metadata shared by domain scores and function scores."""

    ids: tuple[str, ...]
    norms: tuple[AgeNorms | None, ...]
    bands: tuple[BandSet | None, ...]
    levels: tuple[str | None, ...]
    higher_is_better: tuple[bool, ...]

    @functools.cached_property
    def banding(self) -> tuple[_Banding | None, ...]:
        """Each score's bands compiled for lookup (``None``: unbanded)."""
        return tuple(None if b is None else _Banding.of(b) for b in self.bands)


@attrs.frozen(eq=False)
class _Banding:
    """A band set compiled: thresholds in order, ranks by band index, explained bands."""

    basis: str
    thresholds: FloatArray
    ranks: NDArray[np.int8]  # by band index, then −1 at the end for index −1 (missing)
    explained: tuple[Band, ...]

    @functools.cached_property
    def ranks_are_indexes(self) -> bool:
        """Whether each band's rank is its index in threshold order (no lookup needed)."""
        return bool(np.array_equal(self.ranks[:-1], np.arange(len(self.ranks) - 1)))

    @classmethod
    def of(cls, bands: BandSet) -> _Banding:
        n = len(bands.bands)
        return cls(
            basis=bands.basis,
            thresholds=bands.thresholds(),
            ranks=np.append(bands.ranks(), -1).astype(np.int8),
            explained=tuple(bands.band_at(k) for k in range(n)),
        )


@attrs.define
class _Cells:
    """Bad cells found while scoring: the first few listed, the rest counted."""

    path: CellPath
    item_ids: tuple[str, ...]
    errors: list[FieldError]
    more: int = 0

    def add(self, bad: NDArray[np.bool_], first_row: int, message: Callable[[int], str]) -> None:
        room = _MAX_LISTED - len(self.errors)
        cells = np.argwhere(bad)
        for r, c in cells[: max(room, 0)]:
            self.errors.append(
                FieldError(self.path(first_row + int(r), self.item_ids[c]), message(int(c)))
            )
        self.more += max(len(cells) - max(room, 0), 0)

    @classmethod
    def merged(cls, parts: Sequence[_Cells], prior: Sequence[FieldError]) -> _Cells:
        """The cells of consecutive row ranges as one list: in row order, capped, counted."""
        errors = list(prior)
        more = 0
        for part in parts:
            room = max(_MAX_LISTED - len(errors), 0)
            errors += part.errors[:room]
            more += part.more + max(len(part.errors) - room, 0)
        head = parts[0] if parts else None
        return cls(head.path if head else _cohort_path, (), errors, more)

    def raise_if_any(self, what: str) -> None:
        if self.more:
            self.errors.append(FieldError("$", f"and {self.more} more cells off scale"))
        if self.errors:
            raise ValidationError(self.errors, what=what)


@attrs.frozen(eq=False)
class Kernel:
    """An instrument compiled to arrays. Built by :func:`compile_kernel`; not public.

    Each block is read twice into cache-sized buffers: ``filled``, the responses with a missing
    item read as ``sentinel`` (a whole number at or below every item's minimum, so ``fmax``
    fills NaN without touching a valid response), and ``present``, 1 where an item was
    answered (``x == x`` is false only for NaN). Two small products then give, per domain:

    - ``filled @ weights``: the signed sum (+1 per item, −1 reverse-keyed), times ``scale``;
    - ``present @ present_weights``: the number of items answered, then the constants that
      only answered items add — each reverse-keyed item's ``min + max`` (its keyed value is
      ``min + max − x``), times ``scale``, and, where ``fused``, half of the answered count.

    With ``fused`` (every domain rounds half up; whole-number items; nothing negative) the
    second sum makes the numerator ``scale × sum + answered / 2``, so that the score is
    ``floor(numerator / answered)``: rounding half up costs no pass of its own, and every
    figure is a small whole or half number, exact in float. ``constant`` takes back what a
    non-zero sentinel added for missing items (zero when every item's minimum is ≥ 0).
    """

    instrument_id: str
    version: str
    item_ids: tuple[str, ...]
    lo: FloatArray
    hi: FloatArray
    whole: NDArray[np.bool_]
    reverse: NDArray[np.bool_]
    sentinel: float
    weights: FloatArray  # items × domains: scale × (+1 member, −1 reverse-keyed member)
    present_weights: NDArray[np.floating[Any]]  # items × 2·domains: answered, constants
    constant: FloatArray | None  # per domain, for a negative sentinel; None when zero
    n_items_in: FloatArray
    min_answered: FloatArray
    prorate: NDArray[np.bool_]
    mean: NDArray[np.bool_]
    half_up: NDArray[np.bool_]
    derived: tuple[NDArray[np.intp], ...]  # per derived score: the domain columns it sums
    fused: bool  # numerators carry scale and the half for rounding: score = floor(num / n)
    columns: _ScoreColumns
    functions: _ScoreColumns | None
    level_order: Mapping[str, int]

    @functools.cached_property
    def _index(self) -> dict[str, int]:
        return {k: i for i, k in enumerate(self.item_ids)}

    @functools.cached_property
    def lo_bound(self) -> float | FloatArray:
        """Every item's minimum: one number when all share it (a scalar compares faster)."""
        return float(self.lo[0]) if len(self.lo) and np.all(self.lo == self.lo[0]) else self.lo

    @functools.cached_property
    def hi_bound(self) -> float | FloatArray:
        """Every item's maximum: one number when all share it."""
        return float(self.hi[0]) if len(self.hi) and np.all(self.hi == self.hi[0]) else self.hi

    @property
    def _what(self) -> str:
        return f"responses to {self.instrument_id!r}"

    def row_from_mapping(
        self, responses: Mapping[str, float | None]
    ) -> tuple[FloatArray, list[FieldError]]:
        """One child's responses as a row, with every unknown key and non-number found."""
        if not isinstance(responses, Mapping):
            raise ValidationError.single(
                "$.responses", "must be a mapping of item id to response", what=self._what
            )
        row = np.full(len(self.item_ids), np.nan)
        errors: list[FieldError] = []
        for position, (key, raw) in enumerate(responses.items()):
            value: object = raw
            path = "$.responses" + key_step(key, position)
            col = self._index.get(str(key))
            if col is None:
                errors.append(FieldError(path, f"not an item of {self.instrument_id!r}"))
            elif value is None:
                continue
            elif isinstance(value, bool) or not isinstance(value, Real):
                errors.append(FieldError(path, "must be a number, or null when not answered"))
            else:
                row[col] = float(value)
        return row, errors

    def score_row(self, responses: Mapping[str, float | None], age_months: float) -> ScoreBatch:
        """Score one child's responses by item id: a batch of one through :meth:`run`."""
        row, errors = self.row_from_mapping(responses)
        ages = ages_array(age_months, 1, path="$.age_months", unknown=False)
        return self.run(row[None, :], ages, path=_responses_path, errors=errors)

    def run(
        self,
        x: NDArray[Any],
        ages: FloatArray,
        *,
        path: CellPath = _cohort_path,
        errors: Sequence[FieldError] = (),
        workers: int | None = 1,
    ) -> ScoreBatch:
        """Score a matrix of responses, checking every cell against its item's scale.

        Args:
            x: responses, one row per child, one column per item (NaN = missing).
            ages: each row's age in months.
            path: how to name a bad cell.
            errors: problems already found in the input, listed first.
            workers: threads to share the rows between (``None``: as many as the machine
                offers, up to 4, for a cohort large enough to gain from it).

        Raises:
            ValidationError: listing ``errors`` and every cell off its scale (the first
                hundred by path, then a count).
        """
        n, n_dom = x.shape[0], len(self.n_items_in)
        out = _Output.make(n, n_dom, n_dom + len(self.derived))
        step = max(1, _BLOCK_CELLS // max(1, x.shape[1]))
        spans = _spans(n, step, _workers(workers, x.size))
        if len(spans) > 1:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(len(spans)) as pool:
                parts = list(pool.map(lambda sp: self._run_span(x, sp, step, out, path), spans))
        else:
            parts = [self._run_span(x, span, step, out, path) for span in spans]
        _Cells.merged(parts, errors).raise_if_any(self._what)
        prorated = self._finish(out)
        return ScoreBatch(
            instrument_id=self.instrument_id,
            instrument_version=self.version,
            score_ids=self.columns.ids,
            values=out.values.T,
            age_months=ages,
            prorated=prorated.T,
            kernel=self,
            responses=x,
        )

    def _run_span(
        self, x: NDArray[Any], span: tuple[int, int], step: int, out: _Output, path: CellPath
    ) -> _Cells:
        """Check and score rows ``span`` block by block; return the bad cells found."""
        cells = _Cells(path, self.item_ids, [])
        start, stop = span
        buf = _Buffers.make(min(step, stop - start), x.shape[1], self.present_weights.dtype)
        for first in range(start, stop, step):
            last = min(first + step, stop)
            block = buf.view(last - first)
            if self._check_block(x[first:last], block, cells, first):
                kids = slice(first, last)
                self._score_block(block, out.values[:, kids], out.answered[:, kids])
        return cells

    def _check_block(self, xb: NDArray[Any], b: _Buffers, cells: _Cells, first: int) -> bool:
        """Fill the block's buffers from ``xb``; note every cell off its scale.

        Returns:
            Whether every cell is on its scale (a block with bad cells is not scored: the
            run raises once every block has been checked).
        """
        floating = xb.dtype.kind == "f"
        if floating:
            np.equal(xb, xb, out=b.present)  # false only for NaN; 0/1 straight into the mask
        else:
            b.present.fill(1)  # whole-number arrays have no missing cells
        np.fmax(xb, self.sentinel, out=b.filled)
        np.less(xb, self.lo_bound, out=b.bad)
        b.bad |= np.greater(xb, self.hi_bound, out=b.spare)
        if floating and self.whole.any():
            np.floor(b.filled, out=b.scratch)
            np.not_equal(b.filled, b.scratch, out=b.spare)
            if not self.whole.all():
                b.spare &= self.whole
            b.bad |= b.spare
        if b.bad.any():
            cells.add(b.bad, first, self._scale_message)
            return False
        return True

    def _score_block(self, b: _Buffers, vals: FloatArray, answered_out: NDArray[Any]) -> None:
        """Write a block's domain scores into ``vals`` and its answered counts.

        Work is score-major (one row per domain, one column per child), so that every
        operation runs along contiguous memory. Scores with too few items answered are
        masked, and derived scores summed, once for the whole cohort in :meth:`_finish`.
        """
        n_dom = len(self.n_items_in)
        counts = self.present_weights.T @ b.present.T
        answered = counts[:n_dom]
        numerators = self.weights.T @ b.filled.T
        numerators += counts[n_dom:]
        if self.constant is not None:
            numerators += self.constant[:, None]
        vals[:n_dom] = self._aggregate(numerators, answered)
        answered_out[...] = answered

    def _finish(self, out: _Output) -> NDArray[np.bool_]:
        """Mask scores with too few items answered, sum derived scores, flag proration.

        Returns:
            Whether each domain score was prorated, (domains × children).
        """
        n_dom = len(self.n_items_in)
        answered = out.answered
        least = self.min_answered[:, None]
        np.copyto(out.values[:n_dom], np.nan, where=answered < least)
        for j, comps in enumerate(self.derived):
            row = out.values[n_dom + j]
            np.copyto(row, out.values[comps[0]])
            for c in comps[1:]:
                row += out.values[c]  # NaN in any component leaves the derived score NaN
        prorated: NDArray[np.bool_] = answered < self.n_items_in[:, None]
        prorated &= answered >= least
        return prorated

    def _scale_message(self, col: int) -> str:
        kind = "a whole number" if self.whole[col] else "a number"
        return f"must be {kind} from {_fmt(self.lo[col])} to {_fmt(self.hi[col])}"

    def _aggregate(self, numerators: FloatArray, answered: FloatArray) -> FloatArray:
        """Domain scores from numerators and answered counts: prorated or averaged, rounded.

        ``numerators`` is a scratch array of this block and may be overwritten.
        """
        with np.errstate(invalid="ignore", divide="ignore"):
            if self.fused:
                # floor((scale·sum + answered/2) / answered) is scale·sum / answered rounded
                # half up; both are exact small numbers, so the division cannot misround a .5
                np.divide(numerators, answered, out=numerators)
                values = np.floor(numerators, out=numerators)
            else:
                sums = numerators  # without fusing the numerator is the plain sum
                n = self.n_items_in[:, None]
                scaled = np.where(self.prorate[:, None], sums * n / answered, sums)
                values = np.where(self.mean[:, None], sums / answered, scaled)
                if self.half_up.any():
                    values = np.where(self.half_up[:, None], round_half_up(values), values)
        return values

    def function_values(self, x: NDArray[Any]) -> FloatArray:
        """Each item reverse-keyed, for instruments that score single functions."""
        xf = np.asarray(x, dtype=float)
        out: FloatArray = np.where(self.reverse, self.lo + self.hi - xf, xf)
        return out


@attrs.frozen(eq=False)
class _Output:
    """The arrays a run fills, block by block: score-major (scores × children).

    A batch exposes their transposes, (children × scores) views in Fortran order: a score's
    column for the whole cohort is contiguous, which is how cohorts are mostly read.
    """

    values: FloatArray
    answered: NDArray[np.int32]

    @classmethod
    def make(cls, n: int, n_dom: int, n_scores: int) -> _Output:
        return cls(
            values=np.empty((n_scores, n)),
            answered=np.empty((n_dom, n), dtype=np.int32),
        )


_MIN_CELLS_PER_WORKER = 1 << 21  # below about two million cells a thread costs more than it saves


def _workers(requested: int | None, cells: int) -> int:
    """How many threads to use: as asked, or by default as many as pay off (at most 4)."""
    if requested is not None:
        return max(1, requested)
    import os

    available = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1
    return max(1, min(available, 4, cells // _MIN_CELLS_PER_WORKER))


def _spans(n: int, step: int, workers: int) -> list[tuple[int, int]]:
    """``n`` rows cut into at most ``workers`` ranges of whole blocks (one range if n is 0)."""
    blocks = max(1, -(-n // step))
    per = -(-blocks // max(1, min(workers, blocks)))
    return [(b * step, min((b + per) * step, n)) for b in range(0, blocks, per)]


@attrs.define
class _Buffers:
    """Scratch arrays for one block of rows, reused from block to block."""

    filled: FloatArray
    scratch: FloatArray
    present: NDArray[np.floating[Any]]
    bad: NDArray[np.bool_]
    spare: NDArray[np.bool_]

    @classmethod
    def make(cls, rows: int, cols: int, mask_dtype: np.dtype[Any]) -> _Buffers:
        shape = (rows, cols)
        return cls(
            filled=np.empty(shape),
            scratch=np.empty(shape),
            present=np.empty(shape, dtype=mask_dtype),
            bad=np.empty(shape, dtype=bool),
            spare=np.empty(shape, dtype=bool),
        )

    def view(self, rows: int) -> _Buffers:
        return _Buffers(
            filled=self.filled[:rows],
            scratch=self.scratch[:rows],
            present=self.present[:rows],
            bad=self.bad[:rows],
            spare=self.spare[:rows],
        )


def ages_array(age_months: object, n: int, *, path: str, unknown: bool = True) -> FloatArray:
    """Ages as a float array of length ``n`` (one age is used for every row).

    Args:
        age_months: one age, or one per row.
        n: the number of rows.
        path: how to name the ages in an error.
        unknown: whether NaN (age unknown) is accepted.

    Raises:
        ValidationError: if the ages are not numbers, do not fit the rows, are negative or
            infinite, or unknown where a known age is needed.
    """
    try:
        a = np.asarray(age_months, dtype=float)
        out: FloatArray = np.broadcast_to(a, (n,))
    except (TypeError, ValueError):
        msg = f"must be a number of months, or one per row ({n})"
        raise ValidationError.single(path, msg, what="ages") from None
    if np.any(a < 0) or np.any(np.isinf(a)) or (not unknown and np.any(np.isnan(a))):
        msg = "ages must be months from birth: not negative, not infinite"
        msg += " (NaN = unknown)" if unknown else ", not NaN"
        raise ValidationError.single(path, msg, what="ages")
    return out


def _fused(spec: InstrumentSpec) -> bool:
    """Whether rounding folds into the products: every domain is a prorated sum (or every
    one a mean) rounding half up, every item is whole-numbered, nothing can be negative."""
    items, doms = spec.items, spec.domains
    whole = all(
        i.whole_numbers and float(i.min).is_integer() and float(i.max).is_integer() for i in items
    )
    same = all(d.aggregation == "sum" and d.prorate for d in doms) or all(
        d.aggregation == "mean" for d in doms
    )
    rounded = all(d.rounding == "half_up" for d in doms)
    return whole and same and rounded and min((i.min for i in items), default=0.0) >= 0


def _narrowed(weights: FloatArray) -> NDArray[np.floating[Any]]:
    """``weights`` as float32 when that is exact for every sum the kernel forms.

    Masks multiply in float32 at half the memory traffic; whole-number sums below 2**24 are
    exact there. A scale with fractional bounds keeps float64, so no score moves in its last
    digits.
    """
    whole = bool(np.all(weights == np.floor(weights)))
    if whole and np.abs(weights).sum(axis=0).max(initial=0) < 2**24:
        return weights.astype(np.float32)
    return weights


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def compile_kernel(spec: InstrumentSpec) -> Kernel:
    """Compile a checked spec to the arrays the kernel runs on."""
    items = spec.items
    index = {it.id: k for k, it in enumerate(items)}
    n_items, n_dom = len(items), len(spec.domains)
    sentinel = min(0.0, math.floor(min((it.min for it in items), default=0.0)))
    fused = _fused(spec)
    weights = np.zeros((n_items, n_dom))
    present_weights = np.zeros((n_items, 2 * n_dom))
    constant = np.zeros(n_dom)
    for d, dom in enumerate(spec.domains):
        scale = float(len(dom.items)) if fused and dom.aggregation == "sum" else 1.0
        for item_id in dom.items:
            k = index[item_id]
            it = items[k]
            sign = -1.0 if it.reverse else 1.0
            weights[k, d] = scale * sign
            present_weights[k, d] = 1.0
            reversal = it.min + it.max if it.reverse else 0.0
            present_weights[k, n_dom + d] = scale * (reversal + sign * sentinel) + (
                0.5 if fused else 0.0
            )
            # a missing item reads as the sentinel: take back sign·sentinel for every item,
            # and (above) give it back for the answered ones
            constant[d] -= scale * sign * sentinel
    dom_index = {d.id: j for j, d in enumerate(spec.domains)}
    columns = _columns(spec)
    return Kernel(
        instrument_id=spec.id,
        version=spec.version,
        item_ids=spec.item_ids,
        lo=np.array([i.min for i in items], dtype=float),
        hi=np.array([i.max for i in items], dtype=float),
        whole=np.array([i.whole_numbers for i in items], dtype=bool),
        reverse=np.array([i.reverse for i in items], dtype=bool),
        sentinel=sentinel,
        weights=weights,
        present_weights=_narrowed(present_weights),
        constant=constant if np.any(constant) else None,
        n_items_in=np.array([len(d.items) for d in spec.domains], dtype=float),
        min_answered=np.array([d.min_answered or len(d.items) for d in spec.domains], dtype=float),
        prorate=np.array([d.prorate for d in spec.domains], dtype=bool),
        mean=np.array([d.aggregation == "mean" for d in spec.domains], dtype=bool),
        half_up=np.array([d.rounding == "half_up" for d in spec.domains], dtype=bool),
        derived=tuple(
            np.array([dom_index[c] for c in dv.components], dtype=np.intp) for dv in spec.derived
        ),
        fused=fused,
        columns=columns,
        functions=_function_columns(spec) if spec.function_scores else None,
        level_order={lv.id: lv.order for lv in spec.levels},
    )


def _bandset_for(spec: InstrumentSpec, score: str) -> BandSet | None:
    matches = [b for b in spec.bands if b.score == score]
    specific = [b for b in matches if b.informant is not None and b.informant == spec.informant]
    general = [b for b in matches if b.informant is None]
    found = specific or general
    return found[0] if found else None


def _columns(spec: InstrumentSpec) -> _ScoreColumns:
    ids = spec.score_ids
    return _ScoreColumns(
        ids=ids,
        norms=tuple(spec.norms.get(s) for s in ids),
        bands=tuple(_bandset_for(spec, s) for s in ids),
        levels=tuple(d.level for d in spec.domains) + (None,) * len(spec.derived),
        higher_is_better=tuple(d.higher_is_better for d in spec.domains)
        + tuple(d.higher_is_better for d in spec.derived),
    )


def _function_columns(spec: InstrumentSpec) -> _ScoreColumns:
    owner: dict[str, Domain] = {}
    for dom in spec.domains:
        for item_id in dom.items:
            owner.setdefault(item_id, dom)
    ids = spec.item_ids
    return _ScoreColumns(
        ids=ids,
        norms=tuple(spec.norms.get(owner[i].id) for i in ids),
        bands=tuple(_bandset_for(spec, owner[i].id) for i in ids),
        levels=tuple(owner[i].level for i in ids),
        higher_is_better=tuple(owner[i].higher_is_better for i in ids),
    )


@attrs.frozen(eq=False)
class ScoreBatch:
    """Scores for a cohort: one row per child, one column per score.

    ``values`` holds NaN where a score could not be computed. Age-related arrays
    (``expected``, ``gap``, ``ratio``, ``functional_age``) are computed on first use; they
    are NaN for scores without norms. ``band_index`` is the band each value fell in, in
    threshold order (−1: missing or unbanded); ``band_ranks`` gives ranks (−1 likewise).

    Attributes:
        instrument_id: the instrument scored.
        instrument_version: its version.
        score_ids: column ids.
        values: the scores, shape (children, scores); from ``score_many`` a Fortran-ordered
            view, so that each score's column is contiguous.
        age_months: each child's age in months.
        prorated: whether each domain score was prorated, shape (children, domains).
    """

    instrument_id: str
    instrument_version: str
    score_ids: tuple[str, ...]
    values: FloatArray
    age_months: FloatArray
    prorated: NDArray[np.bool_]
    kernel: Kernel = attrs.field(repr=False)
    responses: NDArray[Any] = attrs.field(repr=False)
    columns: _ScoreColumns | None = attrs.field(default=None, repr=False)

    def __len__(self) -> int:
        return int(self.values.shape[0])

    @property
    def _cols(self) -> _ScoreColumns:
        return self.columns or self.kernel.columns

    def column(self, score_id: str) -> FloatArray:
        """The values of one score for every child."""
        return self.values[:, self.score_ids.index(score_id)]

    @functools.cached_property
    def expected(self) -> FloatArray:
        """Age-expected value per child and score (NaN without norms)."""
        out = np.full(self.values.shape, np.nan)
        for j, norms in enumerate(self._cols.norms):
            if norms is not None:
                out[:, j] = norms.expected_at(self.age_months)
        return out

    @functools.cached_property
    def age_clamped(self) -> NDArray[np.bool_]:
        """Whether each child's age lay outside the norms of each score."""
        out = np.zeros(self.values.shape, dtype=bool)
        for j, norms in enumerate(self._cols.norms):
            if norms is not None:
                out[:, j] = norms.clamped(self.age_months)
        return out

    @functools.cached_property
    def gap(self) -> FloatArray:
        """Shortfall from age-expected: positive means less typical than peers."""
        better = np.array(self._cols.higher_is_better)
        return np.where(better, self.expected - self.values, self.values - self.expected)

    @functools.cached_property
    def ratio(self) -> FloatArray:
        """Value divided by age-expected value.

        NaN where nothing is expected yet (0, at birth) or so little that the ratio is beyond
        any float (an expected value near 1e-308): a ratio is a finite number or missing.
        """
        out = np.full(self.values.shape, np.nan)
        expected = self.expected
        with np.errstate(over="ignore"):
            np.divide(self.values, expected, out=out, where=expected != 0)
        out[np.isinf(out)] = np.nan
        return out

    @functools.cached_property
    def functional_age(self) -> FloatArray:
        """The age in months at which each value is typical (NaN without norms)."""
        out = np.full(self.values.shape, np.nan)
        for j, norms in enumerate(self._cols.norms):
            if norms is not None:
                out[:, j] = norms.functional_age(self.values[:, j])
        return out

    @functools.cached_property
    def band_index(self) -> NDArray[np.int8]:
        """Band per child and score in threshold order (−1: missing or unbanded)."""
        out = np.full(self.values.shape[::-1], -1, dtype=np.int8)  # score-major, see .T
        for j, banding in enumerate(self._cols.banding):
            if banding is None:
                continue
            basis = self.ratio[:, j] if banding.basis == "ratio" else self.values[:, j]
            _band_index(np.ascontiguousarray(basis), banding.thresholds, out=out[j])
        return out.T

    @functools.cached_property
    def band_ranks(self) -> NDArray[np.int8]:
        """Band rank per child and score (0 = typical; −1: missing or unbanded)."""
        out = np.full(self.values.shape[::-1], -1, dtype=np.int8)  # score-major, see .T
        idx = self.band_index
        for j, banding in enumerate(self._cols.banding):
            if banding is None:
                continue
            if banding.ranks_are_indexes:
                out[j] = idx[:, j]
            else:
                np.take(banding.ranks, idx[:, j], out=out[j])  # index −1: the −1 at the end
        return out.T

    def band(self, row: int, score_id: str) -> Band | None:
        """The explained band of one child's score."""
        j = self.score_ids.index(score_id)
        return self._band(row, j)

    def _band(self, row: int, j: int) -> Band | None:
        banding, k = self._cols.banding[j], int(self.band_index[row, j])
        return None if banding is None or k < 0 else banding.explained[k]

    @functools.cached_property
    def functions(self) -> ScoreBatch | None:
        """Per-function scores against the domain norms, for instruments that have them."""
        cols = self.kernel.functions
        if cols is None:
            return None
        return ScoreBatch(
            instrument_id=self.instrument_id,
            instrument_version=self.instrument_version,
            score_ids=cols.ids,
            values=self.kernel.function_values(self.responses),
            age_months=self.age_months,
            prorated=np.zeros((len(self), 0), dtype=bool),
            kernel=self.kernel,
            responses=self.responses,
            columns=cols,
        )

    def profile(self, row: int) -> Profile:
        """The :class:`Profile` of one child (row) of the batch."""
        fn = self.functions
        return Profile(
            instrument_id=self.instrument_id,
            instrument_version=self.instrument_version,
            age_months=float(self.age_months[row]),
            scores=self._scores(row),
            functions=fn._scores(row) if fn is not None else {},
            level_order=dict(self.kernel.level_order),
        )

    def profiles(self) -> list[Profile]:
        """Every child's :class:`Profile`, in row order."""
        return [self.profile(i) for i in range(len(self))]

    def _scores(self, row: int) -> dict[str, DomainScore]:
        cols = self._cols
        n_pro = self.prorated.shape[1]
        out = {}
        for j, sid in enumerate(self.score_ids):
            out[sid] = DomainScore(
                id=sid,
                value=_opt(self.values[row, j]),
                expected=_opt(self.expected[row, j]),
                gap=_opt(self.gap[row, j]),
                ratio=_opt(self.ratio[row, j]),
                band=self._band(row, j),
                functional_age_months=_opt(self.functional_age[row, j]),
                level=cols.levels[j],
                prorated=bool(self.prorated[row, j]) if j < n_pro else False,
                age_clamped=bool(self.age_clamped[row, j]),
                higher_is_better=cols.higher_is_better[j],
            )
        return out


def _band_index(
    basis: FloatArray, thresholds: FloatArray, *, out: NDArray[np.int8]
) -> NDArray[np.int8]:
    """The band each value falls in: how many lower thresholds it reaches, less one.

    NaN reaches none, so it gets −1 like a value below every band; a few comparisons beat
    ``searchsorted`` (several times over) for the handful of thresholds a band set has.
    ``out`` must hold −1 on entry.
    """
    reached = np.empty(basis.shape, dtype=bool)
    for t in thresholds:
        np.greater_equal(basis, t, out=reached)
        out += reached
    return out


def _opt(x: float) -> float | None:
    return None if math.isnan(x) else float(x)
