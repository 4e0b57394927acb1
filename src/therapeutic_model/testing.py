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
from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

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
from therapeutic_model.exceptions import TransitionNotAllowed, ValidationError
from therapeutic_model.response import (
    INTERVENTION_KINDS,
    STAGES,
    TEAM_STATUSES,
    AceAtLeast,
    AdversityAtLeast,
    AgeBetween,
    All,
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
from therapeutic_model.response import Any as AnyOf
from therapeutic_model.review import (
    Attendee,
    ChildView,
    Decision,
    DomainProgress,
    MeetingEvidence,
    ReviewMeeting,
    ReviewPolicy,
    Schedule,
    Tracker,
)
from therapeutic_model.team import (
    Appraisal,
    Employment,
    Incident,
    IncidentKind,
    PostIncidentSupport,
    StaffMember,
    SupervisionFormat,
    SupervisionKind,
    SupervisionSession,
    SupportKind,
    TeamRecord,
    TeamRecords,
    TrainingKind,
    TrainingRecord,
    WellbeingCheck,
)

__all__ = [
    "REVIEW_CATALOGUE",
    "TRIGGER_TAGS",
    "age_norms",
    "assessments",
    "attendees",
    "band_sets",
    "bands",
    "catalogues",
    "child_ids",
    "child_views",
    "children",
    "conditions",
    "dates",
    "decisions",
    "developmental_histories",
    "domain_scores",
    "frequencies",
    "individual_responses",
    "instrument_specs",
    "interventions",
    "meeting_evidence",
    "period_histories",
    "profiles",
    "proqol_profiles",
    "responses_for",
    "review_meetings",
    "review_policies",
    "risk_assessments",
    "rule_set_specs",
    "rules",
    "schedules",
    "shipped_instruments",
    "simulated_cohorts",
    "simulated_homes",
    "staff_members",
    "synthetic_plan",
    "synthetic_profile",
    "synthetic_profiles",
    "team_record_for",
    "team_records",
    "team_statuses",
    "trackers",
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
            st.lists(inner, min_size=1, max_size=3).map(AnyOf),
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


# ---------------------------------------------------------------------------------------------
# review (element 3)
# ---------------------------------------------------------------------------------------------

REVIEW_CATALOGUE: tuple[str, ...] = ("rhythm", "drumming", "swimming", "key_work")
"""The tiny synthetic catalogue the review strategies draw intervention ids from."""

_ROLES = ("clinical_assessor", "registered_manager", "key_worker", "social_worker", "child")
_REVIEW_DOMAINS = ("regulate", "relate", "reason")
_FREE_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda s: s.strip() != "")
_REVIEW_START = date(2020, 1, 1)


def attendees(*, roles: tuple[str, ...] = _ROLES) -> st.SearchStrategy[Attendee]:
    """Meeting attendees: a role tag and sometimes an opaque staff id."""
    return st.builds(
        Attendee,
        role=st.sampled_from(roles),
        person_id=st.none() | st.from_regex(r"\As-[0-9]{1,4}\Z"),
    )


def child_views() -> st.SearchStrategy[ChildView]:
    """The child's view in any words (free text of any script)."""
    return st.builds(
        ChildView,
        wishes=st.text(max_size=40),
        suggestion=st.text(max_size=40),
        took_part=st.sampled_from(
            ["attended", "key_work_session", "in_writing", "through_advocate", "declined"]
        ),
        own_words=st.booleans(),
    )


def decisions(
    *, intervention_ids: tuple[str, ...] = REVIEW_CATALOGUE
) -> st.SearchStrategy[Decision]:
    """Well-formed decisions of every kind, each with a reason (not checked against a plan)."""
    ids = st.sampled_from(intervention_ids)
    reason = _FREE_TEXT
    frequency = st.none() | st.builds(
        Frequency, times=st.integers(1, 5), per=st.sampled_from(["day", "week", "month"])
    )
    return st.one_of(
        st.builds(Decision.continue_, ids, reason=reason),
        st.builds(
            Decision.adjust,
            ids,
            reason=reason,
            frequency=frequency,
            status=st.none() | st.sampled_from(["paused", "active", "completed"]),
        ),
        st.builds(Decision.start, ids, reason=reason, frequency=frequency),
        st.builds(Decision.stop, ids, reason=reason),
        st.builds(Decision.goal_met, st.sampled_from(["g1", "g2"]), reason=reason),
        st.builds(Decision.reassess, reason=reason),
        st.builds(Decision.escalate, reason=reason),
    )


def _finite(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def _domain_progress() -> st.SearchStrategy[DomainProgress]:
    maybe = st.none() | _finite(-50, 50)
    return st.builds(
        DomainProgress,
        instrument_id=st.just("synthetic"),
        domain=st.sampled_from(_REVIEW_DOMAINS),
        n_assessments=st.integers(0, 24),
        entry=maybe,
        latest=maybe,
        distance_travelled=maybe,
        trend_per_month=maybe,
        rci=maybe,
        change=st.none() | st.sampled_from(["reliably improved", "no reliable change"]),
        latest_band=st.none() | st.sampled_from(["green", "amber", "red"]),
        latest_rank=st.none() | st.integers(0, 2),
        milestone_met=st.booleans(),
        higher_is_better=st.booleans(),
    )


def meeting_evidence() -> st.SearchStrategy[MeetingEvidence]:
    """Meeting evidence with progress rows, goal ratings and a T-score."""
    return st.builds(
        MeetingEvidence,
        progress=st.lists(_domain_progress(), max_size=3),
        goal_ratings=st.dictionaries(st.sampled_from(["g1", "g2"]), st.integers(-2, 2)),
        goal_t_score=st.none() | _finite(20, 80),
        team_status=st.none() | st.sampled_from(["no findings", "supervision overdue"]),
        notes=st.lists(_FREE_TEXT, max_size=2),
    )


def review_meetings(
    *, on: st.SearchStrategy[date] | None = None, quorate: bool = True
) -> st.SearchStrategy[ReviewMeeting]:
    """Review meetings; with ``quorate`` the default required roles are always present."""
    required = [Attendee("clinical_assessor"), Attendee("registered_manager")] if quorate else []
    return st.builds(
        ReviewMeeting,
        on=on if on is not None else st.dates(_REVIEW_START, date(2030, 12, 31)),
        attendees=st.lists(attendees(), max_size=3).map(lambda extra: required + extra),
        decisions=st.lists(decisions(), max_size=4),
        evidence=meeting_evidence(),
        child_view=st.none() | child_views(),
        priorities=st.lists(_FREE_TEXT, max_size=3),
    )


def schedules() -> st.SearchStrategy[Schedule]:
    """Review schedules: calendar or rolling cadence, any grace and reassessment interval."""
    return st.builds(
        Schedule,
        cadence=st.sampled_from(["calendar_month", "rolling_days"]),
        every_days=st.integers(14, 45),
        notice_days=st.integers(0, 14),
        grace_days=st.integers(0, 21),
        reassessment_months=st.integers(1, 12),
    )


def review_policies() -> st.SearchStrategy[ReviewPolicy]:
    """Review policies over the default cycle, with drawn schedules and thresholds."""
    return st.builds(
        ReviewPolicy,
        schedule=schedules(),
        reviews_without_change=st.integers(1, 4),
    )


def _synthetic_score(domain: str, value: float | None, higher_is_better: bool) -> DomainScore:
    if value is None:
        return DomainScore(domain, None, higher_is_better=higher_is_better)
    good = value if higher_is_better else 40.0 - value
    rank = 0 if good >= 30 else (1 if good >= 15 else 2)
    lower, upper = ((30.0, None), (15.0, 30.0), (None, 15.0))[rank]
    if not higher_is_better:
        lower, upper = (
            (None if upper is None else 40.0 - upper),
            (None if lower is None else 40.0 - lower),
        )
    band = Band(("green", "amber", "red")[rank], rank, "value", lower, upper, False)
    return DomainScore(domain, value, band=band, higher_is_better=higher_is_better)


def synthetic_profile(
    values: Mapping[str, float | None],
    *,
    instrument_id: str = "synthetic",
    age_months: int = 120,
    higher_is_better: bool = True,
) -> Profile:
    """A SYNTHETIC profile with the given scores (0–40), for tests and demos.

    Bands: green (rank 0, typical) from 30, amber (rank 1) from 15, red (rank 2) below,
    mirrored when lower scores are better. Not any real instrument's cut-offs.

    >>> synthetic_profile({"relate": 32.0}).scores["relate"].band.label
    'green'
    """
    return Profile(
        instrument_id,
        "synthetic-1",
        float(age_months),
        {d: _synthetic_score(d, v, higher_is_better) for d, v in values.items()},
    )


def synthetic_profiles(
    *, instrument_id: str = "synthetic", age_months: int = 120
) -> st.SearchStrategy[Profile]:
    """SYNTHETIC profiles of three domains scored 0–40 (see :func:`synthetic_profile`)."""
    return st.lists(st.integers(0, 40).map(float), min_size=3, max_size=3).map(
        lambda values: synthetic_profile(
            dict(zip(_REVIEW_DOMAINS, values, strict=True)),
            instrument_id=instrument_id,
            age_months=age_months,
        )
    )


def synthetic_plan(
    child_id: str, *, on: date, author_role: str = "registered_manager"
) -> IndividualResponse:
    """A first plan: goals g1 (domain ``regulate``) and g2 (``relate``), intervention
    ``rhythm`` active for g1. SYNTHETIC, for tests and demos."""
    levels = AttainmentLevels("much less", "less", "as expected", "more", "much more")
    goals = [
        Goal(f"g{k + 1}", f"goal {k + 1}", levels, on, domain=d)
        for k, d in enumerate(_REVIEW_DOMAINS[:2])
    ]
    return IndividualResponse.create(
        child_id,
        on=on,
        author_role=author_role,
        goals=goals,
        interventions=[PlannedIntervention("rhythm", status="active", goal_ids=("g1",))],
    )


_ROLE = "registered_manager"


def _assess(draw: st.DrawFn, tracker: Tracker, on: date) -> Tracker:
    profile = draw(synthetic_profiles())
    assessment = Assessment(tracker.child.id, "synthetic", on, {})
    return tracker.record_assessment(assessment, profile, on=on, actor_role=_ROLE)


def _plan(draw: st.DrawFn, tracker: Tracker, on: date) -> Tracker:
    plan = tracker.plan
    if plan is None:
        return tracker.adopt_plan(synthetic_plan(tracker.child.id, on=on), on=on, actor_role=_ROLE)
    revised = plan.revise(on=on, author_role=_ROLE, reason="revised between meetings")
    return tracker.adopt_plan(revised, on=on, actor_role=_ROLE)


def _meet(draw: st.DrawFn, tracker: Tracker, on: date) -> Tracker:
    meeting = draw(review_meetings(on=st.just(on)))
    return tracker.hold_meeting(meeting, actor_role=_ROLE, catalogue=REVIEW_CATALOGUE)


def _rate(draw: st.DrawFn, tracker: Tracker, on: date) -> Tracker:
    goal_ids = [g.id for g in tracker.plan.goals] if tracker.plan else ["g1"]
    ratings = draw(st.dictionaries(st.sampled_from(goal_ids), st.integers(-2, 2), min_size=1))
    return tracker.rate_goals(ratings, on=on, actor_role=_ROLE)


_STEPS: dict[str, Callable[[st.DrawFn, Tracker, date], Tracker]] = {
    "assess": _assess,
    "plan": _plan,
    "advance": lambda _, t, on: t.advance(on=on),
    "meet": _meet,
    "rate": _rate,
    "pause": lambda _, t, on: t.pause(on=on, actor_role=_ROLE, reason="in hospital"),
    "resume": lambda _, t, on: t.resume(on=on, actor_role=_ROLE, reason="back home"),
    "end": lambda _, t, on: t.end_placement(on=on, actor_role=_ROLE, reason="moved on"),
}


# Ending is absorbing, so it is drawn rarely; the review work itself often.
_STEP_NAMES = st.sampled_from(
    ["assess", "plan", "advance", "meet", "rate"] * 3 + ["pause", "resume", "pause", "end"]
)


@st.composite
def trackers(draw: st.DrawFn, *, max_steps: int = 12) -> Tracker:
    """Valid trackers grown by random operations on dates moving forward.

    Each step draws an operation (assess, adopt a plan, advance the schedule, hold a meeting,
    rate goals, pause, resume, end) and keeps it only if the tracker accepts it, so every
    tracker drawn is one the library could have built.
    """
    child = Child("c-synthetic", date(2010, 1, 1))
    on = draw(st.dates(_REVIEW_START, date(2024, 12, 31)))
    tracker = Tracker.open(child, on=on, actor_role=_ROLE, policy=draw(review_policies()))
    for _ in range(draw(st.integers(0, max_steps))):
        on += timedelta(days=draw(st.integers(0, 40)))
        step = _STEPS[draw(_STEP_NAMES)]
        try:
            tracker = step(draw, tracker, on)
        except (TransitionNotAllowed, ValidationError):
            continue
    return tracker


# ---------------------------------------------------------------------------------------------
# team (element 4)
# ---------------------------------------------------------------------------------------------

_TEAM_START = date(2022, 1, 1)
_TEAM_END = date(2024, 12, 31)
_STAFF_ROLES = (
    "residential_care_worker",
    "senior_care_worker",
    "deputy_manager",
    "registered_manager",
)


@functools.cache
def _proqol() -> Any:
    from therapeutic_model.io import default_registry

    return default_registry(plugins=False).get("proqol")


@st.composite
def proqol_profiles(draw: st.DrawFn) -> Profile:
    """A scored ProQOL 5 profile from 30 drawn item responses (1–5)."""
    responses = draw(st.lists(st.integers(1, 5), min_size=30, max_size=30))
    profile: Profile = _proqol().score(
        {str(i + 1): r for i, r in enumerate(responses)}, age_months=400
    )
    return profile


def _days(start: date, end: date) -> st.SearchStrategy[date]:
    return st.dates(min_value=start, max_value=end)


def staff_members(
    *, start: date = _TEAM_START, end: date = _TEAM_END, id: str | None = None
) -> st.SearchStrategy[StaffMember]:
    """A staff member starting between two dates, possibly having left."""

    @st.composite
    def build(draw: st.DrawFn) -> StaffMember:
        started = draw(_days(start, end))
        left = draw(st.none() | _days(started, end + timedelta(days=365)))
        return StaffMember(
            id=id if id is not None else f"s{draw(st.integers(0, 10**6))}",
            role=draw(st.sampled_from(_STAFF_ROLES)),
            started=started,
            employment=draw(st.sampled_from(Employment)),
            left=left,
        )

    return build()


def _moment(d: date, draw: st.DrawFn) -> datetime:
    return datetime.combine(d, time()) + timedelta(minutes=draw(st.integers(0, 24 * 60 - 1)))


@st.composite
def _staff_record(
    draw: st.DrawFn, staff: tuple[StaffMember, ...], record_id: str, end: date
) -> TeamRecord:
    """One dated record about staff already in the home (dated on or after they started)."""
    kind = draw(st.sampled_from(("supervision", "appraisal", "wellbeing", "training")))
    if kind == "supervision":
        fmt = draw(st.sampled_from(SupervisionFormat))
        n = 1 if fmt is SupervisionFormat.INDIVIDUAL else draw(st.integers(1, len(staff)))
        chosen = draw(st.permutations(staff))[:n]
        latest_start = max(s.started for s in chosen)
        return SupervisionSession(
            id=record_id,
            on=draw(_days(latest_start, max(latest_start, end))),
            kind=draw(st.sampled_from(SupervisionKind)),
            attendees=tuple(s.id for s in chosen),
            format=fmt,
            minutes=draw(st.sampled_from((30, 60, 90))),
            supervisor_role=draw(st.sampled_from(("clinical_supervisor", "registered_manager"))),
        )
    who = draw(st.sampled_from(staff))
    on = draw(_days(who.started, max(who.started, end)))
    if kind == "appraisal":
        return Appraisal(record_id, who.id, on, appraiser_role="registered_manager")
    if kind == "wellbeing":
        return WellbeingCheck(record_id, who.id, on, draw(proqol_profiles()))
    return TrainingRecord(
        record_id,
        who.id,
        on,
        course=draw(st.sampled_from(("trauma_informed", "first_aid"))),
        kind=draw(st.sampled_from(TrainingKind)),
    )


@st.composite
def _incident(
    draw: st.DrawFn, staff: tuple[StaffMember, ...], record_id: str, start: date, end: date
) -> Incident:
    chosen = draw(st.permutations(staff))[: draw(st.integers(1, min(3, len(staff))))]
    return Incident(
        id=record_id,
        kind=draw(st.sampled_from((IncidentKind.RESTRAINT, IncidentKind.MISSING))),
        at=_moment(draw(_days(start, end)), draw),
        staff=tuple(s.id for s in chosen),
        child_id=f"c-{draw(st.integers(1, 9))}",
    )


@st.composite
def _support(draw: st.DrawFn, incident: Incident, record_id: str) -> PostIncidentSupport:
    kind = draw(st.sampled_from(SupportKind))
    return PostIncidentSupport(
        id=record_id,
        incident_id=incident.id,
        kind=kind,
        at=incident.at + timedelta(hours=draw(st.integers(0, 24 * 8))),
        staff_id=draw(st.sampled_from(incident.staff))
        if kind is SupportKind.STAFF_SPOKEN_TO
        else None,
        by_role="registered_manager",
    )


@st.composite
def team_records(
    draw: st.DrawFn,
    *,
    start: date = _TEAM_START,
    end: date = _TEAM_END,
    max_staff: int = 5,
    max_records: int = 20,
    home_id: str = "home",
) -> TeamRecords:
    """A home's valid team records: staff, then records about them dated after they started.

    Args:
        start: the earliest start date of a staff member.
        end: the latest date of any record.
        max_staff: at most this many staff members.
        max_records: at most this many other records.
        home_id: the home's id.
    """
    n_staff = draw(st.integers(1, max_staff))
    staff = tuple(draw(staff_members(start=start, end=end, id=f"s{i}")) for i in range(n_staff))
    records: list[TeamRecord] = list(staff)
    incidents: list[Incident] = []
    for k in range(draw(st.integers(0, max_records))):
        what = draw(st.sampled_from(("staff", "staff", "incident", "support")))
        if what == "incident" or (what == "support" and not incidents):
            incident = draw(_incident(staff, f"i{k}", start, end))
            incidents.append(incident)
            records.append(incident)
        elif what == "support":
            records.append(draw(_support(draw(st.sampled_from(incidents)), f"a{k}")))
        else:
            records.append(draw(_staff_record(staff, f"r{k}", end)))
    return TeamRecords.of(records, home_id=home_id)


@st.composite
def team_record_for(
    draw: st.DrawFn, home: TeamRecords, *, start: date = _TEAM_START, end: date = _TEAM_END
) -> TeamRecord:
    """One more valid record for a home: a new staff member, a record about its staff, an
    incident, or an action after one of its incidents — with an id not used in the home."""
    record_id = f"new{len(home)}"
    choices = ["staff", "record", "incident"] + (["support"] if home.incidents else [])
    what = draw(st.sampled_from(choices))
    if what == "staff" or not home.staff:
        return draw(staff_members(start=start, end=end, id=record_id))
    if what == "record":
        return draw(_staff_record(home.staff, record_id, end))
    if what == "incident":
        return draw(_incident(home.staff, record_id, start, end))
    return draw(_support(draw(st.sampled_from(home.incidents)), record_id))


# ---------------------------------------------------------------------------------------------
# the face: synthetic cohorts and homes (therapeutic_model.simulate)
# ---------------------------------------------------------------------------------------------


def simulated_cohorts(
    *, max_children: int = 6, max_months: int = 6, on: date = date(2025, 1, 6)
) -> st.SearchStrategy[Any]:
    """Synthetic cohorts (``simulate.cohort``) of drawn size, length and seed.

    The cohort is synthetic and deterministic per drawn seed, so a failing example shrinks to
    a small, reproducible cohort.
    """
    from therapeutic_model import simulate

    return st.builds(
        lambda n, months, seed: simulate.cohort(n, months, seed=seed, on=on),
        st.integers(1, max_children),
        st.integers(0, max_months),
        st.integers(0, 2**32 - 1),
    )


def simulated_homes(
    *, max_children: int = 3, max_months: int = 3, on: date = date(2025, 1, 6)
) -> st.SearchStrategy[Any]:
    """Synthetic homes (``simulate.home``): children, trackers and a team, from a drawn seed."""
    from therapeutic_model import simulate

    return st.builds(
        lambda n, months, seed: simulate.home(n, months, seed=seed, on=on, n_staff=4),
        st.integers(1, max_children),
        st.integers(1, max_months),
        st.integers(0, 2**32 - 1),
    )
