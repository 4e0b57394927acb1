"""Instruments: the ``Instrument`` protocol and the declarative ``InstrumentSpec``.

An :class:`InstrumentSpec` is an assessment tool written as data. It is checked when built
(every problem listed at once in :class:`~therapeutic_model.exceptions.InvalidDefinition`) and
compiled to arrays, so that scoring one child and scoring a cohort run the same numpy kernel.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal, Protocol, runtime_checkable

import attrs
import numpy as np
from numpy.typing import ArrayLike, NDArray

from therapeutic_model.assessment._bands import BandSet
from therapeutic_model.assessment._kernel import Kernel, ScoreBatch, ages_array, compile_kernel
from therapeutic_model.assessment._norms import AgeNorms
from therapeutic_model.assessment._profile import Profile
from therapeutic_model.exceptions import InvalidDefinition, InvalidValue, ValidationError

__all__ = [
    "DerivedScore",
    "Domain",
    "Instrument",
    "InstrumentSpec",
    "Item",
    "Level",
]

Stage = Literal["regulate", "relate", "reason"]


def _ids(v: Iterable[str]) -> tuple[str, ...]:
    """A list of ids as a tuple; one bare string is refused, not split into characters."""
    if isinstance(v, str):
        msg = "must be a list of ids, not one string"
        raise InvalidValue(msg)
    return tuple(v)


@attrs.frozen
class Item:
    """One item (question or rated function): its id, response scale and keying.

    Args:
        id: the item's id, usually its number as a string (``"7"``).
        min: lowest response on the scale.
        max: highest response on the scale.
        reverse: whether the item is reverse-keyed (``min + max - x`` is scored).
        whole_numbers: whether responses must be whole numbers.
        title: a short original label (never copyrighted question text).
    """

    id: str
    min: float
    max: float
    reverse: bool = False
    whole_numbers: bool = True
    title: str = ""


@attrs.frozen
class Level:
    """A developmental level a domain belongs to, in bottom-up order.

    Args:
        id: e.g. ``"brainstem"``.
        order: position from the bottom (1 = the first to mature).
        stage: the response stage that works at this level: regulate, relate or reason.
        title: a readable name.
    """

    id: str
    order: int
    stage: Stage | None = None
    title: str = ""


@attrs.frozen
class Domain:
    """A scale: a set of items aggregated into one score.

    Args:
        id: the domain id (``"emotional"``).
        items: item ids in the domain.
        title: a readable name.
        aggregation: ``"sum"`` or ``"mean"`` of the (reverse-keyed) items.
        min_answered: how many items must be answered for a score (``None``: all of them).
        prorate: with some items missing, scale the sum up to all items (mean × n), as the SDQ
            syntax does; if false, the sum of the answered items is reported.
        rounding: ``"half_up"`` rounds a prorated or mean score half away from zero, as the
            SDQ's published syntax does; ``"none"`` keeps it exact.
        level: the developmental level of the domain, if the instrument has levels.
        higher_is_better: the direction of the score (``False`` for difficulty scales).
    """

    id: str
    items: tuple[str, ...] = attrs.field(converter=_ids)
    title: str = ""
    aggregation: Literal["sum", "mean"] = "sum"
    min_answered: int | None = None
    prorate: bool = True
    rounding: Literal["half_up", "none"] = "none"
    level: str | None = None
    higher_is_better: bool = True


@attrs.frozen
class DerivedScore:
    """A score made from domains, e.g. SDQ total difficulties (the sum of four scales).

    It exists only when every component exists.
    """

    id: str
    components: tuple[str, ...] = attrs.field(converter=_ids)
    title: str = ""
    higher_is_better: bool = True


@runtime_checkable
class Instrument(Protocol):
    """What every assessment tool offers, whether written as data or as a Python class."""

    @property
    def id(self) -> str:
        """The registry id, e.g. ``"sdq-parent"``."""

    @property
    def version(self) -> str:
        """The version of the instrument's scoring."""

    @property
    def title(self) -> str:
        """A readable name."""

    @property
    def item_ids(self) -> tuple[str, ...]:
        """Item ids in column order for :meth:`score_many`."""

    @property
    def score_ids(self) -> tuple[str, ...]:
        """Domain and derived score ids, in output order."""

    def score(self, responses: Mapping[str, float | None], *, age_months: float) -> Profile:
        """Score one child's responses."""

    def score_many(self, responses: ArrayLike, *, age_months: ArrayLike) -> ScoreBatch:
        """Score a cohort: one row per child, one column per item (NaN = missing)."""


def _bandsets(v: Iterable[BandSet]) -> tuple[BandSet, ...]:
    return tuple(v)


def _item_tuple(v: Iterable[Item]) -> tuple[Item, ...]:
    return tuple(v)


def _domain_tuple(v: Iterable[Domain]) -> tuple[Domain, ...]:
    return tuple(v)


def _derived_tuple(v: Iterable[DerivedScore]) -> tuple[DerivedScore, ...]:
    return tuple(v)


def _level_tuple(v: Iterable[Level]) -> tuple[Level, ...]:
    return tuple(v)


@attrs.frozen
class InstrumentSpec:
    """An instrument written as data: items, domains, derived scores, norms and bands.

    Build one from TOML or JSON with :func:`therapeutic_model.load_instrument`, or directly.
    It is checked when built; every problem is listed in one
    :class:`~therapeutic_model.exceptions.InvalidDefinition`.

    Args:
        id: registry id (``"sdq"``; informant variants become ``"sdq-parent"`` …).
        version: version of the scoring.
        title: readable name.
        items: every item.
        domains: every domain; each item must be in at least one.
        derived: scores made from domains.
        norms: age norms by score id.
        bands: band sets by score (and informant).
        levels: developmental levels, if the instrument orders its domains.
        informants: informant variants (bands may differ per informant).
        informant: the informant this spec is resolved to, if any.
        function_scores: also score each item against its domain's norms (for clinician-rated
            function instruments whose domains are means of the same scale).
        age_range_months: the ages the instrument is meant for, inclusive.
        source: the published source of the scoring.
        licence: the licence note (what may and may not be shipped).
        validated: whether the norms and cut-offs are clinically validated.
        notes: anything a user must know (e.g. "norms are illustrative").
    """

    id: str
    version: str
    title: str
    items: tuple[Item, ...] = attrs.field(converter=_item_tuple)
    domains: tuple[Domain, ...] = attrs.field(converter=_domain_tuple)
    derived: tuple[DerivedScore, ...] = attrs.field(default=(), converter=_derived_tuple)
    norms: Mapping[str, AgeNorms] = attrs.field(factory=dict)
    bands: tuple[BandSet, ...] = attrs.field(default=(), converter=_bandsets)
    levels: tuple[Level, ...] = attrs.field(default=(), converter=_level_tuple)
    informants: tuple[str, ...] = attrs.field(default=(), converter=_ids)
    informant: str | None = None
    function_scores: bool = False
    age_range_months: tuple[int, int] | None = None
    source: str = ""
    licence: str = ""
    validated: bool = False
    notes: str = ""
    _kernel: Kernel = attrs.field(init=False, repr=False, eq=False, alias="_kernel")

    def __attrs_post_init__(self) -> None:
        problems = _spec_problems(self)
        if problems:
            raise InvalidDefinition(f"instrument {self.id!r}", problems)
        object.__setattr__(self, "_kernel", compile_kernel(self))

    @property
    def item_ids(self) -> tuple[str, ...]:
        """Item ids in column order for :meth:`score_many`."""
        return tuple(i.id for i in self.items)

    @property
    def score_ids(self) -> tuple[str, ...]:
        """Domain ids then derived score ids, in output order."""
        return tuple(d.id for d in self.domains) + tuple(d.id for d in self.derived)

    def for_informant(self, informant: str) -> InstrumentSpec:
        """This instrument resolved for one informant, with id ``"{id}-{informant}"``.

        Raises:
            InvalidDefinition: if the informant is not one of :attr:`informants`.
        """
        if informant not in self.informants:
            raise InvalidDefinition(
                f"instrument {self.id!r}",
                [f"no informant {informant!r}; informants: {', '.join(self.informants)}"],
            )
        keep = tuple(b for b in self.bands if b.informant in (None, informant))
        return attrs.evolve(
            self, id=f"{self.id}-{informant}", informants=(), informant=informant, bands=keep
        )

    def score(self, responses: Mapping[str, float | None], *, age_months: float) -> Profile:
        """Score one child's responses, given by item id (``None`` or absent = not answered).

        This is :meth:`score_many` on a batch of one.

        Raises:
            ValidationError: naming every unknown item, non-number or response off the scale
                (paths like ``$.responses.7``); values are never echoed.
        """
        return self._kernel.score_row(responses, age_months).profile(0)

    def score_many(
        self, responses: ArrayLike, *, age_months: ArrayLike, workers: int | None = 1
    ) -> ScoreBatch:
        """Score a cohort in one pass: rows are children, columns are :attr:`item_ids`.

        Args:
            responses: 2-D array of responses (float, or integer when nothing is missing);
                NaN marks an item not answered. Float32 input is converted block by block,
                not copied whole.
            age_months: each child's age in months (or one age for all; NaN = unknown).
            workers: threads to share the rows between (default 1: the calling thread
                only). ``None`` uses the CPUs this process may run on, up to 4, once a
                cohort has a few million cells; it pays only when those CPUs are idle.
                Results do not depend on it.

        Returns:
            A :class:`ScoreBatch` of arrays, one row per child.

        Raises:
            ValidationError: naming every bad cell (paths like ``$[12].7``; the first hundred,
                then a count), or a malformed array or ages.
        """
        x = _as_matrix(responses, len(self.items))
        ages = ages_array(age_months, x.shape[0], path="$.age_months")
        return self._kernel.run(x, ages, workers=workers)


def _as_matrix(responses: ArrayLike, n_items: int) -> NDArray[Any]:
    """The responses as a 2-D numeric array, without copying one that is already numeric."""
    try:
        x = np.asarray(responses)
        if x.dtype.kind not in "fiu":
            x = np.asarray(responses, dtype=float)
    except (TypeError, ValueError):
        raise ValidationError.single("$", "responses must be numbers (NaN = missing)") from None
    if x.ndim != 2 or x.shape[1] != n_items:
        raise ValidationError.single(
            "$", f"responses must be a 2-D array with {n_items} columns, got shape {x.shape}"
        )
    return x


def _spec_problems(spec: InstrumentSpec) -> list[str]:
    out: list[str] = []
    if not spec.items or not spec.domains:
        out.append("an instrument needs at least one item and one domain")
    item_ids = [i.id for i in spec.items]
    out += _duplicates("item", item_ids)
    out += [f"item {i.id!r}: min must be below max" for i in spec.items if not i.min < i.max]
    out += [
        f"item {i.id!r}: min and max must be finite"
        for i in spec.items
        if not (np.isfinite(i.min) and np.isfinite(i.max))
    ]
    domain_ids = [d.id for d in spec.domains]
    out += _duplicates("score", domain_ids + [d.id for d in spec.derived])
    known_items, used = set(item_ids), set[str]()
    levels = {lv.id for lv in spec.levels}
    for d in spec.domains:
        out += [f"domain {d.id!r}: unknown item {i!r}" for i in d.items if i not in known_items]
        used.update(d.items)
        if not d.items:
            out.append(f"domain {d.id!r}: no items")
        out += [f"domain {d.id!r}: item {i!r} listed twice" for i in _repeated(d.items)]
        if d.min_answered is not None and not 1 <= d.min_answered <= len(d.items):
            out.append(f"domain {d.id!r}: min_answered must be between 1 and {len(d.items)}")
        if d.level is not None and d.level not in levels:
            out.append(f"domain {d.id!r}: unknown level {d.level!r}")
    out += [f"item {i!r} is in no domain" for i in item_ids if i not in used]
    for dv in spec.derived:
        out += [
            f"derived score {dv.id!r}: unknown domain {c!r}"
            for c in dv.components
            if c not in domain_ids
        ]
        if not dv.components:
            out.append(f"derived score {dv.id!r}: no components")
        out += [
            f"derived score {dv.id!r}: domain {c!r} listed twice" for c in _repeated(dv.components)
        ]
    out += _duplicates("level", [lv.id for lv in spec.levels])
    if spec.age_range_months is not None and spec.age_range_months[0] > spec.age_range_months[1]:
        out.append("age_range_months: the first age must not be above the second")
    scores = set(domain_ids) | {d.id for d in spec.derived}
    for sid, norms in spec.norms.items():
        if sid not in scores:
            out.append(f"norms: unknown score {sid!r}")
        out += norms.problems(f"norms for {sid!r}")
    out += _band_problems(spec, scores)
    if spec.function_scores:
        out += [
            f"domain {d.id!r}: function scores need aggregation 'mean' and norms"
            for d in spec.domains
            if d.aggregation != "mean" or d.id not in spec.norms
        ]
    if spec.informant is None and spec.informants:
        out += _duplicates("informant", list(spec.informants))
    return out


def _band_problems(spec: InstrumentSpec, scores: set[str]) -> list[str]:
    out: list[str] = []
    seen: set[tuple[str, str | None]] = set()
    for bs in spec.bands:
        where = f"bands for {bs.score!r}" + (f" ({bs.informant})" if bs.informant else "")
        if bs.score not in scores:
            out.append(f"{where}: unknown score {bs.score!r}")
        if (
            bs.informant is not None
            and bs.informant not in spec.informants
            and (bs.informant != spec.informant)
        ):
            out.append(f"{where}: unknown informant {bs.informant!r}")
        if (bs.score, bs.informant) in seen:
            out.append(f"{where}: declared twice")
        seen.add((bs.score, bs.informant))
        if bs.basis == "ratio" and bs.score not in spec.norms:
            out.append(f"{where}: ratio bands need norms for {bs.score!r}")
        out += bs.problems(where, _extreme(spec, bs, low=True), _extreme(spec, bs, low=False))
        if bs.basis == "value" and bs.whole_numbers and not _whole_scores(spec, bs.score):
            out.append(
                f"{where}: whole-number bands, but the score can be fractional"
                " (set whole_numbers = false, or rounding = 'half_up')"
            )
    return out


def _extreme(spec: InstrumentSpec, bs: BandSet, *, low: bool) -> float | None:
    """The lowest (or highest) value the banded score can take (ratios: from 0, open above)."""
    if bs.basis == "ratio":
        return 0.0 if low else None
    items = {i.id: i for i in spec.items}
    domains = {d.id: d for d in spec.domains}

    def domain_end(d: Domain) -> float:
        ends = [items[i].min if low else items[i].max for i in d.items if i in items]
        if not ends:
            return 0.0
        return float(np.mean(ends)) if d.aggregation == "mean" else float(sum(ends))

    if bs.score in domains:
        return domain_end(domains[bs.score])
    for dv in spec.derived:
        if dv.id == bs.score:
            return sum(domain_end(domains[c]) for c in dv.components if c in domains)
    return None


def _whole_scores(spec: InstrumentSpec, score: str) -> bool:
    """Whether a score can only be a whole number (so whole-number bands fit it)."""
    items = {i.id: i for i in spec.items}
    domains = {d.id: d for d in spec.domains}

    def whole(d: Domain) -> bool:
        if d.rounding == "half_up":
            return True
        every = d.min_answered is None or d.min_answered >= len(d.items) or not d.prorate
        return (
            d.aggregation == "sum"
            and every
            and all(items[i].whole_numbers for i in d.items if i in items)
        )

    if score in domains:
        return whole(domains[score])
    for dv in spec.derived:
        if dv.id == score:
            return all(whole(domains[c]) for c in dv.components if c in domains)
    return True


def _repeated(ids: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out: list[str] = []
    for i in ids:
        if i in seen and i not in out:
            out.append(i)
        seen.add(i)
    return out


def _duplicates(kind: str, ids: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for i in ids:
        if i in seen:
            out.append(f"duplicate {kind} id {i!r}")
        seen.add(i)
    return out
