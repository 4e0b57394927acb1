"""The monthly therapeutic management meeting: attendees, evidence, decisions, the child's view.

In the seed article's TIER system the child's clinical assessor and the home's registered
manager meet every month over the child's tracker, to see progress towards unmet milestones and
in psychotherapy, and to decide what to prioritise for the coming month. The library records the
meeting; the people at it decide.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Collection, Iterable, Mapping
from datetime import date
from typing import Literal, get_args

import attrs

from therapeutic_model._paths import OPAQUE_ID
from therapeutic_model.exceptions import FieldError, InvalidValue
from therapeutic_model.response import Frequency, InterventionStatus

__all__ = [
    "DEFAULT_REQUIRED_ROLES",
    "AssessmentRef",
    "Attendee",
    "ChildView",
    "Decision",
    "DecisionKind",
    "DomainProgress",
    "MeetingEvidence",
    "ReviewMeeting",
]

DEFAULT_REQUIRED_ROLES: tuple[str, ...] = ("clinical_assessor", "registered_manager")
"""The roles the TIER system's monthly meeting needs (the seed article): the child's clinical
assessor and the home's registered manager."""

_ROLE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_ID = OPAQUE_ID

ChildTookPart = Literal[
    "attended", "key_work_session", "in_writing", "through_advocate", "declined"
]
"""How the child's view reached the meeting."""


def _role(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and _ROLE.match(value)):
        msg = f"{attribute.name} must be a lower-case role tag, e.g. 'registered_manager'"
        raise InvalidValue(msg)


def _optional_id(_: object, attribute: attrs.Attribute[str | None], value: str | None) -> None:
    if value is not None and not (isinstance(value, str) and _ID.match(value)):
        msg = f"{attribute.name} must be 1-64 letters, digits or . _ : - starting with one"
        raise InvalidValue(msg)


def _text(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and value.strip()):
        msg = f"{attribute.name} must be a non-empty text"
        raise InvalidValue(msg)


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Attendee:
    """Someone at the meeting, by role (and an opaque staff id if the provider keeps one).

    Args:
        role: a lower-case role tag (``"clinical_assessor"``, ``"registered_manager"``,
            ``"key_worker"``, ``"social_worker"``, ``"child"`` …).
        person_id: the provider's opaque id for the person; never a name.
    """

    role: str = attrs.field(validator=_role)
    person_id: str | None = attrs.field(default=None, validator=_optional_id)


@attrs.frozen
class ChildView:
    """The child's view, recorded in their own words.

    The seed article notes that a child may raise a suggestion of their own in a key-working
    session; the meeting records it beside the adults' evidence.

    Args:
        wishes: what the child wants, in their words.
        suggestion: anything the child proposed to try, in their words.
        took_part: how the view reached the meeting (see :data:`ChildTookPart`).
        own_words: whether the text is the child's own words (False when summarised).
    """

    wishes: str = ""
    suggestion: str = ""
    took_part: ChildTookPart = attrs.field(
        default="key_work_session", validator=attrs.validators.in_(get_args(ChildTookPart))
    )
    own_words: bool = True


@attrs.frozen
class AssessmentRef:
    """Which recorded assessment a meeting saw: the instrument and the date it was completed."""

    instrument_id: str
    on: date


@attrs.frozen
class DomainProgress:
    """Progress in one domain of one instrument, as plain numbers for meeting papers.

    Attributes:
        instrument_id: the instrument.
        domain: the domain or derived score id.
        n_assessments: how many scores are recorded.
        entry: the first recorded score.
        latest: the latest recorded score.
        distance_travelled: ``latest − entry`` (None with fewer than two scores).
        trend_per_month: least-squares slope in score units per month (None with fewer than
            two).
        rci: the reliable change index entry → latest (None without psychometrics or with
            fewer than two scores).
        change: ``"reliably improved"``, ``"no reliable change"`` or ``"reliably worse"``
            (None when the RCI is None).
        latest_band: the band label at the latest assessment, if banded.
        latest_rank: that band's rank (0 = typical), if banded.
        milestone_met: whether the domain reached the typical band (rank 0) having started
            outside it.
        higher_is_better: the direction of the score.
    """

    instrument_id: str
    domain: str
    n_assessments: int
    entry: float | None
    latest: float | None
    distance_travelled: float | None = None
    trend_per_month: float | None = None
    rci: float | None = None
    change: str | None = None
    latest_band: str | None = None
    latest_rank: int | None = None
    milestone_met: bool = False
    higher_is_better: bool = True


def _refs(value: Iterable[AssessmentRef]) -> tuple[AssessmentRef, ...]:
    return tuple(value)


def _progress(value: Iterable[DomainProgress]) -> tuple[DomainProgress, ...]:
    return tuple(value)


@attrs.frozen
class MeetingEvidence:
    """What the meeting saw: latest assessments, progress, goal ratings and team status.

    Build it from a tracker with :meth:`Tracker.evidence
    <therapeutic_model.review.Tracker.evidence>`, or by hand.

    Args:
        assessments: the assessments looked at.
        progress: per-domain progress rows.
        goal_ratings: the latest goal attainment rating (-2..+2) per goal id.
        goal_t_score: the goal attainment T-score over those ratings (Kiresuk & Sherman 1968).
        team_status: a short summary of the team check (element 4), e.g. ``"no findings"``.
        notes: anything else seen (reports, psychotherapy updates), without identifying detail.
    """

    assessments: tuple[AssessmentRef, ...] = attrs.field(default=(), converter=_refs)
    progress: tuple[DomainProgress, ...] = attrs.field(default=(), converter=_progress)
    goal_ratings: Mapping[str, int] = attrs.field(factory=dict)
    goal_t_score: float | None = None
    team_status: str | None = None
    notes: tuple[str, ...] = attrs.field(default=(), converter=_strs)


class DecisionKind(enum.Enum):
    """What a meeting may decide; each decision carries its reason."""

    CONTINUE = "continue"
    ADJUST = "adjust"
    START = "start"
    STOP = "stop"
    GOAL_MET = "goal_met"
    REASSESS = "reassess"
    ESCALATE = "escalate"


_ON_INTERVENTION = frozenset(
    {DecisionKind.CONTINUE, DecisionKind.ADJUST, DecisionKind.START, DecisionKind.STOP}
)
_ADJUSTABLE_STATUSES = ("active", "paused", "completed")


@attrs.frozen
class Decision:
    """One decision of the meeting, with its reason.

    Use the named constructors (:meth:`start`, :meth:`stop`, :meth:`adjust` …). Decisions on an
    intervention name it by catalogue id; ``goal_met`` names a goal of the plan.

    Args:
        kind: what was decided.
        reason: why (required; in the team's words, never shown in error messages).
        intervention_id: the intervention for continue, adjust, start and stop.
        goal_id: the goal for goal_met.
        frequency: for start and adjust, the new frequency.
        status: for adjust, a new status (``"paused"``, ``"active"`` or ``"completed"``).
        responsible_role: for start and adjust, who delivers it.

    Raises:
        InvalidValue: if the reason is empty, or the ids do not fit the kind.

    >>> Decision.stop("swimming", reason="goal met; she swims with friends now").kind.value
    'stop'
    """

    kind: DecisionKind
    reason: str = attrs.field(validator=_text)
    intervention_id: str | None = attrs.field(default=None, validator=_optional_id)
    goal_id: str | None = attrs.field(default=None, validator=_optional_id)
    frequency: Frequency | None = None
    status: InterventionStatus | None = None
    responsible_role: str | None = None

    def __attrs_post_init__(self) -> None:
        on_intervention = self.kind in _ON_INTERVENTION
        if on_intervention != (self.intervention_id is not None):
            msg = "intervention_id is needed for continue, adjust, start and stop, and only there"
            raise InvalidValue(msg)
        if (self.kind is DecisionKind.GOAL_MET) != (self.goal_id is not None):
            msg = "goal_id is needed for goal_met, and only there"
            raise InvalidValue(msg)
        changes = (self.frequency, self.responsible_role)
        if self.kind not in (DecisionKind.START, DecisionKind.ADJUST) and any(
            c is not None for c in changes
        ):
            msg = "frequency and responsible_role may be set only for start and adjust"
            raise InvalidValue(msg)
        if self.status is not None and (
            self.kind is not DecisionKind.ADJUST or self.status not in _ADJUSTABLE_STATUSES
        ):
            msg = "status may be set only for adjust, to paused, active or completed"
            raise InvalidValue(msg)

    @classmethod
    def continue_(cls, intervention_id: str, *, reason: str) -> Decision:
        """Continue an intervention as planned."""
        return cls(DecisionKind.CONTINUE, reason, intervention_id=intervention_id)

    @classmethod
    def adjust(
        cls,
        intervention_id: str,
        *,
        reason: str,
        frequency: Frequency | None = None,
        status: InterventionStatus | None = None,
        responsible_role: str | None = None,
    ) -> Decision:
        """Adjust an intervention: taper or raise its frequency, pause or complete it."""
        return cls(
            DecisionKind.ADJUST,
            reason,
            intervention_id=intervention_id,
            frequency=frequency,
            status=status,
            responsible_role=responsible_role,
        )

    @classmethod
    def start(
        cls,
        intervention_id: str,
        *,
        reason: str,
        frequency: Frequency | None = None,
        responsible_role: str | None = None,
    ) -> Decision:
        """Start an intervention (from the catalogue, or one the plan stopped earlier)."""
        return cls(
            DecisionKind.START,
            reason,
            intervention_id=intervention_id,
            frequency=frequency,
            responsible_role=responsible_role,
        )

    @classmethod
    def stop(cls, intervention_id: str, *, reason: str) -> Decision:
        """Stop an intervention."""
        return cls(DecisionKind.STOP, reason, intervention_id=intervention_id)

    @classmethod
    def goal_met(cls, goal_id: str, *, reason: str) -> Decision:
        """Mark a goal of the plan as met."""
        return cls(DecisionKind.GOAL_MET, reason, goal_id=goal_id)

    @classmethod
    def reassess(cls, *, reason: str) -> Decision:
        """Ask for the child to be reassessed before the scheduled time."""
        return cls(DecisionKind.REASSESS, reason)

    @classmethod
    def escalate(cls, *, reason: str) -> Decision:
        """Escalate (e.g. to a senior clinical review) or re-formulate the response."""
        return cls(DecisionKind.ESCALATE, reason)

    @property
    def changes_plan(self) -> bool:
        """Whether the decision makes a new plan version (adjust, start, stop, goal met)."""
        return self.kind in (
            DecisionKind.ADJUST,
            DecisionKind.START,
            DecisionKind.STOP,
            DecisionKind.GOAL_MET,
        )

    def summary(self) -> str:
        """A one-line account naming ids only (never the free-text reason)."""
        target = self.intervention_id or self.goal_id
        return self.kind.value + (f" {target!r}" if target else "")


def _attendees(value: Iterable[Attendee]) -> tuple[Attendee, ...]:
    return tuple(value)


def _decisions(value: Iterable[Decision]) -> tuple[Decision, ...]:
    return tuple(value)


@attrs.frozen
class ReviewMeeting:
    """The monthly therapeutic management meeting, as held.

    Args:
        on: the date of the meeting.
        attendees: who was there, by role; the review policy's required roles must be present
            for the tracker to record the meeting as held.
        decisions: what was decided, each with its reason.
        evidence: what the meeting looked at.
        child_view: the child's wishes and suggestions in their own words.
        priorities: what to prioritise for the coming month.

    >>> m = ReviewMeeting(date(2024, 4, 2), [Attendee("clinical_assessor")])
    >>> m.missing_roles(["clinical_assessor", "registered_manager"])
    ('registered_manager',)
    """

    on: date
    attendees: tuple[Attendee, ...] = attrs.field(converter=_attendees)
    decisions: tuple[Decision, ...] = attrs.field(default=(), converter=_decisions)
    evidence: MeetingEvidence = attrs.field(factory=MeetingEvidence)
    child_view: ChildView | None = None
    priorities: tuple[str, ...] = attrs.field(default=(), converter=_strs)

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles present, sorted, each once."""
        return tuple(sorted({a.role for a in self.attendees}))

    def missing_roles(self, required: Collection[str]) -> tuple[str, ...]:
        """The required roles nobody at the meeting held, in the order given."""
        present = set(self.roles)
        return tuple(r for r in required if r not in present)

    def role_problems(self, required: Collection[str]) -> list[FieldError]:
        """One error per missing required role, at ``$.attendees``."""
        return [
            FieldError("$.attendees", f"must include a {r} (required by the review policy)")
            for r in self.missing_roles(required)
        ]
