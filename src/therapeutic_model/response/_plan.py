"""The child's plan as the home works from it: ``IndividualResponse``, versioned.

Every change makes a new version with the date, the author's role and the reason, and adds a
:class:`PlanRevision` to the plan's provenance trail. Nothing is overwritten: the previous
version is still the same (frozen) object, and the Tracker keeps every version it is given.

The plan holds the parts the seed article names for an individual response: goals, planned
interventions, a trauma-informed risk assessment with personal triggers, boundaries agreed with
the child, a key-working schedule, and sourced education and psychotherapy provision.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Literal, get_args

import attrs

from therapeutic_model._paths import OPAQUE_ID, key_step
from therapeutic_model.child import ChildId
from therapeutic_model.exceptions import (
    FieldError,
    InvalidValue,
    TransitionNotAllowed,
    ValidationError,
)

__all__ = [
    "INTERVENTION_STATUSES",
    "STATUS_TRANSITIONS",
    "AttainmentLevels",
    "Boundary",
    "Frequency",
    "Goal",
    "GoalStatus",
    "IndividualResponse",
    "InterventionStatus",
    "KeyWorkingSchedule",
    "PlanRevision",
    "PlannedIntervention",
    "Provision",
    "Risk",
    "RiskAssessment",
    "Trigger",
]

InterventionStatus = Literal["planned", "active", "paused", "stopped", "completed"]
"""Where a planned intervention stands."""

INTERVENTION_STATUSES: tuple[InterventionStatus, ...] = get_args(InterventionStatus)

STATUS_TRANSITIONS: dict[str, frozenset[str]] = {
    "planned": frozenset({"active", "stopped"}),
    "active": frozenset({"paused", "stopped", "completed"}),
    "paused": frozenset({"active", "stopped", "completed"}),
    # a review may start again what was stopped or completed; it is a new decision with a reason
    "stopped": frozenset({"planned", "active"}),
    "completed": frozenset({"planned", "active"}),
}
"""The statuses each status may change to."""

GoalStatus = Literal["active", "met", "withdrawn"]
"""Where a goal stands."""

Per = Literal["day", "week", "fortnight", "month"]
Source = Literal["suggested", "by_hand"]
ProvisionKind = Literal["education", "psychotherapy"]

_TAG = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_ID = OPAQUE_ID

# Fields of a plan that a revision may change; the rest are identity and provenance.
_CONTENT = (
    "goals",
    "interventions",
    "risk_assessment",
    "boundaries",
    "key_working",
    "provision",
)


def _id(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and _ID.match(value)):
        msg = f"{attribute.name} must be 1-64 letters, digits or . _ : - starting with one"
        raise InvalidValue(msg, field=attribute.name)


def _child_id(_: object, attribute: attrs.Attribute[ChildId], value: ChildId) -> None:
    if not (isinstance(value, str) and _ID.match(value)):
        msg = (
            f"{attribute.name} must be an opaque id (1-64 letters, digits or . _ : -), never a name"
        )
        raise InvalidValue(msg, field=attribute.name)


def _tag(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and _TAG.match(value)):
        msg = f"{attribute.name} must be a lower-case tag (letters, digits, _), e.g. 'water'"
        raise InvalidValue(msg, field=attribute.name)


def _text(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and value.strip()):
        msg = f"{attribute.name} must be a non-empty text"
        raise InvalidValue(msg, field=attribute.name)


def _one_to_five(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not (isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 5):
        msg = f"{attribute.name} must be a whole number from 1 to 5"
        raise InvalidValue(msg, field=attribute.name)


def _positive_int(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        msg = f"{attribute.name} must be a whole number of at least 1"
        raise InvalidValue(msg, field=attribute.name)


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Frequency:
    """How often something happens: ``times`` per ``per``.

    Args:
        times: how many sessions in each period (at least 1).
        per: the period: day, week, fortnight or month.

    >>> str(Frequency(3, "week"))
    '3 per week'
    """

    times: int = attrs.field(validator=_positive_int)
    per: Per = attrs.field(validator=attrs.validators.in_(get_args(Per)))

    def per_month(self) -> float:
        """The expected number of sessions in an average month (30.44 days)."""
        days = {"day": 1.0, "week": 7.0, "fortnight": 14.0, "month": 30.4375}[self.per]
        return self.times * 30.4375 / days

    def __str__(self) -> str:
        return f"{self.times} per {self.per}"


@attrs.frozen
class AttainmentLevels:
    """The five goal attainment levels, written out before work starts.

    Goal attainment scaling (Kiresuk & Sherman 1968, Community Mental Health Journal 4:443–453)
    describes, for each goal, what -2 (much less than expected), -1 (somewhat less), 0 (the
    expected outcome), +1 (somewhat more) and +2 (much more than expected) would look like, so
    that a later rating is a comparison with words agreed in advance.
    """

    much_less: str = attrs.field(validator=_text)
    less: str = attrs.field(validator=_text)
    expected: str = attrs.field(validator=_text)
    more: str = attrs.field(validator=_text)
    much_more: str = attrs.field(validator=_text)

    def text(self, level: int) -> str:
        """The description of an attainment level from -2 to +2.

        Raises:
            InvalidValue: if ``level`` is not a whole number from -2 to 2.
        """
        texts = (self.much_less, self.less, self.expected, self.more, self.much_more)
        if not (isinstance(level, int) and -2 <= level <= 2):
            msg = "an attainment level must be a whole number from -2 to 2"
            raise InvalidValue(msg)
        return texts[level + 2]


@attrs.frozen
class Goal:
    """A target on a domain or a milestone, rated on the goal attainment scale (-2..+2).

    Args:
        id: the goal's id within the plan (``"g1"``).
        title: a short statement of the goal.
        levels: what each attainment level from -2 to +2 looks like.
        review_on: when the goal is next reviewed.
        domain: the assessed domain it targets, instrument-qualified
            (``"neurosequential:self_regulation"``) or plain (``"self_regulation"``).
        milestone: a milestone it targets instead of (or as well as) a domain.
        weight: the goal's weight in a goal attainment T-score (Kiresuk & Sherman 1968).
        status: active, met or withdrawn.
    """

    id: str = attrs.field(validator=_id)
    title: str = attrs.field(validator=_text)
    levels: AttainmentLevels
    review_on: date
    domain: str | None = None
    milestone: str | None = None
    weight: float = attrs.field(default=1.0)
    status: GoalStatus = attrs.field(
        default="active", validator=attrs.validators.in_(get_args(GoalStatus))
    )

    @weight.validator
    def _check_weight(self, _: attrs.Attribute[float], value: float) -> None:
        if not value > 0:
            msg = "weight must be above 0"
            raise InvalidValue(msg, field="weight")

    def __attrs_post_init__(self) -> None:
        if self.domain is None and self.milestone is None:
            msg = "a goal must target a domain or a milestone"
            raise InvalidValue(msg)


@attrs.frozen
class PlannedIntervention:
    """An intervention in the plan: which, who, how often, since when, and where it stands.

    Args:
        intervention_id: the catalogue id of the intervention; each appears once per plan.
        responsible_role: the role that delivers it (``"key worker"``, ``"therapist"`` …).
        frequency: how often, if scheduled.
        start: when it starts (or started).
        status: planned, active, paused, stopped or completed.
        status_since: when the status last changed.
        goal_ids: the plan's goals it serves.
        source: ``"suggested"`` (from a rule suggestion) or ``"by_hand"``.
        suggested_by: the ids of the rules that suggested it, if any.
        notes: anything the team agreed about how it is done.
    """

    intervention_id: str = attrs.field(validator=_id)
    responsible_role: str = attrs.field(default="key worker", validator=_text)
    frequency: Frequency | None = None
    start: date | None = None
    status: InterventionStatus = attrs.field(
        default="planned", validator=attrs.validators.in_(INTERVENTION_STATUSES)
    )
    status_since: date | None = None
    goal_ids: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    source: Source = attrs.field(
        default="by_hand", validator=attrs.validators.in_(get_args(Source))
    )
    suggested_by: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    notes: str = ""


@attrs.frozen
class Trigger:
    """A personal trigger: its tag, the early signs of distress, and what helps.

    Args:
        tag: the trigger tag matched against interventions' exposures (``"water"``,
            ``"raised_voices"``).
        early_signs: what carers may notice first.
        what_helps: what the child and team found helps.
        description: a short note in the team's words (no identifying detail).
    """

    tag: str = attrs.field(validator=_tag)
    early_signs: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    what_helps: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    description: str = ""


@attrs.frozen
class Risk:
    """A risk with its likelihood, severity (each 1–5) and mitigations.

    Args:
        id: the risk's id within the plan.
        description: what might happen.
        likelihood: 1 (rare) to 5 (almost certain).
        severity: 1 (minor) to 5 (severe).
        mitigations: what the team does to lower it.
        trigger_tags: the child's triggers linked to the risk.
    """

    id: str = attrs.field(validator=_id)
    description: str = attrs.field(validator=_text)
    likelihood: int = attrs.field(validator=_one_to_five)
    severity: int = attrs.field(validator=_one_to_five)
    mitigations: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    trigger_tags: tuple[str, ...] = attrs.field(default=(), converter=_strs)

    @property
    def rating(self) -> int:
        """Likelihood × severity, 1–25, as in a common 5 × 5 risk matrix."""
        return self.likelihood * self.severity


def _triggers(value: Iterable[Trigger]) -> tuple[Trigger, ...]:
    return tuple(value)


def _risks(value: Iterable[Risk]) -> tuple[Risk, ...]:
    return tuple(value)


@attrs.frozen
class RiskAssessment:
    """A trauma-informed risk assessment: personal triggers first, then risks.

    Args:
        triggers: the child's personal triggers, each with early signs and what helps.
        risks: risks with likelihood, severity and mitigations.
        reviewed_on: when it was last reviewed.
    """

    triggers: tuple[Trigger, ...] = attrs.field(default=(), converter=_triggers)
    risks: tuple[Risk, ...] = attrs.field(default=(), converter=_risks)
    reviewed_on: date | None = None

    @property
    def trigger_tags(self) -> tuple[str, ...]:
        """The tags of the child's triggers, for ``RuleSet.suggest(triggers=...)``."""
        return tuple(t.tag for t in self.triggers)


@attrs.frozen
class Boundary:
    """A boundary agreed with the child.

    Args:
        id: the boundary's id within the plan.
        description: the boundary in the words agreed.
        agreed_with_child: whether the child took part in agreeing it.
        agreed_on: when it was agreed.
    """

    id: str = attrs.field(validator=_id)
    description: str = attrs.field(validator=_text)
    agreed_with_child: bool = True
    agreed_on: date | None = None


@attrs.frozen
class KeyWorkingSchedule:
    """The key-working arrangement: who, how often, how long, and the focus.

    Args:
        key_worker_role: the role of the key worker (never a name).
        frequency: how often sessions happen.
        session_minutes: the usual length of a session.
        focus: catalogue ids of interventions delivered in key-working time.
        next_on: the date of the next session, if booked.
    """

    key_worker_role: str = attrs.field(validator=_text)
    frequency: Frequency
    session_minutes: int | None = None
    focus: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    next_on: date | None = None


@attrs.frozen
class Provision:
    """Sourced education or psychotherapy provision.

    Args:
        id: the provision's id within the plan.
        kind: ``"education"`` or ``"psychotherapy"``.
        provider: who provides it (an organisation or role).
        type: what it is (``"dyadic developmental psychotherapy"``, ``"tutoring"`` …).
        frequency: how often.
        informed_by: what assessment informed it (instrument ids or domain references,
            e.g. ``"neurosequential:cognitive"``).
        intervention_id: the catalogue intervention it delivers, if any.
        start: when it starts.
    """

    id: str = attrs.field(validator=_id)
    kind: ProvisionKind = attrs.field(validator=attrs.validators.in_(get_args(ProvisionKind)))
    provider: str = attrs.field(validator=_text)
    type: str = attrs.field(validator=_text)
    frequency: Frequency | None = None
    informed_by: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    intervention_id: str | None = None
    start: date | None = None


@attrs.frozen
class PlanRevision:
    """One entry of a plan's provenance: which version, when, by whom (role), why, what changed.

    Args:
        version: the version this revision made.
        on: the date of the change.
        author_role: the role of the person who made it (never a name).
        reason: why.
        changes: a short line per change (``"interventions: 'swimming' paused"``).
    """

    version: int
    on: date
    author_role: str
    reason: str
    changes: tuple[str, ...] = attrs.field(default=(), converter=_strs)


def _goals(value: Iterable[Goal]) -> tuple[Goal, ...]:
    return tuple(value)


def _planned(value: Iterable[PlannedIntervention]) -> tuple[PlannedIntervention, ...]:
    return tuple(value)


def _boundaries(value: Iterable[Boundary]) -> tuple[Boundary, ...]:
    return tuple(value)


def _provisions(value: Iterable[Provision]) -> tuple[Provision, ...]:
    return tuple(value)


def _revisions(value: Iterable[PlanRevision]) -> tuple[PlanRevision, ...]:
    return tuple(value)


@attrs.frozen
class IndividualResponse:
    """The child's plan: goals, interventions, risk assessment, boundaries, key working, provision.

    Versioned: every change goes through :meth:`revise` (or a named change such as
    :meth:`set_intervention_status`), which returns a new plan with ``version + 1`` and one more
    :class:`PlanRevision` in :attr:`history`. The plan checks that it refers to goals that exist
    when built, and to catalogue ids that exist with :meth:`check`.

    Args:
        child_id: the child's opaque id.
        version: 1 for the first plan, then one more per revision.
        on: the date of this version.
        author_role: the role of the author of this version.
        reason: why this version was made.
        goals: the goals.
        interventions: the planned interventions (each catalogue id once).
        risk_assessment: the trauma-informed risk assessment.
        boundaries: boundaries agreed with the child.
        key_working: the key-working schedule, if set.
        provision: education and psychotherapy provision.
        history: the provenance of every version up to this one, oldest first.

    Raises:
        ValidationError: naming the path of every reference to a goal that does not exist,
            every duplicate id, and any inconsistency between version and history.
    """

    child_id: ChildId = attrs.field(converter=ChildId, validator=_child_id)
    version: int
    on: date
    author_role: str = attrs.field(validator=_text)
    reason: str = attrs.field(validator=_text)
    goals: tuple[Goal, ...] = attrs.field(default=(), converter=_goals)
    interventions: tuple[PlannedIntervention, ...] = attrs.field(default=(), converter=_planned)
    risk_assessment: RiskAssessment = attrs.field(factory=RiskAssessment)
    boundaries: tuple[Boundary, ...] = attrs.field(default=(), converter=_boundaries)
    key_working: KeyWorkingSchedule | None = None
    provision: tuple[Provision, ...] = attrs.field(default=(), converter=_provisions)
    history: tuple[PlanRevision, ...] = attrs.field(default=(), converter=_revisions)

    def __attrs_post_init__(self) -> None:
        problems = _structure_problems(self)
        if problems:
            raise ValidationError(problems, what="IndividualResponse")

    @classmethod
    def create(
        cls,
        child_id: str,
        *,
        on: date,
        author_role: str,
        reason: str = "first plan",
        goals: Sequence[Goal] = (),
        interventions: Sequence[PlannedIntervention] = (),
        risk_assessment: RiskAssessment | None = None,
        boundaries: Sequence[Boundary] = (),
        key_working: KeyWorkingSchedule | None = None,
        provision: Sequence[Provision] = (),
    ) -> IndividualResponse:
        """The first version of a child's plan.

        >>> plan = IndividualResponse.create("c-001", on=date(2024, 3, 1), author_role="manager")
        >>> plan.version, plan.history[0].reason
        (1, 'first plan')
        """
        return cls(
            child_id=ChildId(child_id),
            version=1,
            on=on,
            author_role=author_role,
            reason=reason,
            goals=tuple(goals),
            interventions=tuple(interventions),
            risk_assessment=risk_assessment or RiskAssessment(),
            boundaries=tuple(boundaries),
            key_working=key_working,
            provision=tuple(provision),
            history=(PlanRevision(1, on, author_role, reason, ("created",)),),
        )

    # -- reading -------------------------------------------------------------------------------

    def intervention(self, intervention_id: str) -> PlannedIntervention:
        """The planned intervention with a catalogue id.

        Raises:
            KeyError: if the plan has no such intervention.
        """
        for pi in self.interventions:
            if pi.intervention_id == intervention_id:
                return pi
        raise KeyError(intervention_id)

    def goal(self, goal_id: str) -> Goal:
        """The goal with an id.

        Raises:
            KeyError: if the plan has no such goal.
        """
        for g in self.goals:
            if g.id == goal_id:
                return g
        raise KeyError(goal_id)

    def active_interventions(self) -> tuple[PlannedIntervention, ...]:
        """The interventions whose status is ``active``."""
        return tuple(pi for pi in self.interventions if pi.status == "active")

    @property
    def trigger_tags(self) -> tuple[str, ...]:
        """The child's trigger tags from the risk assessment."""
        return self.risk_assessment.trigger_tags

    def problems(self, catalogue: Container[str] | None = None) -> tuple[FieldError, ...]:
        """Every broken reference, with its path; catalogue ids are checked when given.

        Args:
            catalogue: a :class:`Catalogue` (or any container of intervention ids).
        """
        out = list(_structure_problems(self))
        if catalogue is not None:
            out += _catalogue_problems(self, catalogue)
        return tuple(out)

    def check(self, catalogue: Container[str]) -> IndividualResponse:
        """Check that every intervention id the plan uses is in the catalogue.

        Returns:
            The plan itself, so calls can be chained.

        Raises:
            ValidationError: naming the path of every unknown id
                (``$.interventions[2].intervention_id``).
        """
        problems = self.problems(catalogue)
        if problems:
            raise ValidationError(problems, what="IndividualResponse")
        return self

    def describe(self) -> str:
        """The plan as readable text: version and provenance, then each part.

        >>> plan = IndividualResponse.create("c-001", on=date(2024, 3, 1), author_role="manager")
        >>> print(plan.describe().splitlines()[0])
        Plan for c-001, version 1 of 2024-03-01 (manager: first plan)
        """
        lines = [
            f"Plan for {self.child_id}, version {self.version} of {self.on.isoformat()} "
            f"({self.author_role}: {self.reason})"
        ]
        lines += [
            f"  goal {g.id} [{g.status}]: {g.title} (review {g.review_on})" for g in self.goals
        ]
        for pi in self.interventions:
            how = f", {pi.frequency}" if pi.frequency else ""
            start = f", from {pi.start}" if pi.start else ""
            notes = f" — {pi.notes}" if pi.notes else ""
            lines.append(
                f"  {pi.intervention_id} [{pi.status}] {pi.responsible_role}{how}{start}{notes}"
            )
        for t in self.risk_assessment.triggers:
            lines.append(
                f"  trigger {t.tag}: signs {list(t.early_signs)}, helps {list(t.what_helps)}"
            )
        lines += [
            f"  risk {r.id} (rating {r.rating}): {r.description}"
            for r in self.risk_assessment.risks
        ]
        lines += [f"  boundary {b.id}: {b.description}" for b in self.boundaries]
        if self.key_working is not None:
            kw = self.key_working
            lines.append(
                f"  key working: {kw.key_worker_role}, {kw.frequency}, focus {list(kw.focus)}"
            )
        lines += [
            f"  {p.kind} {p.id}: {p.type} by {p.provider}, informed by {list(p.informed_by)}"
            for p in self.provision
        ]
        lines += [
            f"  v{r.version} {r.on} {r.author_role}: {r.reason} — {'; '.join(r.changes)}"
            for r in self.history
        ]
        return "\n".join(lines)

    # -- changing ------------------------------------------------------------------------------

    def revise(
        self, *, on: date, author_role: str, reason: str, **changes: Any
    ) -> IndividualResponse:
        """A new version with some parts replaced; this version is kept unchanged.

        Args:
            on: the date of the change (not before this version's date).
            author_role: the role of the person making it.
            reason: why.
            **changes: new values for goals, interventions, risk_assessment, boundaries,
                key_working or provision.

        Returns:
            The plan with ``version + 1`` and the revision added to :attr:`history`.

        Raises:
            ValidationError: naming every change that is not one of those fields or not of
                its type (``$.boundaries[0]: must be a Boundary``), or a date that is not a
                date (``$.on``); or if the new plan refers to goals that do not exist.
            InvalidValue: for a date before this version.

        >>> plan = IndividualResponse.create("c-001", on=date(2024, 3, 1), author_role="manager")
        >>> v2 = plan.revise(on=date(2024, 4, 2), author_role="manager", reason="review",
        ...                  boundaries=[Boundary("b1", "phone off at ten")])
        >>> v2.version, v2.history[-1].changes, plan.version
        (2, ('boundaries',), 1)
        """
        changes, problems = _revision(changes)
        given: object = on  # typed a date, but a caller's value is checked, not trusted
        if not isinstance(given, date):
            problems.insert(0, FieldError("$.on", "must be a date"))
        if problems:
            raise ValidationError(problems, what="plan revision")
        summary = tuple(name for name in _CONTENT if name in changes)
        return self._next(on, author_role, reason, summary or ("no change",), changes)

    def set_intervention_status(
        self,
        intervention_id: str,
        status: InterventionStatus,
        *,
        on: date,
        author_role: str,
        reason: str,
    ) -> IndividualResponse:
        """A new version with one intervention's status changed.

        Raises:
            KeyError: if the plan has no such intervention.
            TransitionNotAllowed: if the status cannot change that way (e.g. planned → paused).
        """
        current = self.intervention(intervention_id)
        allowed = STATUS_TRANSITIONS[current.status]
        if status not in allowed:
            raise TransitionNotAllowed(f"set status to {status}", current.status, allowed)
        updated = attrs.evolve(current, status=status, status_since=on)
        if status == "active" and current.start is None:
            updated = attrs.evolve(updated, start=on)
        interventions = tuple(
            updated if pi.intervention_id == intervention_id else pi for pi in self.interventions
        )
        line = f"interventions: {intervention_id!r} {current.status} → {status}"
        return self._next(on, author_role, reason, (line,), {"interventions": interventions})

    def add_intervention(
        self,
        intervention: PlannedIntervention | str,
        *,
        on: date,
        author_role: str,
        reason: str,
    ) -> IndividualResponse:
        """A new version with an intervention added (by catalogue id, or fully described).

        Raises:
            ValidationError: if the intervention is already in the plan, or serves a goal
                the plan does not have.
        """
        if isinstance(intervention, str):
            intervention = PlannedIntervention(intervention)
        if intervention.status_since is None:
            intervention = attrs.evolve(intervention, status_since=on)
        line = f"interventions: {intervention.intervention_id!r} added ({intervention.status})"
        interventions = (*self.interventions, intervention)
        return self._next(on, author_role, reason, (line,), {"interventions": interventions})

    def add_goal(
        self, goal: Goal, *, on: date, author_role: str, reason: str
    ) -> IndividualResponse:
        """A new version with a goal added."""
        line = f"goals: {goal.id!r} added"
        return self._next(on, author_role, reason, (line,), {"goals": (*self.goals, goal)})

    def set_goal_status(
        self, goal_id: str, status: GoalStatus, *, on: date, author_role: str, reason: str
    ) -> IndividualResponse:
        """A new version with a goal marked active, met or withdrawn.

        Raises:
            KeyError: if the plan has no such goal.
        """
        current = self.goal(goal_id)
        goals = tuple(attrs.evolve(g, status=status) if g.id == goal_id else g for g in self.goals)
        line = f"goals: {goal_id!r} {current.status} → {status}"
        return self._next(on, author_role, reason, (line,), {"goals": goals})

    def _next(
        self,
        on: date,
        author_role: str,
        reason: str,
        summary: tuple[str, ...],
        changes: dict[str, Any],
    ) -> IndividualResponse:
        if on < self.on:
            msg = "a revision must not be dated before the version it revises"
            raise InvalidValue(msg)
        version = self.version + 1
        revision = PlanRevision(version, on, author_role, reason, summary)
        return attrs.evolve(
            self,
            version=version,
            on=on,
            author_role=author_role,
            reason=reason,
            history=(*self.history, revision),
            **changes,
        )


def _duplicates(path: str, ids: Sequence[str], what: str) -> list[FieldError]:
    seen: set[str] = set()
    out = []
    for i, x in enumerate(ids):
        if x in seen:
            out.append(FieldError(f"{path}[{i}]", f"{what} is used twice in the plan"))
        seen.add(x)
    return out


def _revision(changes: Mapping[str, Any]) -> tuple[dict[str, Any], list[FieldError]]:
    """The changes a revision asks for, lists made tuples, and every problem with them."""
    record: dict[str, type] = {"risk_assessment": RiskAssessment}
    listed: dict[str, type] = {
        "goals": Goal,
        "interventions": PlannedIntervention,
        "boundaries": Boundary,
        "provision": Provision,
    }
    out: dict[str, Any] = {}
    problems: list[FieldError] = []
    for position, (name, given) in enumerate(changes.items()):
        path, value = "$" + key_step(name, position), given
        if name == "key_working":
            if value is not None and not isinstance(value, KeyWorkingSchedule):
                problems.append(FieldError(path, "must be a KeyWorkingSchedule or None"))
        elif name in record:
            if not isinstance(value, record[name]):
                problems.append(FieldError(path, f"must be a {record[name].__name__}"))
        elif name in listed:
            value, wrong = _listed(value, listed[name], path)
            problems += wrong
        else:
            msg = f"cannot be revised; only {', '.join(_CONTENT)} can"
            problems.append(FieldError(path, msg))
        out[name] = value
    return out, problems


def _listed(value: object, kind: type, path: str) -> tuple[object, list[FieldError]]:
    """``value`` as a tuple of ``kind``, and a problem for it or for each wrong item."""
    if isinstance(value, str | bytes | Mapping) or not isinstance(value, Iterable):
        return value, [FieldError(path, f"must be a list of {kind.__name__}")]
    items = tuple(value)
    wrong = [
        FieldError(f"{path}[{i}]", f"must be a {kind.__name__}")
        for i, item in enumerate(items)
        if not isinstance(item, kind)
    ]
    return items, wrong


def _structure_problems(plan: IndividualResponse) -> list[FieldError]:
    out: list[FieldError] = []
    goal_ids = {g.id for g in plan.goals}
    out += _duplicates("$.goals", [g.id for g in plan.goals], "goal id")
    out += _duplicates(
        "$.interventions", [pi.intervention_id for pi in plan.interventions], "intervention id"
    )
    out += _duplicates("$.boundaries", [b.id for b in plan.boundaries], "boundary id")
    out += _duplicates("$.provision", [p.id for p in plan.provision], "provision id")
    out += _duplicates(
        "$.risk_assessment.risks", [r.id for r in plan.risk_assessment.risks], "risk id"
    )
    for i, pi in enumerate(plan.interventions):
        out += [
            FieldError(f"$.interventions[{i}].goal_ids[{j}]", "names no goal of this plan")
            for j, g in enumerate(pi.goal_ids)
            if g not in goal_ids
        ]
    tags = set(plan.risk_assessment.trigger_tags)
    for i, r in enumerate(plan.risk_assessment.risks):
        out += [
            FieldError(
                f"$.risk_assessment.risks[{i}].trigger_tags[{j}]",
                "names no trigger of this risk assessment",
            )
            for j, t in enumerate(r.trigger_tags)
            if t not in tags
        ]
    out += _history_problems(plan)
    return out


def _history_problems(plan: IndividualResponse) -> list[FieldError]:
    if not isinstance(plan.version, int) or plan.version < 1:
        return [FieldError("$.version", "must be a whole number of at least 1")]
    if len(plan.history) != plan.version:
        return [FieldError("$.history", "must hold one revision per version")]
    out = [
        FieldError(f"$.history[{i}].version", "revisions must be numbered 1, 2, 3 … in order")
        for i, rev in enumerate(plan.history)
        if rev.version != i + 1
    ]
    out += [
        FieldError(f"$.history[{i}].on", "revisions must not go back in time")
        for i in range(1, len(plan.history))
        if plan.history[i].on < plan.history[i - 1].on
    ]
    if plan.history and plan.history[-1].on != plan.on:
        out.append(FieldError("$.on", "must be the date of the last revision"))
    return out


def _catalogue_problems(plan: IndividualResponse, catalogue: Container[str]) -> list[FieldError]:
    unknown = "names no intervention in the catalogue"
    out = [
        FieldError(f"$.interventions[{i}].intervention_id", unknown)
        for i, pi in enumerate(plan.interventions)
        if pi.intervention_id not in catalogue
    ]
    if plan.key_working is not None:
        out += [
            FieldError(f"$.key_working.focus[{j}]", unknown)
            for j, f in enumerate(plan.key_working.focus)
            if f not in catalogue
        ]
    out += [
        FieldError(f"$.provision[{i}].intervention_id", unknown)
        for i, p in enumerate(plan.provision)
        if p.intervention_id is not None and p.intervention_id not in catalogue
    ]
    return out
