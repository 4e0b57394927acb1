"""Tests of the adjustment suggestions for the monthly meeting (review/_suggest.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from therapeutic_model.response import Catalogue, Intervention
from therapeutic_model.review import (
    AdjustmentSuggestion,
    Psychometrics,
    ReviewMeeting,
    ReviewPolicy,
    Tracker,
)

OpenTracker = Callable[..., Tracker]
Meeting = Callable[..., ReviewMeeting]
Assess = Callable[..., Tracker]
RM = "registered_manager"
DOMAINS = ("regulate", "relate", "reason")
PSY = Psychometrics(sd=dict.fromkeys(DOMAINS, 7.5), reliability=dict.fromkeys(DOMAINS, 0.8))
POLICY = ReviewPolicy(psychometrics={"synthetic": PSY}, reviews_without_change=3)


def kinds(suggestions: tuple[AdjustmentSuggestion, ...]) -> list[str]:
    """The kinds of suggestions, in order."""
    return [s.kind for s in suggestions]


def test_taper_when_the_served_domain_reached_typical(
    active_tracker: OpenTracker, assess: Assess
) -> None:
    """rhythm serves g1 (regulate); regulate in the green band suggests tapering or stopping."""
    t = assess(active_tracker(), date(2024, 3, 25), {"regulate": 32.0, "relate": 12.0})
    (s,) = t.suggest_adjustments(on=date(2024, 3, 26))
    assert ("taper_or_stop", "rhythm", ("synthetic:regulate",)) == (
        s.kind,
        s.intervention_id,
        s.domains,
    )
    assert "synthetic:regulate (green)" in s.rationale


def test_catalogue_domains_count_too(active_tracker: OpenTracker, assess: Assess) -> None:
    """With a catalogue saying rhythm also serves relate, relate must be typical as well."""
    catalogue = Catalogue(
        [Intervention("rhythm", "Rhythm", "therapeutic_caregiving", "regulate", ("relate",))]
    )
    t = assess(active_tracker(), date(2024, 3, 25), {"regulate": 32.0, "relate": 12.0})
    assert () == t.suggest_adjustments(on=date(2024, 3, 26), catalogue=catalogue)
    t = assess(t, date(2024, 3, 27), {"regulate": 32.0, "relate": 35.0})
    (s,) = t.suggest_adjustments(on=date(2024, 3, 28), catalogue=catalogue)
    assert ("synthetic:regulate", "synthetic:relate") == s.domains


def test_no_taper_while_the_domain_is_below_typical(active_tracker: OpenTracker) -> None:
    """regulate still red: nothing to suggest."""
    assert () == active_tracker().suggest_adjustments(on=date(2024, 3, 26))


def test_only_assessments_up_to_the_meeting_count(
    active_tracker: OpenTracker, assess: Assess
) -> None:
    """A green score recorded after the meeting date does not prompt that meeting."""
    t = assess(active_tracker(), date(2024, 3, 25), {"regulate": 32.0})
    assert () == t.suggest_adjustments(on=date(2024, 3, 24))


def _three_flat_meetings(
    build: OpenTracker, meeting: Meeting, assess: Assess, last: float
) -> Tracker:
    """Assessed monthly with regulate 10 → 12 → 11 → ``last``, a meeting after each."""
    t = build(policy=POLICY)
    for month, value in ((4, 12.0), (5, 11.0), (6, last)):
        t = assess(t, date(2024, month, 1), {"regulate": value, "relate": 12.0, "reason": 20.0})
        t = t.hold_meeting(meeting(date(2024, month, 2)), actor_role=RM)
    return t


def test_reformulate_after_n_reviews_without_reliable_change(
    active_tracker: OpenTracker, meeting: Meeting, assess: Assess
) -> None:
    """Three meetings in a row with no reliable improvement in regulate suggest re-formulating."""
    t = _three_flat_meetings(active_tracker, meeting, assess, last=13.0)
    (s,) = t.suggest_adjustments(on=date(2024, 6, 3))
    assert "reformulate" == s.kind
    assert "synthetic:regulate" in s.domains
    assert "last 3 reviews" in s.rationale


def test_escalate_when_reliably_worse(
    active_tracker: OpenTracker, meeting: Meeting, assess: Assess
) -> None:
    """A fall of 10 (> 9.2971) in regulate at the last meeting turns the prompt to escalate."""
    t = _three_flat_meetings(active_tracker, meeting, assess, last=0.0)
    assert ["escalate"] == kinds(t.suggest_adjustments(on=date(2024, 6, 3)))


def test_no_prompt_before_n_reviews(
    active_tracker: OpenTracker, meeting: Meeting, assess: Assess
) -> None:
    """Two meetings are not yet three."""
    t = active_tracker(policy=POLICY)
    for month in (4, 5):
        t = assess(t, date(2024, month, 1), {"regulate": 10.0, "relate": 12.0, "reason": 20.0})
        t = t.hold_meeting(meeting(date(2024, month, 2)), actor_role=RM)
    assert () == t.suggest_adjustments(on=date(2024, 5, 3))


def test_reliable_improvement_at_one_review_resets_the_count(
    active_tracker: OpenTracker, meeting: Meeting, assess: Assess
) -> None:
    """A reliable improvement seen at any of the last N meetings means no prompt."""
    t = active_tracker(policy=POLICY)
    for month, value in ((4, 22.0), (5, 12.0), (6, 12.0)):
        t = assess(t, date(2024, month, 1), {"regulate": value, "relate": 25.0, "reason": 20.0})
        t = t.hold_meeting(meeting(date(2024, month, 2)), actor_role=RM)
    suggested = t.suggest_adjustments(on=date(2024, 6, 3))
    assert all("synthetic:regulate" not in s.domains for s in suggested)


def test_reassessment_due_is_prompted(active_tracker: OpenTracker) -> None:
    """On 1 September the six-monthly reassessment (due 5 September) is prompted."""
    (s,) = active_tracker().suggest_adjustments(on=date(2024, 9, 1))
    assert ("reassess", "the reassessment with synthetic is due on 2024-09-05") == (
        s.kind,
        s.rationale,
    )


def test_overdue_reassessment_says_by_how_long(active_tracker: OpenTracker) -> None:
    """An overdue reassessment says how many days."""
    (s,) = active_tracker().suggest_adjustments(on=date(2024, 9, 15))
    assert s.rationale.endswith("10 days overdue")
