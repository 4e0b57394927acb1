"""Shared builders for the review tests: a child, a quorate meeting, an active tracker."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

import pytest

from therapeutic_model.assessment import Assessment
from therapeutic_model.child import Child
from therapeutic_model.review import (
    Attendee,
    Decision,
    ReviewMeeting,
    ReviewPolicy,
    Tracker,
)
from therapeutic_model.testing import synthetic_plan, synthetic_profile

CHILD = Child("c-001", date(2012, 5, 1))
MANAGER = "registered_manager"
QUORUM = (Attendee("clinical_assessor", "s-1"), Attendee("registered_manager", "s-2"))

OpenTracker = Callable[..., Tracker]
Meeting = Callable[..., ReviewMeeting]


def _assess(
    tracker: Tracker,
    on: date,
    values: Mapping[str, float | None],
    *,
    instrument_id: str = "synthetic",
    higher_is_better: bool = True,
) -> Tracker:
    """Record a synthetic assessment completed and recorded on ``on``."""
    profile = synthetic_profile(
        values, instrument_id=instrument_id, higher_is_better=higher_is_better
    )
    assessment = Assessment(tracker.child.id, instrument_id, on, {})
    return tracker.record_assessment(assessment, profile, on=on, actor_role="clinical_assessor")


Assess = Callable[..., Tracker]


@pytest.fixture
def assess() -> Assess:
    """Record a synthetic assessment: ``assess(tracker, on, {"regulate": 12.0, ...})``."""
    return _assess


@pytest.fixture
def child() -> Child:
    """The synthetic child c-001, born 2012-05-01."""
    return CHILD


@pytest.fixture
def active_tracker() -> OpenTracker:
    """Build a tracker opened 2024-03-01, assessed 03-05, with the synthetic plan on 03-10."""

    def build(
        *,
        policy: ReviewPolicy | None = None,
        values: Mapping[str, float | None] | None = None,
        opened: date = date(2024, 3, 1),
        assessed: date = date(2024, 3, 5),
        planned: date = date(2024, 3, 10),
        child_id: str = CHILD.id,
    ) -> Tracker:
        child = Child(child_id, CHILD.born)
        t = Tracker.open(child, on=opened, actor_role=MANAGER, policy=policy)
        t = _assess(t, assessed, values or {"regulate": 10.0, "relate": 12.0, "reason": 20.0})
        return t.adopt_plan(synthetic_plan(child.id, on=planned), on=planned, actor_role=MANAGER)

    return build


@pytest.fixture
def meeting() -> Meeting:
    """Build a quorate meeting on a date with the given decisions."""

    def build(on: date, decisions: Sequence[Decision] = (), **options: object) -> ReviewMeeting:
        return ReviewMeeting(on, QUORUM, decisions, **options)  # type: ignore[arg-type]

    return build
