"""A provider's therapeutic model: the four element policies together, and what is missing.

The seed article asks *what makes a therapeutic model?* and answers with four elements that must
all be in place and joined up: a standard trauma assessment on entry (1), a standard way of
turning it into an individual response (2), an ongoing measure of progress reviewed monthly that
adjusts the response (3), and regulation for the team who carry it out (4). Therapy bought in
from an external clinician for an hour a week, with none of the four around it, is not a
therapeutic model: the child returns to a home environment that is not therapeutic.

:class:`TherapeuticModel` holds the four element policies; :func:`check_model` says, element by
element, what is missing and why it matters, computes how the rules cover each domain and level
of the entry instrument, and names the therapy-only anti-pattern when it sees it.
:func:`summarise_home` gives the figures a registered manager needs for a regulation 45 review of
the quality of care (Children's Homes (England) Regulations 2015, reg 45), as data.

Nothing here reads files or the clock: :func:`therapeutic_model.load_model` reads a model file,
and every date is passed in.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Literal, TypeAlias

import attrs

from therapeutic_model.assessment import Instrument, InstrumentSpec
from therapeutic_model.exceptions import InvalidValue
from therapeutic_model.response import (
    BandRank,
    Catalogue,
    DomainGap,
    DomainRatio,
    DomainValue,
    LevelCompromised,
    RuleSet,
    leaves,
)
from therapeutic_model.review import PlanAdopted, ProgressWarning, ReviewPolicy, Tracker
from therapeutic_model.team import TeamPolicy, TeamRecords, TeamReport, check_team

__all__ = [
    "ANTI_PATTERN",
    "DEFAULT_CLINICAL_ROLES",
    "ELEMENTS",
    "IN_HOME_KINDS",
    "AssessmentPolicy",
    "DomainCoverage",
    "DomainImprovement",
    "Element",
    "HomeEvidence",
    "ModelCheck",
    "ModelFinding",
    "ResponsePolicy",
    "Share",
    "TherapeuticModel",
    "check_model",
    "summarise_home",
]

Element: TypeAlias = Literal[1, 2, 3, 4]
"""One of the article's four elements."""

ELEMENTS: dict[int, str] = {
    1: "trauma assessment",
    2: "individual response",
    3: "reviewing and monitoring",
    4: "team regulation",
}
"""The four elements of a therapeutic model, after the seed article."""

ANTI_PATTERN = "therapy-only"
"""The anti-pattern the article warns about: psychotherapy bought in from an external clinician,
with no assessment, response, review or team elements around it."""

DEFAULT_CLINICAL_ROLES: tuple[str, ...] = (
    "clinical_assessor",
    "clinical_lead",
    "clinical_psychologist",
    "clinical_supervisor",
    "clinician",
    "psychiatrist",
    "psychotherapist",
    "therapist",
)
"""Roles :func:`check_model` counts as clinical (any role with "clinical" in it counts too)."""

IN_HOME_KINDS = frozenset(
    {
        "care_plan",
        "risk_assessment",
        "boundaries",
        "key_working",
        "enrichment",
        "therapeutic_caregiving",
    }
)
"""Kinds of response that happen in the child's lived environment, not bought in."""


def _at_least(low: int) -> Callable[[object, attrs.Attribute[Any], Any], None]:
    def check(_: object, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None and (
            not isinstance(value, int) or isinstance(value, bool) or value < low
        ):
            msg = f"{attribute.name} must be a whole number of at least {low}"
            raise InvalidValue(msg)

    return check


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        return (value,)
    return tuple(value)


@attrs.frozen(kw_only=True)
class AssessmentPolicy:
    """Element 1: the standard assessment every child has on entry, and when it is repeated.

    Args:
        entry_instruments: the instrument ids every child is assessed with on entry (the TIER
            system uses a neurosequential assessment); empty means no standard tool.
        within_days: the entry assessment is due this many days after the child arrives
            (this library's default, 28 days; ``None`` sets no timescale).
        reassessment_months: the entry instrument is repeated this often (default 6, as
            reg 45 reviews of the quality of care are at least 6-monthly); ``None``: never.
        developmental_history: whether adversity and relational health are recorded per period
            of early life on entry (Hambrick, Brawner & Perry 2019).
        source: where the policy comes from.
    """

    entry_instruments: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    within_days: int | None = attrs.field(default=28, validator=_at_least(0))
    reassessment_months: int | None = attrs.field(default=6, validator=_at_least(1))
    developmental_history: bool = True
    source: str = ""


@attrs.frozen(kw_only=True)
class ResponsePolicy:
    """Element 2: the standard way to turn the assessment into action.

    Args:
        catalogue: the interventions the home offers.
        rules: the rule set that suggests them from the assessment (``None``: no standard way).
    """

    catalogue: Catalogue
    rules: RuleSet | None = None

    @classmethod
    def of(cls, rules: RuleSet) -> ResponsePolicy:
        """The response policy of a rule set over its own catalogue."""
        return cls(catalogue=rules.catalogue, rules=rules)


def _instruments(value: Iterable[Instrument]) -> tuple[Instrument, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class TherapeuticModel:
    """A provider's therapeutic model: a name and the four element policies.

    Any element may be ``None``: :func:`check_model` then says it is missing and why it matters.
    Build one in Python, or read one with :func:`therapeutic_model.load_model`.

    Args:
        name: a short name (``"tier"``).
        title: a readable name.
        assessment: element 1.
        response: element 2.
        review: element 3 — the review cycle, the meeting cadence and grace period, the roles
            that must attend, and per instrument the SD and reliability reliable change needs.
        team: element 4.
        instruments: the instruments the model's ids refer to (a registry or any iterable).
        source: where the model comes from.
        notes: anything a reader must know.
    """

    name: str
    title: str = ""
    assessment: AssessmentPolicy | None = None
    response: ResponsePolicy | None = None
    review: ReviewPolicy | None = None
    team: TeamPolicy | None = None
    instruments: tuple[Instrument, ...] = attrs.field(
        default=(), converter=_instruments, repr=False
    )
    source: str = ""
    notes: str = ""

    def instrument(self, instrument_id: str) -> Instrument | None:
        """The instrument with an id, if the model holds it."""
        for inst in self.instruments:
            if inst.id == instrument_id:
                return inst
        return None

    def progress_measures(self) -> tuple[str, ...]:
        """The instruments progress is measured on: the review's reassessment instrument, else
        the entry instruments (when the model repeats them)."""
        if self.review is not None and self.review.schedule.reassessment_instrument:
            return (self.review.schedule.reassessment_instrument,)
        if self.assessment is None:
            return ()
        repeated = self.assessment.reassessment_months is not None or self.review is not None
        return self.assessment.entry_instruments if repeated else ()


# -- check_model -----------------------------------------------------------------------------

Gravity: TypeAlias = Literal["gap", "weak"]
"""``gap``: the element is not in place (the model fails); ``weak``: in place, but weaker than
the article or the regulations ask (the model still passes)."""


@attrs.frozen
class ModelFinding:
    """One thing :func:`check_model` found missing or weak, in one element.

    Attributes:
        element: 1 assessment, 2 response, 3 review, 4 team.
        code: a stable code, e.g. ``"no_standard_tool"``.
        severity: ``"gap"`` (the element is not in place) or ``"weak"``.
        what: what is missing, naming the ids involved.
        why: why it matters, after the article or the regulation.
        where: where in a model file it would be set, e.g. ``$.review.required_roles``.
    """

    element: Element
    code: str
    severity: Gravity
    what: str
    why: str
    where: str

    @property
    def element_name(self) -> str:
        """The element's name, e.g. ``"team regulation"``."""
        return ELEMENTS[self.element]


@attrs.frozen
class DomainCoverage:
    """How the rules cover one domain of an entry instrument.

    Attributes:
        instrument: the entry instrument.
        domain: the domain id.
        level: the domain's developmental level (``None`` if the instrument has none).
        stage: the level's response stage (regulate, relate, reason), if given.
        rules: ids of the rules that read this domain (its score, one of its functions, a
            derived score made from it, or its level).
        interventions: the interventions those rules suggest.
        serving: catalogue interventions that say they serve this domain.
    """

    instrument: str
    domain: str
    level: str | None
    stage: str | None
    rules: tuple[str, ...]
    interventions: tuple[str, ...]
    serving: tuple[str, ...]

    @property
    def covered(self) -> bool:
        """Whether some rule reads the domain and suggests at least one intervention."""
        return bool(self.rules) and bool(self.interventions)


@attrs.frozen
class ModelCheck:
    """What :func:`check_model` found: per element, with coverage and any anti-pattern.

    Attributes:
        model: the model's name.
        findings: every finding, by element then severity.
        coverage: per domain of each entry instrument, how the rules cover it.
        anti_pattern: :data:`ANTI_PATTERN` when the model is therapy bought in with nothing
            around it; otherwise ``None``.
    """

    model: str
    findings: tuple[ModelFinding, ...]
    coverage: tuple[DomainCoverage, ...] = ()
    anti_pattern: str | None = None

    @property
    def passed(self) -> bool:
        """Whether every element is in place (no finding is a gap)."""
        return not any(f.severity == "gap" for f in self.findings)

    @property
    def failing_elements(self) -> tuple[int, ...]:
        """The elements with at least one gap, in order."""
        return tuple(sorted({f.element for f in self.findings if f.severity == "gap"}))

    def element(self, n: int) -> tuple[ModelFinding, ...]:
        """The findings on one element."""
        return tuple(f for f in self.findings if f.element == n)

    def codes(self) -> tuple[str, ...]:
        """Every finding's code, in order."""
        return tuple(f.code for f in self.findings)

    def coverage_by_level(self) -> dict[tuple[str, str | None], bool]:
        """Per (instrument, level): whether every domain at that level is covered."""
        out: dict[tuple[str, str | None], bool] = {}
        for c in self.coverage:
            key = (c.instrument, c.level)
            out[key] = out.get(key, True) and c.covered
        return out


def check_model(
    model: TherapeuticModel, *, clinical_roles: Collection[str] = DEFAULT_CLINICAL_ROLES
) -> ModelCheck:
    """Check that a model has all four elements in place, and say why each gap matters.

    Args:
        model: the model.
        clinical_roles: roles that count as clinical when reading the review's required roles
            (any role containing ``"clinical"`` counts as well).

    Returns:
        A :class:`ModelCheck`; ``check.passed`` is true when no element has a gap.

    >>> check = check_model(TherapeuticModel(name="nothing"))
    >>> check.passed, check.failing_elements
    (False, (1, 2, 3, 4))
    """
    coverage = _coverage(model)
    findings = [
        *_assessment_findings(model),
        *_response_findings(model, coverage),
        *_review_findings(model, clinical_roles),
        *_team_findings(model),
    ]
    anti = ANTI_PATTERN if _therapy_only(model, findings) else None
    if anti is not None:
        findings.append(
            ModelFinding(
                2,
                "therapy_only",
                "gap",
                "the only response is psychotherapy bought in, with no assessment, response, "
                "review or team elements around it (the therapy-only anti-pattern)",
                "the child receives therapy for an hour a week and returns to a home "
                "environment that is not therapeutic; therapy cannot fit into a provision "
                "with no therapeutic model (seed article)",
                "$.response",
            )
        )
    order = {"gap": 0, "weak": 1}
    findings.sort(key=lambda f: (f.element, order[f.severity]))
    return ModelCheck(model.name, tuple(findings), tuple(coverage), anti)


_WHY_ASSESSMENT = (
    "care is trauma-informed only when carers know the specific impact of developmental trauma "
    "on each child; the article asks for a standard assessment tool always used at the start "
    "of care, beyond the referral and anecdote"
)


def _assessment_findings(model: TherapeuticModel) -> list[ModelFinding]:
    a = model.assessment
    if a is None:
        return [
            ModelFinding(
                1,
                "no_assessment_policy",
                "gap",
                "no assessment policy",
                _WHY_ASSESSMENT,
                "$.assessment",
            )
        ]
    out: list[ModelFinding] = []
    if not a.entry_instruments:
        out.append(
            ModelFinding(
                1,
                "no_standard_tool",
                "gap",
                "no standard assessment tool is used on entry",
                _WHY_ASSESSMENT,
                "$.assessment.entry_instruments",
            )
        )
    for i, inst_id in enumerate(a.entry_instruments):
        inst = model.instrument(inst_id)
        where = f"$.assessment.entry_instruments[{i}]"
        if inst is None:
            out.append(
                ModelFinding(
                    1,
                    "unknown_instrument",
                    "gap",
                    f"the entry instrument {inst_id!r} is not among the model's instruments",
                    _WHY_ASSESSMENT,
                    where,
                )
            )
        elif isinstance(inst, InstrumentSpec) and not _age_normed(inst):
            out.append(
                ModelFinding(
                    1,
                    "no_age_norms",
                    "weak",
                    f"{inst_id!r} has no age norms",
                    "without age norms the assessment cannot show where a child "
                    "functions below what is typical for their age (the brain "
                    "map's question)",
                    where,
                )
            )
    if a.entry_instruments and a.within_days is None:
        out.append(
            ModelFinding(
                1,
                "no_entry_timescale",
                "weak",
                "no timescale for the entry assessment",
                "the assessment is the first stage for every new child; without a "
                "timescale the response starts uninformed",
                "$.assessment.within_days",
            )
        )
    if a.entry_instruments and not a.developmental_history:
        out.append(
            ModelFinding(
                1,
                "no_developmental_history",
                "weak",
                "developmental history is not recorded on entry",
                "the timing of adversity and relational health in early life "
                "shapes which levels are compromised (Hambrick, Brawner & Perry "
                "2019)",
                "$.assessment.developmental_history",
            )
        )
    return out


def _age_normed(inst: InstrumentSpec) -> bool:
    return bool(inst.norms)


_WHY_RESPONSE = (
    "the assessment must become action everyone can follow: the article asks for a standardised "
    "operating procedure to devise responses for each child's presenting needs"
)


def _response_findings(
    model: TherapeuticModel, coverage: Sequence[DomainCoverage]
) -> list[ModelFinding]:
    r = model.response
    if r is None:
        return [
            ModelFinding(
                2,
                "no_response_policy",
                "gap",
                "no catalogue of responses and no rules",
                _WHY_RESPONSE,
                "$.response",
            )
        ]
    out: list[ModelFinding] = []
    if r.rules is None:
        out.append(
            ModelFinding(
                2,
                "no_rules",
                "gap",
                "no rules turn the assessment into suggested responses",
                _WHY_RESPONSE,
                "$.response.rules",
            )
        )
    kinds = _offered_kinds(r)
    if not kinds & IN_HOME_KINDS:
        out.append(
            ModelFinding(
                2,
                "no_in_home_response",
                "gap",
                "no response happens in the child's home (care plan, risk "
                "assessment, boundaries, key working, enrichment or daily "
                "therapeutic caregiving)",
                "therapeutic care must be integrated into the child's lived "
                "environment, not something they leave the home to receive "
                "(seed article)",
                "$.response.catalogue",
            )
        )
    missing_kinds = sorted({"care_plan", "risk_assessment", "therapeutic_caregiving"} - kinds)
    if kinds & IN_HOME_KINDS and missing_kinds:
        out.append(
            ModelFinding(
                2,
                "missing_response_kinds",
                "weak",
                f"no {', '.join(missing_kinds)} among the responses",
                "the TIER menu has a care plan all staff follow, a "
                "trauma-informed risk assessment with personal triggers, and "
                "daily therapeutic caregiving",
                "$.response.catalogue",
            )
        )
    if r.rules is not None:
        for c in coverage:
            if not c.covered:
                level = f" ({c.level})" if c.level else ""
                out.append(
                    ModelFinding(
                        2,
                        "uncovered_domain",
                        "gap",
                        f"no rule gives {c.instrument}:{c.domain}{level} an intervention",
                        "a child assessed as behind in this domain would get no planned response "
                        "for it: the assessment would not become action",
                        "$.response.rules",
                    )
                )
    return out


def _offered_kinds(r: ResponsePolicy) -> set[str]:
    ids = (
        {i for rule in r.rules.rules for i in rule.suggest}
        if r.rules is not None
        else set(r.catalogue.ids())
    )
    return {r.catalogue.get(i).kind for i in ids if i in r.catalogue}


_WHY_REVIEW = (
    "progress must be measured and examined at a monthly therapeutic management meeting that "
    "adjusts the response; elements 2 and 3 run as one cycle for the whole placement"
)


def _is_clinical(role: str, clinical_roles: Collection[str]) -> bool:
    return role in clinical_roles or "clinical" in role


def _review_findings(
    model: TherapeuticModel, clinical_roles: Collection[str]
) -> list[ModelFinding]:
    rv = model.review
    if rv is None:
        return [
            ModelFinding(
                3,
                "no_review_cadence",
                "gap",
                "no review policy: no cadence of review meetings",
                _WHY_REVIEW,
                "$.review",
            )
        ]
    out: list[ModelFinding] = []
    s = rv.schedule
    if s.cadence == "rolling_days" and s.every_days > 31:
        out.append(
            ModelFinding(
                3,
                "review_less_than_monthly",
                "weak",
                f"review meetings every {s.every_days} days",
                "the TIER system reviews each child's tracker monthly",
                "$.review.schedule.every_days",
            )
        )
    if not any(_is_clinical(r, clinical_roles) for r in rv.required_roles):
        out.append(
            ModelFinding(
                3,
                "no_clinical_role",
                "gap",
                "no clinical role is required at the review meeting",
                "the TIER meeting is between the child's clinical assessor and "
                "the registered manager: without a clinician the meeting cannot "
                "read the assessment or the child's progress in therapy",
                "$.review.required_roles",
            )
        )
    if "registered_manager" not in rv.required_roles:
        out.append(
            ModelFinding(
                3,
                "no_manager_role",
                "weak",
                "the registered manager is not required at the review meeting",
                "the meeting adjusts the response the home carries out; the "
                "registered manager leads the home (reg 13(2): leaders use "
                "monitoring and review systems)",
                "$.review.required_roles",
            )
        )
    out += _measure_findings(model, rv)
    return out


def _measure_findings(model: TherapeuticModel, rv: ReviewPolicy) -> list[ModelFinding]:
    measures = model.progress_measures()
    if not measures:
        return [
            ModelFinding(
                3,
                "no_progress_measure",
                "gap",
                "no instrument is repeated to measure progress",
                "there has to be some metric by which progress towards recovery "
                "can be measured (seed article)",
                "$.review.schedule",
            )
        ]
    out: list[ModelFinding] = []
    for inst_id in measures:
        inst = model.instrument(inst_id)
        domains = _domain_ids(inst) if inst is not None else ()
        psy = rv.psychometrics.get(inst_id)
        known = set(psy.score_ids) if psy is not None else set()
        lacking = [d for d in domains if d not in known]
        where = f"$.review.psychometrics.{inst_id}"
        why = (
            "reliable change (Jacobson & Truax 1991) needs each score's SD and reliability: "
            "without them a change cannot be told from measurement error"
        )
        if psy is None or (domains and len(lacking) == len(domains)):
            out.append(
                ModelFinding(
                    3,
                    "no_reliability",
                    "gap",
                    f"no SD and reliability for {inst_id!r}: progress on it "
                    "cannot be tested for reliable change",
                    why,
                    where,
                )
            )
        elif lacking:
            out.append(
                ModelFinding(
                    3,
                    "partial_reliability",
                    "weak",
                    f"no SD and reliability for {', '.join(lacking)} of {inst_id!r}",
                    why,
                    where,
                )
            )
    a = model.assessment
    if a is not None and a.reassessment_months not in (None, rv.schedule.reassessment_months):
        out.append(
            ModelFinding(
                3,
                "reassessment_mismatch",
                "weak",
                f"the assessment policy repeats the entry instrument every "
                f"{a.reassessment_months} months, the review schedule every "
                f"{rv.schedule.reassessment_months}",
                "one interval avoids reassessments falling due twice",
                "$.review.schedule.reassessment_months",
            )
        )
    return out


def _domain_ids(inst: Instrument) -> tuple[str, ...]:
    if isinstance(inst, InstrumentSpec):
        return tuple(d.id for d in inst.domains)
    return tuple(inst.score_ids)


_WHY_TEAM = (
    "carers can only offer regulation they have: the article's caring-for-carers model gives "
    "them frequent clinical supervision, as other caring professions require"
)


def _team_findings(model: TherapeuticModel) -> list[ModelFinding]:
    t = model.team
    if t is None:
        return [
            ModelFinding(
                4, "no_team_policy", "gap", "no team regulation policy", _WHY_TEAM, "$.team"
            )
        ]
    out: list[ModelFinding] = []
    cs = t.clinical_supervision
    if not cs.required:
        out.append(
            ModelFinding(
                4,
                "no_clinical_supervision",
                "gap",
                "no clinical supervision for carers",
                _WHY_TEAM,
                "$.team.clinical_supervision",
            )
        )
    elif _longer_than_a_month(cs.every.count, cs.every.unit):
        out.append(
            ModelFinding(
                4,
                "clinical_supervision_infrequent",
                "weak",
                f"clinical supervision every {cs.every.describe()}",
                "the article asks for frequent clinical supervision; monthly is the sector norm",
                "$.team.clinical_supervision.every",
            )
        )
    if not t.practice_supervision.required:
        out.append(
            ModelFinding(
                4,
                "no_practice_supervision",
                "weak",
                "no practice supervision line",
                "every employee receives practice-related supervision "
                "(Children's Homes (England) Regulations 2015, reg 33(4)(b))",
                "$.team.practice_supervision",
            )
        )
    if not t.wellbeing.required:
        out.append(
            ModelFinding(
                4,
                "no_wellbeing_measure",
                "weak",
                "no wellbeing measure for staff",
                "burnout and secondary traumatic stress go unseen without a "
                "measure (ProQOL 5, Stamm 2010)",
                "$.team.wellbeing",
            )
        )
    if not t.restraint.required:
        out.append(
            ModelFinding(
                4,
                "no_restraint_timers",
                "weak",
                "no support timed after a restraint",
                "after a restraint the record, the conversation with staff and "
                "with the child are timed by reg 35(3)",
                "$.team.restraint",
            )
        )
    return out


def _longer_than_a_month(count: int, unit: str) -> bool:
    days = {"days": 1, "weeks": 7, "months": 31}[unit] * count
    return days > 31


def _therapy_only(model: TherapeuticModel, findings: Sequence[ModelFinding]) -> bool:
    """Psychotherapy offered with no in-home response, or with no assessment, review or team."""
    if model.response is None:
        return False
    kinds = _offered_kinds(model.response)
    if "psychotherapy" not in kinds:
        return False
    failing = {f.element for f in findings if f.severity == "gap"}
    return not (kinds & IN_HOME_KINDS) or {1, 3, 4} <= failing


def _coverage(model: TherapeuticModel) -> list[DomainCoverage]:
    if model.assessment is None or model.response is None:
        return []
    rules = model.response.rules
    catalogue = model.response.catalogue
    out: list[DomainCoverage] = []
    for inst_id in model.assessment.entry_instruments:
        inst = model.instrument(inst_id)
        if not isinstance(inst, InstrumentSpec):
            continue
        levels = {lv.id: lv for lv in inst.levels}
        for d in inst.domains:
            reads = _reads_domain(inst, d.id)
            fired = [
                rule
                for rule in (rules.rules if rules is not None else ())
                if any(reads(leaf) for leaf in leaves(rule.when))
            ]
            level = levels.get(d.level) if d.level else None
            out.append(
                DomainCoverage(
                    instrument=inst_id,
                    domain=d.id,
                    level=d.level,
                    stage=level.stage if level is not None else None,
                    rules=tuple(r.id for r in fired),
                    interventions=tuple(dict.fromkeys(i for r in fired for i in r.suggest)),
                    serving=tuple(iv.id for iv in catalogue if iv.serves(inst_id, d.id)),
                )
            )
    return out


def _reads_domain(inst: InstrumentSpec, domain_id: str) -> Callable[[object], bool]:
    domain = next(d for d in inst.domains if d.id == domain_id)
    names = {domain_id, *domain.items}
    names |= {dv.id for dv in inst.derived if domain_id in dv.components}

    def reads(leaf: object) -> bool:
        if isinstance(leaf, (BandRank, DomainGap, DomainRatio, DomainValue)):
            return leaf.instrument == inst.id and leaf.domain in names
        if isinstance(leaf, LevelCompromised):
            return leaf.instrument == inst.id and leaf.level == domain.level
        return False

    return reads


# -- the home-level evidence summary ---------------------------------------------------------


@attrs.frozen
class Share:
    """A count of how many of how many, e.g. children assessed in time.

    Attributes:
        met: how many met the line.
        of: how many it applied to.
    """

    met: int
    of: int

    @property
    def rate(self) -> float | None:
        """``met / of``; ``None`` when nothing applied."""
        return None if self.of == 0 else self.met / self.of


@attrs.frozen
class DomainImprovement:
    """Children's reliable change in one domain, entry to latest (Jacobson & Truax 1991).

    Attributes:
        instrument: the progress measure.
        domain: the domain id.
        measured: children with at least two assessments and a reliable change index.
        improved: of those, reliably improved.
        unchanged: of those, no reliable change.
        worse: of those, reliably worse.
    """

    instrument: str
    domain: str
    measured: int
    improved: int
    unchanged: int
    worse: int

    @property
    def improved_share(self) -> Share:
        """Reliably improved out of those measured."""
        return Share(self.improved, self.measured)


@attrs.frozen
class HomeEvidence:
    """The figures for a home over a period that a regulation 45 review and an inspector ask for.

    Data, not a document: the report package renders it.

    Attributes:
        model: the model's name.
        home_id: the home.
        period: the first and last day covered.
        assessed_in_time: children arriving in the period assessed on entry within the
            policy's days of arrival.
        not_assessed_in_time: the ids of children who were not.
        meetings_on_time: monthly meetings due in the period that were held by their due date.
        meetings_with_roles: meetings held in the period with every role the model requires.
        improvement: per progress-measure domain, children reliably improved, unchanged, worse.
        supervision: per team cadence line, staff-months compliant over the period.
        reg35: per regulation 35 timer, timers met over the period.
        team_status: the team regulation status at the end of the period.
    """

    model: str
    home_id: str
    period: tuple[date, date]
    assessed_in_time: Share
    not_assessed_in_time: tuple[str, ...]
    meetings_on_time: Share
    meetings_with_roles: Share
    improvement: tuple[DomainImprovement, ...]
    supervision: Mapping[str, Share]
    reg35: Mapping[str, Share]
    team_status: str | None


def summarise_home(
    model: TherapeuticModel,
    trackers: Iterable[Tracker],
    *,
    period: tuple[date, date],
    team: TeamRecords | TeamReport | None = None,
    home_id: str | None = None,
) -> HomeEvidence:
    """The home-level evidence for a period: assessment, meetings, progress and team figures.

    Args:
        model: the home's model (its entry instruments, days of arrival, required roles,
            progress measures and team policy are what the figures are measured against).
        trackers: every child's tracker (children who arrived before the period count for
            meetings and progress; only those arriving in it count for entry assessment).
        period: the first and last day covered.
        team: the home's team records (checked with the model's team policy as at the period's
            last day) or a team report already made for the period.
        home_id: the home's id (default: the team records' id, else ``"home"``).

    Returns:
        The :class:`HomeEvidence`.

    Raises:
        InvalidValue: if the period ends before it starts.
    """
    start, end = period
    if end < start:
        msg = "the period must not end before it starts"
        raise InvalidValue(msg)
    trackers = list(trackers)
    assessed, late = _entry_assessments(model, trackers, start, end)
    on_time, with_roles = _meetings(model, trackers, start, end)
    report = _team_report(model, team, start, end)
    return HomeEvidence(
        model=model.name,
        home_id=home_id or (report.home_id if report is not None else "home"),
        period=(start, end),
        assessed_in_time=assessed,
        not_assessed_in_time=late,
        meetings_on_time=on_time,
        meetings_with_roles=with_roles,
        improvement=_improvement(model, trackers, end),
        supervision=_compliance(report, _CADENCE_LINES),
        reg35=_compliance(report, _REG35_LINES),
        team_status=report.status if report is not None else None,
    )


_CADENCE_LINES = (
    "clinical_supervision",
    "practice_supervision",
    "appraisal",
    "wellbeing_check",
    "training",
)
_REG35_LINES = ("reg35_record", "reg35_staff_spoken_to", "reg35_child_spoken_to")


def _entry_assessments(
    model: TherapeuticModel, trackers: Sequence[Tracker], start: date, end: date
) -> tuple[Share, tuple[str, ...]]:
    a = model.assessment
    entry = set(a.entry_instruments) if a is not None else set()
    days = a.within_days if a is not None and a.within_days is not None else None
    arrived = [t for t in trackers if start <= t.opened_on <= end]
    late: list[str] = []
    for t in arrived:
        first = min(
            (r.assessment.on for r in t.assessments if r.assessment.instrument_id in entry),
            default=None,
        )
        in_time = first is not None and (days is None or (first - t.opened_on).days <= days)
        if not in_time:
            late.append(str(t.child.id))
    return Share(len(arrived) - len(late), len(arrived)), tuple(sorted(late))


def _meetings(
    model: TherapeuticModel, trackers: Sequence[Tracker], start: date, end: date
) -> tuple[Share, Share]:
    required = model.review.required_roles if model.review is not None else ()
    due = on_time = held = with_roles = 0
    for t in trackers:
        schedule = t.policy.schedule
        meetings = sorted(m.on for m in t.meetings)
        anchor = next((e.on for e in t.events if isinstance(e, PlanAdopted)), None)
        for m in t.meetings:
            if start <= m.on <= end:
                held += 1
                with_roles += not m.missing_roles(required)
        if anchor is None:
            continue
        stop = t.last_event_on if t.state == "ended" else end
        while True:
            _, due_on = schedule.meeting_window(anchor)
            if due_on > min(end, stop):
                break
            nxt = next((d for d in meetings if d > anchor), None)
            if due_on >= start:
                due += 1
                on_time += nxt is not None and nxt <= due_on
            if nxt is None:
                break
            anchor = nxt
    return Share(on_time, due), Share(with_roles, held)


def _improvement(
    model: TherapeuticModel, trackers: Sequence[Tracker], end: date
) -> tuple[DomainImprovement, ...]:
    out: list[DomainImprovement] = []
    for inst_id in model.progress_measures():
        counts: dict[str, list[int]] = {}
        for t in trackers:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ProgressWarning)
                rows = t.domain_progress(inst_id, on=end)
            for row in rows:
                c = counts.setdefault(row.domain, [0, 0, 0, 0])
                if row.change is None:
                    continue
                c[0] += 1
                c[1] += row.change == "reliably improved"
                c[2] += row.change == "no reliable change"
                c[3] += row.change == "reliably worse"
        inst = model.instrument(inst_id)
        order = _domain_ids(inst) if inst is not None else tuple(counts)
        for d in order:
            if d in counts:
                n, up, same, down = counts[d]
                out.append(DomainImprovement(inst_id, d, n, up, same, down))
    return tuple(out)


def _team_report(
    model: TherapeuticModel, team: TeamRecords | TeamReport | None, start: date, end: date
) -> TeamReport | None:
    if team is None or isinstance(team, TeamReport):
        return team
    return check_team(team, model.team or TeamPolicy(), on=end, period=(start, end))


def _compliance(report: TeamReport | None, lines: Sequence[str]) -> dict[str, Share]:
    if report is None:
        return {}
    c = report.compliance
    out: dict[str, Share] = {}
    for line in lines:
        if line in c.lines:
            i = c.lines.index(line)
            out[line] = Share(sum(c.met[i]), sum(c.in_scope[i]))
    return out
