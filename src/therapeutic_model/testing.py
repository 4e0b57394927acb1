"""Hypothesis strategies for the library's public records, for its tests and for yours.

This module needs the ``testing`` extra (``pip install 'therapeutic_model[testing]'``), which
brings in Hypothesis. ``import therapeutic_model`` never imports it: only importing this
module does.

The records drawn are synthetic: ids are random opaque strings, never names.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import strategies as st

from therapeutic_model.assessment import DevelopmentalHistory, PeriodHistory
from therapeutic_model.child import Period
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
    "catalogues",
    "conditions",
    "developmental_histories",
    "frequencies",
    "individual_responses",
    "interventions",
    "risk_assessments",
    "rule_set_specs",
    "rules",
    "team_statuses",
    "trigger_tag_sets",
]

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


def _rating() -> st.SearchStrategy[int | None]:
    return st.none() | st.integers(0, 3)


def developmental_histories() -> st.SearchStrategy[DevelopmentalHistory]:
    """Developmental histories with some periods, ratings and ACE counts missing."""
    return st.builds(
        DevelopmentalHistory,
        periods=st.dictionaries(
            st.sampled_from(tuple(Period)),
            st.builds(PeriodHistory, adversity=_rating(), relational_health=_rating()),
            max_size=5,
        ),
        current_relational_health=_rating(),
        ace_count=st.none() | st.integers(0, 10),
    )


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
