"""The scoring kernel: an instrument compiled to arrays, and the batch of scores it gives.

One code path serves one child and a million: ``InstrumentSpec.score`` runs this kernel on a
batch of one. Reverse keying is folded into the domain weight matrix, so a cohort is scored by
two small matrix products and a few element-wise passes, with NaN marking unanswered items.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Mapping
from numbers import Real
from typing import TYPE_CHECKING

import attrs
import numpy as np
from numpy.typing import NDArray

from therapeutic_model.assessment._bands import Band, BandSet
from therapeutic_model.assessment._norms import AgeNorms
from therapeutic_model.assessment._profile import DomainScore, Profile
from therapeutic_model.exceptions import FieldError, ValidationError

if TYPE_CHECKING:
    from therapeutic_model.assessment._spec import Domain, InstrumentSpec

__all__ = ["Kernel", "ScoreBatch", "compile_kernel"]

FloatArray = NDArray[np.float64]
_MAX_LISTED = 100  # a cohort with a systematic error would otherwise list millions of cells


def round_half_up(v: FloatArray) -> FloatArray:
    """Round half away from zero, as the SDQ's published SPSS and Stata syntax do.

    Python's ``round`` and numpy's ``rint`` round half to even (2.5 → 2); the published
    scoring gives 3.

    >>> round_half_up(np.array([2.5, 3.5, 6.6667, -2.5])).tolist()
    [3.0, 4.0, 7.0, -3.0]
    """
    return np.copysign(np.floor(np.abs(v) + 0.5), v)


@attrs.frozen(eq=False)
class _ScoreColumns:
    """Per-score metadata shared by domain scores and function scores."""

    ids: tuple[str, ...]
    norms: tuple[AgeNorms | None, ...]
    bands: tuple[BandSet | None, ...]
    levels: tuple[str | None, ...]
    higher_is_better: tuple[bool, ...]


@attrs.frozen(eq=False)
class Kernel:
    """An instrument compiled to arrays. Built by :func:`compile_kernel`; not public."""

    instrument_id: str
    version: str
    item_ids: tuple[str, ...]
    lo: FloatArray
    hi: FloatArray
    whole: NDArray[np.bool_]
    reverse: NDArray[np.bool_]
    weights: FloatArray  # items × domains: +1 member, −1 reverse-keyed member
    missing_weights: NDArray[np.float32]  # items × 2·domains: membership, then reverse offsets
    offsets: FloatArray  # per domain: Σ (min + max) over its reverse-keyed items
    n_items_in: FloatArray
    min_answered: FloatArray
    prorate: NDArray[np.bool_]
    mean: NDArray[np.bool_]
    half_up: NDArray[np.bool_]
    derived: FloatArray  # domains × derived scores, 0/1
    columns: _ScoreColumns
    functions: _ScoreColumns | None
    function_domain: NDArray[np.intp]
    level_order: Mapping[str, int]

    @functools.cached_property
    def _index(self) -> dict[str, int]:
        return {k: i for i, k in enumerate(self.item_ids)}

    def row_from_mapping(self, responses: Mapping[str, float | None]) -> FloatArray:
        """One child's responses as a row, checking every key and value."""
        if not isinstance(responses, Mapping):
            raise ValidationError.single("$.responses", "must be a mapping of item id to response")
        row = np.full(len(self.item_ids), np.nan)
        errors: list[FieldError] = []
        for key, raw in responses.items():
            value: object = raw
            path = f"$.responses.{key}"
            col = self._index.get(str(key))
            if col is None:
                errors.append(FieldError(path, f"not an item of {self.instrument_id!r}"))
            elif value is None:
                continue
            elif not isinstance(value, Real) or math.isinf(float(value)):
                errors.append(FieldError(path, "must be a number, or null when not answered"))
            else:
                row[col] = float(value)
        errors += self._cell_errors(row[None, :], lambda _r, item: f"$.responses.{item}")
        if errors:
            raise ValidationError(errors, what=f"responses to {self.instrument_id!r}")
        return row

    def validate(self, x: FloatArray) -> None:
        """Raise naming every cell off its item's scale (``$[row].item``)."""
        errors = self._cell_errors(x, lambda r, item: f"$[{r}].{item}")
        if errors:
            raise ValidationError(errors, what=f"responses to {self.instrument_id!r}")

    def _cell_errors(self, x: FloatArray, path: Callable[[int, str], str]) -> list[FieldError]:
        with np.errstate(invalid="ignore"):
            bad = (x < self.lo) | (x > self.hi) | (self.whole & (x != np.floor(x)))
        bad &= ~np.isnan(x)
        if not bad.any():
            return []
        cells = np.argwhere(bad)
        out = [
            FieldError(path(int(r), self.item_ids[c]), self._scale_message(int(c)))
            for r, c in cells[:_MAX_LISTED]
        ]
        if len(cells) > _MAX_LISTED:
            out.append(FieldError("$", f"and {len(cells) - _MAX_LISTED} more cells off scale"))
        return out

    def _scale_message(self, col: int) -> str:
        kind = "a whole number" if self.whole[col] else "a number"
        return f"must be {kind} from {_fmt(self.lo[col])} to {_fmt(self.hi[col])}"

    def run(self, x: FloatArray, ages: FloatArray) -> ScoreBatch:
        """Score a validated matrix of responses."""
        missing = np.isnan(x)
        filled = np.where(missing, 0.0, x)
        miss = missing.astype(np.float32) @ self.missing_weights
        n_dom = self.weights.shape[1]
        answered = self.n_items_in - miss[:, :n_dom]
        sums = filled @ self.weights + (self.offsets - miss[:, n_dom:])
        del filled, miss
        values = self._aggregate(sums, answered)
        if self.derived.shape[1]:
            gone = np.isnan(values)
            derived = np.where(gone, 0.0, values) @ self.derived
            derived[(gone @ self.derived) > 0] = np.nan
            values = np.concatenate([values, derived], axis=1)
        prorated = (answered < self.n_items_in) & ~np.isnan(values[:, :n_dom])
        return ScoreBatch(
            instrument_id=self.instrument_id,
            instrument_version=self.version,
            score_ids=self.columns.ids,
            values=values,
            age_months=ages,
            prorated=prorated,
            kernel=self,
            responses=x,
        )

    def _aggregate(self, sums: FloatArray, answered: FloatArray) -> FloatArray:
        with np.errstate(invalid="ignore", divide="ignore"):
            scaled = np.where(self.prorate, sums * self.n_items_in / answered, sums)
            values = np.where(self.mean, sums / answered, scaled)
        values = np.where(self.half_up, round_half_up(values), values)
        values[answered < self.min_answered] = np.nan
        return values

    def function_values(self, x: FloatArray) -> FloatArray:
        """Each item reverse-keyed, for instruments that score single functions."""
        return np.where(self.reverse, self.lo + self.hi - x, x)


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def compile_kernel(spec: InstrumentSpec) -> Kernel:
    """Compile a checked spec to the arrays the kernel runs on."""
    items = spec.items
    index = {it.id: k for k, it in enumerate(items)}
    n_items, n_dom = len(items), len(spec.domains)
    weights = np.zeros((n_items, n_dom))
    missing_weights = np.zeros((n_items, 2 * n_dom), dtype=np.float32)
    offsets = np.zeros(n_dom)
    for d, dom in enumerate(spec.domains):
        for item_id in dom.items:
            k = index[item_id]
            it = items[k]
            weights[k, d] = -1.0 if it.reverse else 1.0
            missing_weights[k, d] = 1.0
            if it.reverse:
                missing_weights[k, n_dom + d] = it.min + it.max
                offsets[d] += it.min + it.max
    dom_index = {d.id: j for j, d in enumerate(spec.domains)}
    derived = np.zeros((n_dom, len(spec.derived)))
    for j, dv in enumerate(spec.derived):
        for c in dv.components:
            derived[dom_index[c], j] = 1.0
    return Kernel(
        instrument_id=spec.id,
        version=spec.version,
        item_ids=spec.item_ids,
        lo=np.array([i.min for i in items], dtype=float),
        hi=np.array([i.max for i in items], dtype=float),
        whole=np.array([i.whole_numbers for i in items]),
        reverse=np.array([i.reverse for i in items]),
        weights=weights,
        missing_weights=missing_weights,
        offsets=offsets,
        n_items_in=np.array([len(d.items) for d in spec.domains], dtype=float),
        min_answered=np.array([d.min_answered or len(d.items) for d in spec.domains], dtype=float),
        prorate=np.array([d.prorate for d in spec.domains]),
        mean=np.array([d.aggregation == "mean" for d in spec.domains]),
        half_up=np.array([d.rounding == "half_up" for d in spec.domains]),
        derived=derived,
        columns=_columns(spec),
        functions=_function_columns(spec) if spec.function_scores else None,
        function_domain=_function_domain(spec, dom_index),
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


def _function_domain(spec: InstrumentSpec, dom_index: Mapping[str, int]) -> NDArray[np.intp]:
    first: dict[str, int] = {}
    for dom in spec.domains:
        for item_id in dom.items:
            first.setdefault(item_id, dom_index[dom.id])
    return np.array([first.get(i.id, -1) for i in spec.items], dtype=np.intp)


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
        values: the scores, shape (children, scores).
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
    responses: FloatArray = attrs.field(repr=False)
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
        """Value divided by age-expected value."""
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.values / self.expected

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
        out = np.full(self.values.shape, -1, dtype=np.int8)
        for j, bands in enumerate(self._cols.bands):
            if bands is None:
                continue
            basis = self.ratio[:, j] if bands.basis == "ratio" else self.values[:, j]
            idx = np.searchsorted(bands.thresholds(), basis, side="right") - 1
            out[:, j] = np.where(np.isnan(basis), -1, idx)
        return out

    @functools.cached_property
    def band_ranks(self) -> NDArray[np.int8]:
        """Band rank per child and score (0 = typical; −1: missing or unbanded)."""
        out = np.full(self.values.shape, -1, dtype=np.int8)
        idx = self.band_index
        for j, bands in enumerate(self._cols.bands):
            if bands is not None:
                ranks = bands.ranks()
                col = idx[:, j]
                out[:, j] = np.where(col >= 0, ranks[np.maximum(col, 0)], -1)
        return out

    def band(self, row: int, score_id: str) -> Band | None:
        """The explained band of one child's score."""
        j = self.score_ids.index(score_id)
        return self._band(row, j)

    def _band(self, row: int, j: int) -> Band | None:
        bands, k = self._cols.bands[j], int(self.band_index[row, j])
        return None if bands is None or k < 0 else bands.band_at(k)

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


def _opt(x: float) -> float | None:
    return None if math.isnan(x) else float(x)
