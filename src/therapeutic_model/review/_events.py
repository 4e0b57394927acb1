"""What happened to a child's tracker, as past-tense events.

Every event says when (``on``), who did it (``actor_role``, never a name) and why (``reason``).
A tracker is its events: replaying them gives its state, its assessments, plan versions and
meetings. Each event fires one cycle event (:attr:`TrackerEvent.trigger`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import ClassVar

import attrs

from therapeutic_model.assessment import Assessment, Profile
from therapeutic_model.child import Child
from therapeutic_model.exceptions import InvalidValue
from therapeutic_model.response import IndividualResponse
from therapeutic_model.review._meeting import ReviewMeeting
from therapeutic_model.review._policy import ReviewPolicy

__all__ = [
    "EVENT_TYPES",
    "AssessmentRecorded",
    "Escalated",
    "GoalsRated",
    "MeetingHeld",
    "Paused",
    "PlacementEnded",
    "PlanAdopted",
    "PlanContinued",
    "ReassessmentFellDue",
    "ReassessmentRequested",
    "Resumed",
    "ReviewFellDue",
    "TrackerEvent",
    "TrackerOpened",
]


def _role(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and value.strip()):
        msg = f"{attribute.name} must be a non-empty role (never a name)"
        raise InvalidValue(msg)


@attrs.frozen(kw_only=True)
class _Event:
    """The fields every event has: when, who (role) and why."""

    event_type: ClassVar[str]
    trigger: ClassVar[str]

    on: date
    actor_role: str = attrs.field(validator=_role)
    reason: str = ""


@attrs.frozen(kw_only=True)
class TrackerOpened(_Event):
    """The tracker was opened for a child (on referral), under a review policy."""

    event_type: ClassVar[str] = "tracker_opened"
    trigger: ClassVar[str] = ""

    child: Child
    policy: ReviewPolicy = attrs.field(factory=ReviewPolicy)


@attrs.frozen(kw_only=True)
class AssessmentRecorded(_Event):
    """An assessment was recorded with the profile it scored to."""

    event_type: ClassVar[str] = "assessment_recorded"
    trigger: ClassVar[str] = "assess"

    assessment: Assessment
    profile: Profile


@attrs.frozen(kw_only=True)
class PlanAdopted(_Event):
    """A plan version was adopted; ``meeting_on`` says which meeting made it, if one did."""

    event_type: ClassVar[str] = "plan_adopted"
    trigger: ClassVar[str] = "adopt_plan"

    plan: IndividualResponse
    meeting_on: date | None = None


@attrs.frozen(kw_only=True)
class PlanContinued(_Event):
    """A meeting left the plan as it was."""

    event_type: ClassVar[str] = "plan_continued"
    trigger: ClassVar[str] = "continue_plan"

    meeting_on: date


@attrs.frozen(kw_only=True)
class GoalsRated(_Event):
    """Goals of the plan were rated on the goal attainment scale (-2..+2)."""

    event_type: ClassVar[str] = "goals_rated"
    trigger: ClassVar[str] = "rate_goals"

    ratings: Mapping[str, int]
    plan_version: int


@attrs.frozen(kw_only=True)
class ReviewFellDue(_Event):
    """The monthly review meeting fell due (its window opened)."""

    event_type: ClassVar[str] = "review_fell_due"
    trigger: ClassVar[str] = "review_falls_due"

    due_on: date


@attrs.frozen(kw_only=True)
class ReassessmentFellDue(_Event):
    """The scheduled reassessment fell due."""

    event_type: ClassVar[str] = "reassessment_fell_due"
    trigger: ClassVar[str] = "reassessment_falls_due"

    due_on: date
    instrument_id: str


@attrs.frozen(kw_only=True)
class MeetingHeld(_Event):
    """A review meeting was held, with every required role present."""

    event_type: ClassVar[str] = "meeting_held"
    trigger: ClassVar[str] = "hold_meeting"

    meeting: ReviewMeeting


@attrs.frozen(kw_only=True)
class ReassessmentRequested(_Event):
    """A meeting asked for the child to be reassessed."""

    event_type: ClassVar[str] = "reassessment_requested"
    trigger: ClassVar[str] = "request_reassessment"

    meeting_on: date | None = None


@attrs.frozen(kw_only=True)
class Escalated(_Event):
    """The review was escalated: by a meeting's decision, or a meeting overdue past grace."""

    event_type: ClassVar[str] = "escalated"
    trigger: ClassVar[str] = "escalate"

    meeting_on: date | None = None


@attrs.frozen(kw_only=True)
class Paused(_Event):
    """The placement's review work was paused (e.g. the child missing or in hospital)."""

    event_type: ClassVar[str] = "paused"
    trigger: ClassVar[str] = "pause"


@attrs.frozen(kw_only=True)
class Resumed(_Event):
    """The review work resumed where it stood before the pause."""

    event_type: ClassVar[str] = "resumed"
    trigger: ClassVar[str] = "resume"


@attrs.frozen(kw_only=True)
class PlacementEnded(_Event):
    """The placement ended; the tracker is kept but takes no more events."""

    event_type: ClassVar[str] = "placement_ended"
    trigger: ClassVar[str] = "end"


TrackerEvent = (
    TrackerOpened
    | AssessmentRecorded
    | PlanAdopted
    | PlanContinued
    | GoalsRated
    | ReviewFellDue
    | ReassessmentFellDue
    | MeetingHeld
    | ReassessmentRequested
    | Escalated
    | Paused
    | Resumed
    | PlacementEnded
)
"""Any event of a tracker (stored as a tagged union, tag ``"type"``)."""

EVENT_TYPES: tuple[type[_Event], ...] = (
    TrackerOpened,
    AssessmentRecorded,
    PlanAdopted,
    PlanContinued,
    GoalsRated,
    ReviewFellDue,
    ReassessmentFellDue,
    MeetingHeld,
    ReassessmentRequested,
    Escalated,
    Paused,
    Resumed,
    PlacementEnded,
)
"""Every event class, in the order of :data:`TrackerEvent`."""
