"""Hypothesis strategies for the library's public records, for its tests and for yours.

Products that embed therapeutic_model can use these to property-test their own storage and
display of children, profiles and assessments::

    from hypothesis import given
    from therapeutic_model.testing import profiles

    @given(profiles())
    def test_we_store_every_profile(profile): ...

This module needs the ``testing`` extra (``pip install 'therapeutic_model[testing]'``), which
brings in Hypothesis. ``import therapeutic_model`` never imports it: only importing this
module does.

The records drawn are synthetic: ids are random opaque strings, never names.
"""

from __future__ import annotations

import functools
import itertools
import math
from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import Literal

from hypothesis import strategies as st

from therapeutic_model.assessment import (
    AgeNorms,
    Assessment,
    Band,
    BandDef,
    BandSet,
    DerivedScore,
    DevelopmentalHistory,
    Domain,
    DomainScore,
    InstrumentSpec,
    Item,
    Level,
    PeriodHistory,
    Profile,
)
from therapeutic_model.child import Child, ChildId, Period
from therapeutic_model.response import (
    INTERVENTION_KINDS,
    STAGES,
    TEAM_STATUSES,
    AceAtLeast,
    AdversityAtLeast,
    AgeBetween,
    All,
    Any,
    AttainmentLevels,
    BandRank,
    Boundary,
    Catalogue,
    Condition,
    DomainGap,
    DomainRatio,
    DomainValue,
    Frequency,
    Goal,
    HasTrigger,
    IndividualResponse,
    Intervention,
    KeyWorkingSchedule,
    LevelCompromised,
    Not,
    PlannedIntervention,
    Provision,
    RelationalHealthAtMost,
    Risk,
    RiskAssessment,
    Rule,
    RuleSetSpec,
    Sequencing,
    TeamStatus,
    Trigger,
)

__all__ = [
    "TRIGGER_TAGS",
    "age_norms",
    "assessments",
    "band_sets",
    "bands",
    "catalogues",
    "child_ids",
    "children",
    "conditions",
    "dates",
    "developmental_histories",
    "domain_scores",
    "frequencies",
    "individual_responses",
    "instrument_specs",
    "interventions",
    "period_histories",
    "profiles",
    "responses_for",
    "risk_assessments",
    "rule_set_specs",
    "rules",
    "shipped_instruments",
    "team_statuses",
    "trigger_tag_sets",
]

# ---------------------------------------------------------------------------------------------
# assessment & child (element 1)
# ---------------------------------------------------------------------------------------------

_ID_FIRST = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
_ID_REST = _ID_FIRST + "._:-"
_SLUG = st.text("abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=10)


def dates(
    *, min_value: date = date(2000, 1, 1), max_value: date = date(2040, 12, 31)
) -> st.SearchStrategy[date]:
    """Calendar dates in a plausible span for children in care today."""
    return st.dates(min_value=min_value, max_value=max_value)


def child_ids() -> st.SearchStrategy[ChildId]:
    """Opaque child ids as the library accepts them (1–64 letters, digits, ``. _ : -``)."""
    return st.builds(
        lambda first, rest: ChildId(first + rest),
        st.sampled_from(_ID_FIRST),
        st.text(_ID_REST, max_size=20),
    )


def children(*, born: st.SearchStrategy[date] | None = None) -> st.SearchStrategy[Child]:
    """Children with an opaque id and a date of birth (no names, ever)."""
    return st.builds(Child, id=child_ids(), born=born or dates(max_value=date(2030, 12, 31)))


def _ratings() -> st.SearchStrategy[int | None]:
    return st.none() | st.integers(0, 3)


def period_histories() -> st.SearchStrategy[PeriodHistory]:
    """Adversity and relational health in one period, each 0–3 or unknown."""
    return st.builds(PeriodHistory, adversity=_ratings(), relational_health=_ratings())


def developmental_histories() -> st.SearchStrategy[DevelopmentalHistory]:
    """Developmental histories: some periods recorded, current relational health, ACE count."""
    return st.builds(
        DevelopmentalHistory,
        periods=st.dictionaries(st.sampled_from(list(Period)), period_histories(), max_size=5),
        current_relational_health=_ratings(),
        ace_count=st.none() | st.integers(0, 10),
    )


@functools.cache
def _shipped() -> tuple[InstrumentSpec, ...]:
    from therapeutic_model.io import default_registry

    return tuple(i for i in default_registry(plugins=False) if isinstance(i, InstrumentSpec))


def shipped_instruments() -> st.SearchStrategy[InstrumentSpec]:
    """One of the shipped instruments (each informant variant of the SDQ counts)."""
    return st.sampled_from(_shipped())


def _resolve(instrument: InstrumentSpec | str) -> InstrumentSpec:
    if isinstance(instrument, InstrumentSpec):
        return instrument
    for spec in _shipped():
        if spec.id == instrument:
            return spec
    msg = f"no shipped instrument {instrument!r}; pass an InstrumentSpec"
    raise LookupError(msg)


def _response(item: Item) -> st.SearchStrategy[float]:
    if item.whole_numbers:
        return st.integers(math.ceil(item.min), math.floor(item.max)).map(float)
    return st.floats(item.min, item.max, allow_nan=False, allow_subnormal=False)


@st.composite
def _responses(draw: st.DrawFn, spec: InstrumentSpec, missing: float) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for item in spec.items:
        gone = missing > 0 and draw(_PERMILLE) < missing * 1000
        out[item.id] = None if gone else draw(_response(item))
    return out


def responses_for(
    instrument: InstrumentSpec | str, *, missing: float = 0.2
) -> st.SearchStrategy[dict[str, float | None]]:
    """Valid responses to an instrument by item id; each item is ``None`` (not answered)
    with probability about ``missing``.

    Args:
        instrument: an :class:`InstrumentSpec`, or the id of a shipped one (``"sdq-parent"``).
        missing: the chance that an item is left unanswered, 0 to 1.
    """
    if not 0.0 <= missing <= 1.0:
        msg = "missing must be a probability from 0 to 1"
        raise ValueError(msg)
    return _responses(_resolve(instrument), missing)


def _ages(spec: InstrumentSpec) -> st.SearchStrategy[int]:
    lo, hi = spec.age_range_months or (0, 216)
    return st.integers(lo, hi)


@st.composite
def _scored(draw: st.DrawFn, spec: InstrumentSpec) -> Profile:
    responses = draw(responses_for(spec, missing=draw(st.sampled_from([0.0, 0.1, 0.5]))))
    return spec.score(responses, age_months=draw(_ages(spec)))


def profiles(instrument: InstrumentSpec | str | None = None) -> st.SearchStrategy[Profile]:
    """Profiles obtained by scoring random valid responses (some missing) at a random age.

    Args:
        instrument: the instrument to score (a spec or a shipped id); by default one of the
            shipped instruments is drawn.
    """
    if instrument is None:
        return shipped_instruments().flatmap(_scored)
    return _scored(_resolve(instrument))


def domain_scores() -> st.SearchStrategy[DomainScore]:
    """Domain scores taken from scored profiles (values, bands, ages all consistent)."""
    return profiles().flatmap(lambda p: st.sampled_from(list(p.scores.values())))


@st.composite
def assessments(draw: st.DrawFn, instrument: InstrumentSpec | str | None = None) -> Assessment:
    """Completed instruments: a child id, a date and valid raw responses (some missing)."""
    spec = draw(shipped_instruments()) if instrument is None else _resolve(instrument)
    return Assessment(
        child_id=draw(child_ids()),
        instrument_id=spec.id,
        on=draw(dates()),
        responses=draw(responses_for(spec)),
        informant=spec.informant or draw(st.none() | st.sampled_from(["carer", "clinician"])),
        assessor_role=draw(st.none() | st.sampled_from(["clinical assessor", "key worker"])),
    )


_BASES: tuple[Literal["value", "ratio"], ...] = ("value", "ratio")
_AGGREGATIONS: tuple[Literal["sum", "mean"], ...] = ("sum", "mean")
_ROUNDINGS: tuple[Literal["half_up", "none"], ...] = ("none", "half_up")
_PERMILLE = st.sampled_from(range(1000))  # near-uniform, unlike st.floats(0, 1)
_SMALL = st.floats(0.0, 10.0, allow_nan=False, allow_subnormal=False)


@st.composite
def age_norms(
    draw: st.DrawFn, *, low: float = 0.0, high: float = 10.0, max_knots: int = 6
) -> AgeNorms:
    """Valid age norms: 2 to ``max_knots`` knots, ages strictly rising, expected values
    non-decreasing from ``low`` to at most ``high`` (flat stretches included)."""
    n = draw(st.integers(2, max_knots))
    ages = sorted(draw(st.sets(st.integers(0, 216), min_size=n, max_size=n)))
    cuts = sorted(draw(st.lists(_SMALL, min_size=n, max_size=n)))
    span = high - low
    expected = [low + span * c / 10.0 for c in cuts]
    return AgeNorms(ages_months=ages, expected=expected)


@st.composite
def bands(draw: st.DrawFn) -> Band:
    """Explained bands as scoring gives them: label, rank and the thresholds used."""
    basis = draw(st.sampled_from(_BASES))
    whole = basis == "value" and draw(st.booleans())
    if whole:
        lower = float(draw(st.integers(0, 40)))
        upper: float | None = lower + draw(st.integers(0, 10))
    else:
        lower = draw(_SMALL)
        upper = draw(st.none() | st.floats(lower, lower + 10, allow_nan=False))
    return Band(
        label=draw(_SLUG),
        rank=draw(st.integers(0, 3)),
        basis=basis,
        lower=lower,
        upper=upper,
        upper_inclusive=whole or upper is None,
    )


@st.composite
def band_sets(
    draw: st.DrawFn, score: str = "score", *, low: float = 0.0, high: float = 10.0
) -> BandSet:
    """Valid continuous band sets over ``[low, high]`` for one score: 1–4 bands, rank 0 first."""
    n = draw(st.integers(1, 4))
    inner = draw(st.sets(st.floats(low, high, exclude_min=True, allow_nan=False), max_size=n - 1))
    mins = [low, *sorted(inner)]
    ranks = draw(st.permutations(range(len(mins))))
    defs = [BandDef(f"band_{r}", r, m) for m, r in zip(mins, ranks, strict=True)]
    return BandSet(score=score, bands=tuple(defs), whole_numbers=False)


def _whole_band_set(score: str, low: int, high: int, cuts: Sequence[int]) -> BandSet:
    edges = [low, *sorted(set(cuts)), high + 1]
    defs = [
        BandDef(f"band_{k}", k, float(a), float(b - 1))
        for k, (a, b) in enumerate(itertools.pairwise(edges))
    ]
    return BandSet(score=score, bands=tuple(defs))


@st.composite
def _items(draw: st.DrawFn) -> list[Item]:
    n = draw(st.integers(1, 8))
    out = []
    for k in range(n):
        lo = draw(st.integers(0, 1))
        out.append(
            Item(
                id=str(k + 1),
                min=float(lo),
                max=float(lo + draw(st.integers(1, 4))),
                reverse=draw(st.booleans()),
            )
        )
    return out


@st.composite
def _domain(draw: st.DrawFn, did: str, members: list[str], level: str | None) -> Domain:
    aggregation = draw(st.sampled_from(_AGGREGATIONS))
    return Domain(
        id=did,
        items=members,
        aggregation=aggregation,
        min_answered=draw(st.none() | st.integers(1, len(members))),
        prorate=draw(st.booleans()),
        rounding=draw(st.sampled_from(_ROUNDINGS)),
        level=level,
        higher_is_better=draw(st.booleans()),
    )


def _domain_range(domain: Domain, items: Mapping[str, Item]) -> tuple[float, float]:
    lows = [items[i].min for i in domain.items]
    highs = [items[i].max for i in domain.items]
    if domain.aggregation == "mean":
        return sum(lows) / len(lows), sum(highs) / len(highs)
    return float(sum(lows)), float(sum(highs))


@st.composite
def _bands_for(draw: st.DrawFn, domain: Domain, items: Mapping[str, Item]) -> BandSet | None:
    low, high = _domain_range(domain, items)
    kind = draw(st.sampled_from(["none", "continuous", "whole"]))
    whole_ok = domain.rounding == "half_up" or (
        domain.aggregation == "sum" and (domain.min_answered is None or not domain.prorate)
    )
    if kind == "none":
        return None
    if kind == "whole" and whole_ok:
        lo, hi = math.floor(low), math.ceil(high)
        cuts = draw(st.lists(st.integers(lo + 1, max(lo + 1, hi)), max_size=3))
        return _whole_band_set(domain.id, lo, hi, [c for c in cuts if lo < c <= hi])
    return draw(band_sets(domain.id, low=low, high=high))


@st.composite
def instrument_specs(draw: st.DrawFn) -> InstrumentSpec:
    """Small random valid instrument specs: 1–8 items on small scales (some reverse-keyed),
    1–3 domains covering every item, perhaps levels, a derived score, norms and bands."""
    items = draw(_items())
    ids = [i.id for i in items]
    n_dom = draw(st.integers(1, min(3, len(ids))))
    owner = draw(st.lists(st.integers(0, n_dom - 1), min_size=len(ids), max_size=len(ids)))
    owner[:n_dom] = list(range(n_dom))  # every domain gets an item, every item a domain
    levels = [Level(id=f"level_{k + 1}", order=k + 1) for k in range(draw(st.integers(0, 2)))]
    domains = []
    for d in range(n_dom):
        members = [i for i, o in zip(ids, owner, strict=True) if o == d]
        level = draw(st.sampled_from(levels)).id if levels else None
        domains.append(draw(_domain(f"d{d + 1}", members, level)))
    by_id = {i.id: i for i in items}
    norms = {}
    for dom in domains:
        if draw(st.booleans()):
            low, high = _domain_range(dom, by_id)
            norms[dom.id] = draw(age_norms(low=low, high=high))
    band_list = [b for dom in domains if (b := draw(_bands_for(dom, by_id))) is not None]
    derived = []
    if n_dom > 1 and draw(st.booleans()):
        derived.append(DerivedScore(id="total", components=[d.id for d in domains]))
    return InstrumentSpec(
        id=draw(_SLUG),
        version=draw(st.sampled_from(["1", "1.1", "2024"])),
        title=draw(st.text(max_size=20)),
        items=tuple(items),
        domains=tuple(domains),
        derived=tuple(derived),
        norms=norms,
        bands=tuple(band_list),
        levels=tuple(levels),
        source=draw(st.text(max_size=20)),
        licence=draw(st.text(max_size=20)),
        validated=draw(st.booleans()),
    )


# ---------------------------------------------------------------------------------------------
# response (element 2)
# ---------------------------------------------------------------------------------------------

TRIGGER_TAGS: tuple[str, ...] = (
    "water",
    "physical_touch",
    "raised_voices",
    "night_time",
    "loud_noise",
    "crowds",
)
"""The small synthetic vocabulary of trigger tags the response strategies draw from."""

_NEURO_SCORES = ("sensory_integration", "self_regulation", "relational", "cognitive")
_NEURO_FUNCTIONS = ("sleep_rhythm", "touch_tolerance", "relational_repair", "self_narrative")
_NEURO_LEVELS = ("brainstem", "diencephalon", "limbic", "cortex")
_SDQ_SCORES = ("emotional", "conduct", "hyperactivity", "peer", "prosocial", "total_difficulties")
_PERIODS = tuple(p.value for p in Period)
_IDS = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)
_WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ", min_size=1, max_size=24).filter(
    lambda s: s.strip() != ""
)
_START = date(2020, 1, 1)


def frequencies() -> st.SearchStrategy[Frequency]:
    """Frequencies from once a month to several times a day."""
    return st.builds(
        Frequency,
        st.integers(1, 7),
        st.sampled_from(("day", "week", "fortnight", "month")),
    )


def team_statuses() -> st.SearchStrategy[str | None]:
    """A team regulation status, or ``None`` (unknown)."""
    return st.none() | st.sampled_from(TEAM_STATUSES)


def trigger_tag_sets() -> st.SearchStrategy[frozenset[str]]:
    """A child's trigger tags, drawn from :data:`TRIGGER_TAGS`."""
    return st.frozensets(st.sampled_from(TRIGGER_TAGS), max_size=3)


def interventions(*, ids: st.SearchStrategy[str] = _IDS) -> st.SearchStrategy[Intervention]:
    """Interventions of any kind and stage, with exposures from :data:`TRIGGER_TAGS`."""
    return st.builds(
        Intervention,
        id=ids,
        name=_WORDS,
        kind=st.sampled_from(INTERVENTION_KINDS),
        level=st.sampled_from(STAGES),
        domains=st.lists(st.sampled_from(_NEURO_SCORES + _SDQ_SCORES), max_size=3).map(tuple),
        exposures=st.lists(st.sampled_from(TRIGGER_TAGS), max_size=2, unique=True).map(tuple),
        frequency=st.none() | frequencies(),
        evidence=st.just("synthetic"),
    )


@st.composite
def catalogues(draw: st.DrawFn, *, min_size: int = 1, max_size: int = 12) -> Catalogue:
    """A catalogue of synthetic interventions with unique ids."""
    ids = draw(st.lists(_IDS, min_size=min_size, max_size=max_size, unique=True))
    items = [draw(interventions(ids=st.just(i))) for i in ids]
    return Catalogue(tuple(items), title="synthetic")


def _ordered(bounds: tuple[float | None, float | None]) -> bool:
    low, high = bounds
    if low is None or high is None:
        return low is not None or high is not None
    return low < high


def _bounds(low: float, high: float) -> st.SearchStrategy[tuple[float | None, float | None]]:
    value = st.floats(low, high, allow_nan=False).map(lambda x: round(x, 2))
    return st.tuples(st.none() | value, st.none() | value).filter(_ordered)


@st.composite
def _score_range(draw: st.DrawFn, cls: type[DomainGap | DomainRatio | DomainValue]) -> Condition:
    low, high = {DomainGap: (-1.0, 3.0), DomainRatio: (0.0, 1.5), DomainValue: (0.0, 10.0)}[cls]
    at_least, below = draw(_bounds(low, high))
    if cls is DomainValue and draw(st.booleans()):
        domain = draw(st.sampled_from(_SDQ_SCORES))
        return cls("sdq-parent", domain, at_least=at_least, below=below)
    domain = draw(st.sampled_from(_NEURO_SCORES + _NEURO_FUNCTIONS))
    return cls("neurosequential", domain, at_least=at_least, below=below)


@st.composite
def _band(draw: st.DrawFn) -> Condition:
    if draw(st.booleans()):
        inst, domain = "neurosequential", draw(st.sampled_from(_NEURO_SCORES + _NEURO_FUNCTIONS))
    else:
        inst, domain = "sdq-parent", draw(st.sampled_from(_SDQ_SCORES))
    at_least = draw(st.none() | st.integers(0, 3))
    at_most = draw(st.none() | st.integers(at_least or 0, 3))
    if at_least is None and at_most is None:
        at_least = 1
    return BandRank(inst, domain, at_least=at_least, at_most=at_most)


def _leaves(*, with_triggers: bool) -> st.SearchStrategy[Condition]:
    triggers = (
        st.builds(HasTrigger, st.sampled_from(TRIGGER_TAGS)) if with_triggers else st.nothing()
    )
    return st.one_of(
        _score_range(DomainGap),
        _score_range(DomainRatio),
        _score_range(DomainValue),
        _band(),
        st.builds(
            LevelCompromised,
            st.just("neurosequential"),
            st.sampled_from(_NEURO_LEVELS),
            st.integers(0, 2),
        ),
        _bounds(0.0, 216.0).map(lambda b: AgeBetween(at_least=b[0], below=b[1])),
        st.builds(AdversityAtLeast, st.integers(0, 3), st.sampled_from((*_PERIODS, "any"))),
        st.builds(
            RelationalHealthAtMost,
            st.integers(0, 3),
            st.sampled_from((*_PERIODS, "any", "current")),
        ),
        st.builds(AceAtLeast, st.integers(0, 10)),
        triggers,
        st.lists(st.sampled_from(TEAM_STATUSES), min_size=1, max_size=2, unique=True).map(
            TeamStatus
        ),
    )


def conditions(*, max_leaves: int = 6, with_triggers: bool = True) -> st.SearchStrategy[Condition]:
    """Conditions over the shipped ``neurosequential`` and ``sdq-parent`` instruments, history,
    triggers from :data:`TRIGGER_TAGS` (unless ``with_triggers`` is false) and team status,
    nested with all / any / not."""
    return st.recursive(
        _leaves(with_triggers=with_triggers),
        lambda inner: st.one_of(
            st.lists(inner, min_size=1, max_size=3).map(All),
            st.lists(inner, min_size=1, max_size=3).map(Any),
            inner.map(Not),
        ),
        max_leaves=max_leaves,
    )


def rules(
    intervention_ids: tuple[str, ...],
    *,
    ids: st.SearchStrategy[str] = _IDS,
    with_triggers: bool = True,
) -> st.SearchStrategy[Rule]:
    """Rules suggesting some of the given intervention ids."""
    return st.builds(
        Rule,
        id=ids,
        when=conditions(with_triggers=with_triggers),
        suggest=st.lists(st.sampled_from(intervention_ids), min_size=1, max_size=3, unique=True),
        priority=st.integers(0, 100),
        rationale=st.just("synthetic"),
        parallel_ok=st.booleans(),
    )


@st.composite
def rule_set_specs(
    draw: st.DrawFn,
    intervention_ids: tuple[str, ...],
    *,
    max_rules: int = 8,
    with_triggers: bool = True,
) -> RuleSetSpec:
    """A rules file's worth of synthetic rules (unique ids) over some intervention ids."""
    rule_ids = draw(st.lists(_IDS, min_size=1, max_size=max_rules, unique=True))
    drawn = [
        draw(rules(intervention_ids, ids=st.just(r), with_triggers=with_triggers)) for r in rule_ids
    ]
    return RuleSetSpec(tuple(drawn), title="synthetic", sequencing=Sequencing())


def risk_assessments() -> st.SearchStrategy[RiskAssessment]:
    """Risk assessments whose risks refer only to the assessment's own triggers."""

    @st.composite
    def build(draw: st.DrawFn) -> RiskAssessment:
        tags = draw(st.lists(st.sampled_from(TRIGGER_TAGS), max_size=3, unique=True))
        triggers = tuple(
            Trigger(t, early_signs=("goes quiet",), what_helps=("space",)) for t in tags
        )
        n = draw(st.integers(0, 3))
        risks = tuple(
            Risk(
                f"r{k}",
                "synthetic risk",
                likelihood=draw(st.integers(1, 5)),
                severity=draw(st.integers(1, 5)),
                trigger_tags=tuple(draw(st.lists(st.sampled_from(tags), unique=True)))
                if tags
                else (),
            )
            for k in range(n)
        )
        return RiskAssessment(triggers, risks)

    return build()


@st.composite
def individual_responses(
    draw: st.DrawFn, *, catalogue_ids: tuple[str, ...] = ("rhythmic_walk", "attuned_key_working")
) -> IndividualResponse:
    """A plan (version 1, sometimes revised) using only the given catalogue ids."""
    on = _START + timedelta(days=draw(st.integers(0, 1000)))
    levels = AttainmentLevels("much less", "less", "as expected", "more", "much more")
    goals = [
        Goal(f"g{k}", "synthetic goal", levels, on + timedelta(days=30), domain=d)
        for k, d in enumerate(draw(st.lists(st.sampled_from(_NEURO_SCORES), max_size=3)))
    ]
    goal_ids = [g.id for g in goals]
    chosen = draw(
        st.lists(st.sampled_from(catalogue_ids), unique=True, max_size=len(catalogue_ids))
    )
    planned = [
        PlannedIntervention(
            i,
            frequency=draw(st.none() | frequencies()),
            goal_ids=tuple(draw(st.lists(st.sampled_from(goal_ids), unique=True)))
            if goal_ids
            else (),
        )
        for i in chosen
    ]
    plan = IndividualResponse.create(
        "c-" + draw(st.from_regex(r"[0-9]{3}", fullmatch=True)),
        on=on,
        author_role="registered manager",
        goals=goals,
        interventions=planned,
        risk_assessment=draw(risk_assessments()),
        boundaries=[Boundary("b1", "phone downstairs at ten", agreed_on=on)],
        key_working=KeyWorkingSchedule("key worker", Frequency(1, "week"), session_minutes=45),
        provision=[Provision("p1", "education", "local school", "tutoring")],
    )
    started = draw(st.booleans())
    if chosen and started:
        plan = plan.set_intervention_status(
            chosen[0], "active", on=on + timedelta(days=7), author_role="key worker", reason="began"
        )
    return plan
