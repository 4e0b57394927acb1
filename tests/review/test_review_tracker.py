"""Tests of the Tracker aggregate (review/_tracker.py): operations, events, bad input."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

import attrs
import pytest

from therapeutic_model.assessment import Assessment
from therapeutic_model.child import Child
from therapeutic_model.exceptions import TransitionNotAllowed, ValidationError
from therapeutic_model.response import Frequency
from therapeutic_model.review import (
    AssessmentRecorded,
    Attendee,
    Decision,
    Escalated,
    MeetingHeld,
    PlanAdopted,
    PlanContinued,
    ReviewMeeting,
    ReviewPolicy,
    StateChange,
    Tracker,
    TrackerOpened,
)
from therapeutic_model.testing import synthetic_plan, synthetic_profile

OpenTracker = Callable[..., Tracker]
Meeting = Callable[..., ReviewMeeting]
Assess = Callable[..., Tracker]
RM = "registered_manager"
APRIL_2 = date(2024, 4, 2)
CATALOGUE = frozenset({"rhythm", "drumming", "swimming"})


def unchanged(before: Tracker, call: Callable[[], object]) -> BaseException:
    """Run a call that must fail; check the tracker is untouched; return the error."""
    events = before.events
    with pytest.raises((ValidationError, TransitionNotAllowed)) as caught:
        call()
    assert events == before.events
    return caught.value


# ---------------------------------------------------------------------------------------------
# Opening and the happy path


def test_open_starts_referred_with_one_event(child: Child) -> None:
    """A new tracker is referred and holds one TrackerOpened with the child and the policy."""
    t = Tracker.open(child, on=date(2024, 3, 1), actor_role=RM)
    opened = t.events[0]
    assert "referred" == t.state
    assert isinstance(opened, TrackerOpened)
    assert (child, ReviewPolicy(), RM) == (opened.child, opened.policy, opened.actor_role)


def test_assessment_moves_referred_to_assessed(child: Child, assess: Assess) -> None:
    """Recording the first assessment moves the cycle to assessed and keeps the profile."""
    t = assess(Tracker.open(child, on=date(2024, 3, 1), actor_role=RM), date(2024, 3, 5), {"a": 1})
    recorded = t.assessments[0]
    assert "assessed" == t.state
    assert isinstance(recorded, AssessmentRecorded)
    assert ("clinical_assessor", 1.0) == (recorded.actor_role, recorded.profile.value("a"))


def test_adopting_the_first_plan_makes_the_tracker_active(active_tracker: OpenTracker) -> None:
    """After assessment, adopting a plan makes the tracker active with that plan in force."""
    t = active_tracker()
    assert ("active", 1, 1) == (t.state, t.plan.version if t.plan else None, len(t.plans))


def test_operation_returns_a_new_tracker(active_tracker: OpenTracker) -> None:
    """An operation leaves the tracker it was called on as it was."""
    t = active_tracker()
    paused = t.pause(on=date(2024, 3, 20), actor_role=RM, reason="in hospital")
    assert ("active", "paused") == (t.state, paused.state)
    assert t.events == paused.events[:-1]


def test_every_event_says_when_who_and_why(active_tracker: OpenTracker) -> None:
    """Each event carries a date, a role and a reason."""
    t = active_tracker().pause(on=date(2024, 3, 20), actor_role=RM, reason="in hospital")
    last = t.events[-1]
    assert (date(2024, 3, 20), RM, "in hospital") == (last.on, last.actor_role, last.reason)


def test_history_records_each_step(active_tracker: OpenTracker) -> None:
    """The history lists every step with its event, source and target."""
    t = active_tracker()
    assert [
        StateChange(date(2024, 3, 5), "assessment_recorded", "referred", "assessed"),
        StateChange(date(2024, 3, 10), "plan_adopted", "assessed", "active"),
    ] == list(t.history)


def test_replay_reproduces_the_tracker(active_tracker: OpenTracker, meeting: Meeting) -> None:
    """Replaying a tracker's events gives an equal tracker in the same state."""
    t = active_tracker().hold_meeting(
        meeting(APRIL_2, [Decision.stop("rhythm", reason="settled")]), actor_role=RM
    )
    again = Tracker.replay(t.events)
    assert (t, t.state, t.plans, t.meetings) == (again, again.state, again.plans, again.meetings)


# ---------------------------------------------------------------------------------------------
# Bad input: clear errors, tracker unchanged


def test_date_before_the_latest_event_is_rejected(active_tracker: OpenTracker) -> None:
    """An event dated before the latest one is refused, naming $.on; nothing is appended."""
    t = active_tracker()
    err = unchanged(t, lambda: t.pause(on=date(2024, 3, 9), actor_role=RM, reason="x"))
    assert isinstance(err, ValidationError)
    assert ("$.on",) == err.paths


def test_same_day_as_the_latest_event_is_accepted(active_tracker: OpenTracker) -> None:
    """Several events on one day are fine: order within a day is the order recorded."""
    t = active_tracker().pause(on=date(2024, 3, 10), actor_role=RM, reason="missing")
    assert "paused" == t.state


def test_another_childs_assessment_is_rejected(active_tracker: OpenTracker) -> None:
    """An assessment of another child is refused, naming $.assessment.child_id."""
    t = active_tracker()
    a = Assessment("c-999", "synthetic", date(2024, 3, 20), {})
    p = synthetic_profile({"regulate": 1.0})
    err = unchanged(t, lambda: t.record_assessment(a, p, on=date(2024, 3, 20), actor_role=RM))
    assert ("$.assessment.child_id",) == err.paths  # type: ignore[attr-defined]


def test_profile_of_another_instrument_is_rejected(active_tracker: OpenTracker) -> None:
    """A profile that does not belong to the assessment's instrument is refused."""
    t = active_tracker()
    a = Assessment(t.child.id, "synthetic", date(2024, 3, 20), {})
    p = synthetic_profile({"regulate": 1.0}, instrument_id="other")
    err = unchanged(t, lambda: t.record_assessment(a, p, on=date(2024, 3, 20), actor_role=RM))
    assert ("$.profile.instrument_id",) == err.paths  # type: ignore[attr-defined]


def test_assessment_older_than_the_latest_of_its_instrument_is_rejected(
    active_tracker: OpenTracker,
) -> None:
    """A late-recorded assessment completed before the latest one would scramble the series."""
    t = active_tracker()
    a = Assessment(t.child.id, "synthetic", date(2024, 3, 4), {})
    p = synthetic_profile({"regulate": 1.0})
    err = unchanged(t, lambda: t.record_assessment(a, p, on=date(2024, 3, 20), actor_role=RM))
    assert ("$.assessment.on",) == err.paths  # type: ignore[attr-defined]


def test_plan_before_assessment_is_not_allowed(child: Child) -> None:
    """Adopting a plan for a referred child raises TransitionNotAllowed naming what is allowed."""
    t = Tracker.open(child, on=date(2024, 3, 1), actor_role=RM)
    plan = synthetic_plan(child.id, on=date(2024, 3, 2))
    err = unchanged(t, lambda: t.adopt_plan(plan, on=date(2024, 3, 2), actor_role=RM))
    assert isinstance(err, TransitionNotAllowed)
    assert ("adopt_plan", "referred", ("assess", "end", "pause")) == (
        err.event,
        err.state,
        err.allowed,
    )


def test_plan_of_another_child_and_old_version_are_both_named(
    active_tracker: OpenTracker,
) -> None:
    """Every problem with an adopted plan is listed at once."""
    t = active_tracker()
    stale = synthetic_plan("c-999", on=date(2024, 3, 12))
    err = unchanged(t, lambda: t.adopt_plan(stale, on=date(2024, 3, 12), actor_role=RM))
    assert ("$.plan.child_id", "$.plan.version") == err.paths  # type: ignore[attr-defined]


def test_plan_with_ids_outside_the_catalogue_is_rejected(active_tracker: OpenTracker) -> None:
    """With a catalogue, a plan naming an intervention outside it is refused with its path."""
    t = active_tracker()
    plan = t.plan
    assert plan is not None
    v2 = plan.revise(on=date(2024, 3, 12), author_role=RM, reason="tidy")
    err = unchanged(
        t,
        lambda: t.adopt_plan(v2, on=date(2024, 3, 12), actor_role=RM, catalogue={"drumming"}),
    )
    assert ("$.plan.interventions[0].intervention_id",) == err.paths  # type: ignore[attr-defined]


def test_meeting_without_a_required_role_is_not_held(active_tracker: OpenTracker) -> None:
    """A meeting without the registered manager cannot be recorded as held."""
    t = active_tracker()
    m = ReviewMeeting(APRIL_2, [Attendee("clinical_assessor"), Attendee("key_worker")])
    err = unchanged(t, lambda: t.hold_meeting(m, actor_role=RM))
    assert isinstance(err, ValidationError)
    assert ("$.attendees",) == err.paths
    assert "must include a registered_manager" in str(err)


def test_meeting_with_nobody_lists_both_missing_roles(active_tracker: OpenTracker) -> None:
    """Both default required roles are named when neither is present."""
    t = active_tracker()
    err = unchanged(t, lambda: t.hold_meeting(ReviewMeeting(APRIL_2, []), actor_role=RM))
    assert 2 == len(err.errors)  # type: ignore[attr-defined]


def test_policy_may_require_other_roles(active_tracker: OpenTracker) -> None:
    """A home may require, e.g., the key worker as well."""
    policy = ReviewPolicy(required_roles=("clinical_assessor", "registered_manager", "key_worker"))
    t = active_tracker(policy=policy)
    m = ReviewMeeting(APRIL_2, [Attendee("clinical_assessor"), Attendee("registered_manager")])
    err = unchanged(t, lambda: t.hold_meeting(m, actor_role=RM))
    assert "must include a key_worker" in str(err)


def test_decision_on_an_unknown_intervention_is_rejected(
    active_tracker: OpenTracker, meeting: Meeting
) -> None:
    """Stopping an intervention the plan does not have is refused with the decision's path."""
    t = active_tracker()
    m = meeting(APRIL_2, [Decision.stop("swimming", reason="no longer needed")])
    err = unchanged(t, lambda: t.hold_meeting(m, actor_role=RM))
    assert ("$.decisions[0].intervention_id",) == err.paths  # type: ignore[attr-defined]
    assert "names no intervention in the plan" in str(err)


def test_start_outside_the_catalogue_is_rejected(
    active_tracker: OpenTracker, meeting: Meeting
) -> None:
    """Starting an intervention the catalogue does not offer is refused."""
    t = active_tracker()
    m = meeting(APRIL_2, [Decision.start("skydiving", reason="she asked")])
    err = unchanged(t, lambda: t.hold_meeting(m, actor_role=RM, catalogue=CATALOGUE))
    assert "names no intervention in the catalogue" in str(err)


def test_start_of_a_new_intervention_needs_a_catalogue(
    active_tracker: OpenTracker, meeting: Meeting
) -> None:
    """Without a catalogue a new intervention cannot be checked, so it is refused."""
    t = active_tracker()
    m = meeting(APRIL_2, [Decision.start("drumming", reason="she asked")])
    err = unchanged(t, lambda: t.hold_meeting(m, actor_role=RM))
    assert "give the catalogue" in str(err)


def test_every_bad_decision_is_listed(active_tracker: OpenTracker, meeting: Meeting) -> None:
    """Several bad decisions and a missing role come out in one error."""
    t = active_tracker()
    m = ReviewMeeting(
        APRIL_2,
        [Attendee("clinical_assessor")],
        [
            Decision.stop("swimming", reason="a"),
            Decision.goal_met("g9", reason="b"),
            Decision.continue_("rhythm", reason="c"),
            Decision.adjust("drumming", reason="d"),
        ],
    )
    err = unchanged(t, lambda: t.hold_meeting(m, actor_role=RM))
    assert (
        "$.attendees",
        "$.decisions[0].intervention_id",
        "$.decisions[1].goal_id",
        "$.decisions[3].intervention_id",
    ) == err.paths  # type: ignore[attr-defined]


def test_status_change_the_plan_forbids_is_rejected(
    active_tracker: OpenTracker, meeting: Meeting
) -> None:
    """Stopping an intervention twice is refused: stopped → stopped is not a status change."""
    t = active_tracker().hold_meeting(
        meeting(APRIL_2, [Decision.stop("rhythm", reason="settled")]), actor_role=RM
    )
    again = meeting(date(2024, 5, 2), [Decision.stop("rhythm", reason="again")])
    err = unchanged(t, lambda: t.hold_meeting(again, actor_role=RM))
    assert "can't go from stopped to stopped" in str(err)


def test_errors_never_echo_free_text(active_tracker: OpenTracker, meeting: Meeting) -> None:
    """A refused decision's reason (the team's words) is not in the error message."""
    t = active_tracker()
    m = meeting(APRIL_2, [Decision.stop("swimming", reason="Private words about Sam")])
    err = unchanged(t, lambda: t.hold_meeting(m, actor_role=RM))
    assert "Sam" not in str(err)


def test_meeting_while_paused_is_not_allowed(active_tracker: OpenTracker, meeting: Meeting) -> None:
    """A paused tracker cannot hold a meeting; the error says resume is what is allowed."""
    t = active_tracker().pause(on=date(2024, 3, 20), actor_role=RM, reason="missing")
    err = unchanged(t, lambda: t.hold_meeting(meeting(APRIL_2), actor_role=RM))
    assert ("end", "resume") == err.allowed  # type: ignore[attr-defined]


def test_ended_tracker_takes_nothing_more(active_tracker: OpenTracker) -> None:
    """After the placement ends every operation is refused."""
    t = active_tracker().end_placement(on=date(2024, 6, 1), actor_role=RM, reason="moved on")
    err = unchanged(t, lambda: t.pause(on=date(2024, 6, 2), actor_role=RM, reason="x"))
    assert ((), "ended") == (err.allowed, err.state)  # type: ignore[attr-defined]


def test_replay_of_events_out_of_order_is_rejected(active_tracker: OpenTracker) -> None:
    """Replaying events whose dates go back names the event's path."""
    events = list(active_tracker().events)
    events[2] = attrs.evolve(events[2], on=date(2024, 3, 2))
    with pytest.raises(ValidationError) as caught:
        Tracker.replay(events)
    assert "$.events[2].on" in caught.value.paths


def test_replay_must_start_with_opening(active_tracker: OpenTracker) -> None:
    """A history that does not start with tracker_opened is refused."""
    with pytest.raises(ValidationError, match=r"\$\.events\[0\]"):
        Tracker.replay(active_tracker().events[1:])


def test_second_opening_is_rejected(active_tracker: OpenTracker) -> None:
    """A tracker is opened once."""
    t = active_tracker()
    with pytest.raises(ValidationError, match=r"\$\.events\[3\]"):
        Tracker.replay((*t.events, attrs.evolve(t.events[0], on=date(2024, 3, 11))))


# ---------------------------------------------------------------------------------------------
# Meetings and plan versions


def test_plan_changing_meeting_makes_the_next_version(
    active_tracker: OpenTracker, meeting: Meeting
) -> None:
    """Stopping one and starting another gives one new plan version, the meeting its reason."""
    t = active_tracker()
    m = meeting(
        APRIL_2,
        [
            Decision.stop("rhythm", reason="she sleeps well now"),
            Decision.start("drumming", reason="her own idea", frequency=Frequency(1, "week")),
        ],
    )
    after = t.hold_meeting(m, actor_role=RM, catalogue=CATALOGUE)
    plan = after.plan
    assert plan is not None
    assert (2, "review meeting on 2024-04-02: stop 'rhythm'; start 'drumming'") == (
        plan.version,
        plan.reason,
    )
    assert {"rhythm": "stopped", "drumming": "active"} == {
        pi.intervention_id: pi.status for pi in plan.interventions
    }
    assert (APRIL_2, Frequency(1, "week")) == (
        plan.intervention("drumming").start,
        plan.intervention("drumming").frequency,
    )


def test_meeting_events_follow_each_other(active_tracker: OpenTracker, meeting: Meeting) -> None:
    """A plan-changing meeting appends MeetingHeld then PlanAdopted naming the meeting."""
    t = active_tracker().hold_meeting(
        meeting(APRIL_2, [Decision.stop("rhythm", reason="settled")]), actor_role=RM
    )
    held, adopted = t.events[-2:]
    assert isinstance(held, MeetingHeld)
    assert isinstance(adopted, PlanAdopted)
    assert (APRIL_2, "active") == (adopted.meeting_on, t.state)


def test_meeting_that_changes_nothing_continues_the_plan(
    active_tracker: OpenTracker, meeting: Meeting
) -> None:
    """Continuing keeps the plan version and appends PlanContinued."""
    t = active_tracker().hold_meeting(
        meeting(APRIL_2, [Decision.continue_("rhythm", reason="working")]), actor_role=RM
    )
    assert isinstance(t.events[-1], PlanContinued)
    assert (1, "active") == (t.plan.version if t.plan else None, t.state)


def test_goal_met_marks_the_goal(active_tracker: OpenTracker, meeting: Meeting) -> None:
    """A goal_met decision marks the goal met in the next version."""
    t = active_tracker().hold_meeting(
        meeting(APRIL_2, [Decision.goal_met("g1", reason="sleeping through")]), actor_role=RM
    )
    assert t.plan is not None
    assert "met" == t.plan.goal("g1").status


def test_adjust_tapers_and_pauses(active_tracker: OpenTracker, meeting: Meeting) -> None:
    """Adjust changes frequency and status of an intervention in the plan."""
    decision = Decision.adjust(
        "rhythm", reason="taper", frequency=Frequency(1, "fortnight"), status="paused"
    )
    t = active_tracker().hold_meeting(meeting(APRIL_2, [decision]), actor_role=RM)
    assert t.plan is not None
    rhythm = t.plan.intervention("rhythm")
    assert (Frequency(1, "fortnight"), "paused", APRIL_2) == (
        rhythm.frequency,
        rhythm.status,
        rhythm.status_since,
    )


def test_restart_of_a_stopped_intervention_needs_no_catalogue(
    active_tracker: OpenTracker, meeting: Meeting
) -> None:
    """Starting again what the plan stopped is a status change, not a new intervention."""
    t = active_tracker().hold_meeting(
        meeting(APRIL_2, [Decision.stop("rhythm", reason="settled")]), actor_role=RM
    )
    t = t.hold_meeting(
        meeting(date(2024, 5, 3), [Decision.start("rhythm", reason="sleep worse")]), actor_role=RM
    )
    assert t.plan is not None
    assert (3, "active") == (t.plan.version, t.plan.intervention("rhythm").status)


def test_reassess_decision_moves_to_reassessment_due(
    active_tracker: OpenTracker, meeting: Meeting
) -> None:
    """A reassess decision leaves the cycle waiting for a reassessment."""
    t = active_tracker().hold_meeting(
        meeting(APRIL_2, [Decision.reassess(reason="new worries")]), actor_role=RM
    )
    assert "reassessment_due" == t.state


def test_escalate_decision_escalates(active_tracker: OpenTracker, meeting: Meeting) -> None:
    """An escalate decision leaves the cycle escalated, with the decision's reason."""
    t = active_tracker().hold_meeting(
        meeting(APRIL_2, [Decision.escalate(reason="senior review")]), actor_role=RM
    )
    last = t.events[-1]
    assert isinstance(last, Escalated)
    assert ("escalated", "senior review", APRIL_2) == (t.state, last.reason, last.meeting_on)


def test_next_meeting_clears_escalation(active_tracker: OpenTracker, meeting: Meeting) -> None:
    """An escalated tracker returns to active once a meeting has been held."""
    t = active_tracker().hold_meeting(
        meeting(APRIL_2, [Decision.escalate(reason="senior review")]), actor_role=RM
    )
    t = t.hold_meeting(meeting(date(2024, 4, 16)), actor_role=RM)
    assert "active" == t.state


# ---------------------------------------------------------------------------------------------
# Goals


def test_goal_ratings_give_a_t_score(active_tracker: OpenTracker) -> None:
    """Goals rated +1 and +1 at equal weight give T = 50 + 20/√2.6 = 62.40 (Kiresuk & Sherman)."""
    t = active_tracker().rate_goals({"g1": 1, "g2": 1}, on=date(2024, 3, 30), actor_role=RM)
    score = t.goal_t_score()
    assert score is not None
    assert math.isclose(50 + 20 / math.sqrt(2.6), score)


def test_later_rating_replaces_earlier_for_the_score(active_tracker: OpenTracker) -> None:
    """The latest rating of each goal counts; earlier ratings stay in the events."""
    t = active_tracker().rate_goals({"g1": -1}, on=date(2024, 3, 30), actor_role=RM)
    t = t.rate_goals({"g1": 0, "g2": 0}, on=date(2024, 4, 30), actor_role=RM)
    assert ({"g1": 0, "g2": 0}, 50.0, 2) == (
        t.latest_ratings(),
        t.goal_t_score(),
        len(t.goal_ratings),
    )


def test_bad_ratings_are_each_named(active_tracker: OpenTracker) -> None:
    """An unknown goal and an out-of-range rating are both named by path."""
    t = active_tracker()
    err = unchanged(
        t, lambda: t.rate_goals({"g9": 1, "g2": 3}, on=date(2024, 3, 30), actor_role=RM)
    )
    assert ("$.ratings.g9", "$.ratings.g2") == err.paths  # type: ignore[attr-defined]


def test_a_rating_keyed_by_a_name_is_named_by_position(active_tracker: OpenTracker) -> None:
    """A rating under a key that is not an opaque id is named by its position, never echoed."""
    t = active_tracker()
    err = unchanged(
        t, lambda: t.rate_goals({"g1": 1, "Jane Smith": 1}, on=date(2024, 3, 30), actor_role=RM)
    )
    assert ("$.ratings[<key 1>]",) == err.paths  # type: ignore[attr-defined]
    assert "Jane" not in str(err)


def test_no_t_score_without_ratings(active_tracker: OpenTracker) -> None:
    """No ratings, no T-score."""
    assert None is active_tracker().goal_t_score()


# ---------------------------------------------------------------------------------------------
# Pause, resume, advance


def test_resume_returns_to_where_it_stood(active_tracker: OpenTracker, meeting: Meeting) -> None:
    """An escalated tracker paused and resumed is escalated again: nothing is lost."""
    t = active_tracker().hold_meeting(
        meeting(APRIL_2, [Decision.escalate(reason="worse")]), actor_role=RM
    )
    t = t.pause(on=date(2024, 4, 3), actor_role=RM, reason="in hospital")
    t = t.resume(on=date(2024, 4, 9), actor_role=RM, reason="home")
    assert "escalated" == t.state


def test_advance_marks_the_review_due_when_the_window_opens(active_tracker: OpenTracker) -> None:
    """On 1 April (window opens) advance appends ReviewFellDue; on 31 March nothing."""
    t = active_tracker()
    assert t.events == t.advance(on=date(2024, 3, 31)).events
    assert "review_due" == t.advance(on=date(2024, 4, 1)).state


def test_advance_twice_appends_nothing_more(active_tracker: OpenTracker) -> None:
    """advance is idempotent on a day."""
    once = active_tracker().advance(on=date(2024, 4, 1))
    assert once.events == once.advance(on=date(2024, 4, 1)).events


def test_advance_escalates_past_grace(active_tracker: OpenTracker) -> None:
    """With the April meeting not held, 8 May (8 days late, grace 7) escalates."""
    t = active_tracker()
    assert "review_due" == t.advance(on=date(2024, 5, 7)).state
    escalated = t.advance(on=date(2024, 5, 8))
    assert ("escalated", "scheduler") == (escalated.state, escalated.events[-1].actor_role)


def test_advance_marks_reassessment_due(active_tracker: OpenTracker, meeting: Meeting) -> None:
    """Six months after the entry assessment the reassessment falls due."""
    t = active_tracker()
    for month in range(4, 9):
        t = t.hold_meeting(meeting(date(2024, month, 2)), actor_role=RM)
    t = t.advance(on=date(2024, 8, 29))
    assert "reassessment_due" == t.state


def test_reassessment_with_the_entry_instrument_returns_to_active(
    active_tracker: OpenTracker, meeting: Meeting, assess: Assess
) -> None:
    """Another instrument leaves the reassessment due; the entry instrument completes it."""
    t = active_tracker().hold_meeting(
        meeting(APRIL_2, [Decision.reassess(reason="check")]), actor_role=RM
    )
    t = assess(t, date(2024, 4, 5), {"total": 12.0}, instrument_id="sdq-parent")
    assert "reassessment_due" == t.state
    t = assess(t, date(2024, 4, 6), {"regulate": 20.0})
    assert "active" == t.state


def test_meeting_does_not_forget_an_owed_reassessment(
    active_tracker: OpenTracker, meeting: Meeting
) -> None:
    """A meeting held while the reassessment is owed leaves the cycle waiting for it."""
    t = active_tracker()
    for month in range(4, 9):
        t = t.hold_meeting(meeting(date(2024, month, 2)), actor_role=RM)
    t = t.advance(on=date(2024, 9, 1))
    assert "reassessment_due" == t.state
    t = t.hold_meeting(meeting(date(2024, 9, 2)), actor_role=RM)
    assert ("reassessment_due", "meeting_held") == (t.state, t.history[-2].event_type)


def test_open_takes_the_registered_manager_as_the_default_actor() -> None:
    """DESIGN's ``Tracker.open(child, on=date)`` works, recording the registered manager."""
    from datetime import date

    import therapeutic_model as tm

    tracker = tm.Tracker.open(tm.Child("c-9", date(2012, 3, 1)), on=date(2024, 1, 8))
    assert "registered_manager" == tracker.events[0].actor_role
