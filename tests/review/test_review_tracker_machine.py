"""A Hypothesis state machine over the tracker and the default review cycle.

Random operations on dates moving forward (and sometimes back). Whatever happens: no event
the cycle forbids is ever accepted (checked against a table written from the issue, not from
the code), a refused operation leaves the tracker unchanged, the history only grows, and
replaying the events reproduces the tracker.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from hypothesis import event
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

import therapeutic_model as tm
from therapeutic_model.assessment import Assessment
from therapeutic_model.child import Child
from therapeutic_model.exceptions import TransitionNotAllowed, ValidationError
from therapeutic_model.review import Attendee, Decision, ReviewMeeting, Tracker, default_cycle
from therapeutic_model.testing import (
    REVIEW_CATALOGUE,
    review_meetings,
    synthetic_plan,
    synthetic_profile,
    synthetic_profiles,
)

RM = "registered_manager"
# Every state: the cycle's own list, which test_review_cycle pins to the nine the issue names.
_EVERY = set(default_cycle().states)
_WORKING = {"active", "review_due", "reviewed", "reassessment_due", "escalated"}

# Where each event may happen in the default TIER cycle (issue 4), written independently.
ALLOWED_IN: dict[str, set[str]] = {
    "assessment_recorded": {"referred", "assessed"} | _WORKING,
    "plan_adopted": {"assessed"} | _WORKING,
    "goals_rated": _WORKING,
    "review_fell_due": {"active"},
    "reassessment_fell_due": {"active", "review_due"},
    "meeting_held": {"active", "review_due", "reassessment_due", "escalated"},
    "plan_continued": {"reviewed"},
    "reassessment_requested": {"active", "reviewed", "reassessment_due"},
    "escalated": {"active", "review_due", "reviewed", "reassessment_due"},
    "paused": _EVERY - {"paused", "ended"},
    "resumed": {"paused"},
    "placement_ended": _EVERY - {"ended"},
}


QUORUM = (Attendee("clinical_assessor"), Attendee("registered_manager"))
PLAIN_DECISIONS = (
    None,
    Decision.continue_("rhythm", reason="working"),
    Decision.stop("rhythm", reason="settled"),
    Decision.start("drumming", reason="her idea"),
    Decision.start("rhythm", reason="again"),
    Decision.goal_met("g1", reason="met"),
    Decision.reassess(reason="worries"),
    Decision.escalate(reason="senior review"),
)


class TrackerMachine(RuleBasedStateMachine):
    """Drives one child's tracker through random operations."""

    def __init__(self) -> None:
        super().__init__()
        self.on = date(2024, 1, 1)
        self.tracker = Tracker.open(Child("c-001", date(2012, 5, 1)), on=self.on, actor_role=RM)
        self.longest = 1

    def attempt(self, operation: Callable[[Tracker], Tracker]) -> None:
        """Apply ``operation`` to the tracker; a refusal must leave it exactly as it was."""
        before = self.tracker
        refused: TransitionNotAllowed | ValidationError | None = None
        try:
            after = operation(before)
        except (TransitionNotAllowed, ValidationError) as err:
            refused = err
        if isinstance(refused, TransitionNotAllowed):
            assert refused.state == before.state
            assert refused.event not in before.allowed_events()
        if refused is not None:
            assert before.events == self.tracker.events
            return
        assert after.events[: len(before.events)] == before.events
        self.tracker = after

    @initialize(start=st.sampled_from(["referred", "active"]))
    def begin(self, start: str) -> None:
        """Half the runs start from a tracker already assessed with a plan in force."""
        if start == "active":
            t = self.tracker
            profile = synthetic_profile({"regulate": 10.0, "relate": 20.0, "reason": 31.0})
            t = t.record_assessment(
                Assessment(t.child.id, "synthetic", self.on, {}), profile, on=self.on, actor_role=RM
            )
            plan = synthetic_plan(t.child.id, on=self.on)
            self.tracker = t.adopt_plan(plan, on=self.on, actor_role=RM)

    @rule(days=st.integers(0, 45))
    def time_passes(self, days: int) -> None:
        """Days go by."""
        self.on += timedelta(days=days)

    @rule(days=st.integers(28, 40))
    def a_month_later(self, days: int) -> None:
        """About a month goes by and the scheduler looks at what fell due."""
        self.on += timedelta(days=days)
        on = self.on
        self.attempt(lambda t: t.advance(on=on))

    @rule(data=st.data())
    def record_assessment(self, data: st.DataObject) -> None:
        """A clinician records an assessment."""
        profile = data.draw(synthetic_profiles())
        on = self.on
        self.attempt(
            lambda t: t.record_assessment(
                Assessment(t.child.id, "synthetic", on, {}), profile, on=on, actor_role=RM
            )
        )

    @rule()
    def adopt_plan(self) -> None:
        """A plan (first, or next version) is adopted."""
        on = self.on

        def adopt(t: Tracker) -> Tracker:
            plan = t.plan
            if plan is None:
                return t.adopt_plan(synthetic_plan(t.child.id, on=on), on=on, actor_role=RM)
            nxt = plan.revise(on=on, author_role=RM, reason="between meetings")
            return t.adopt_plan(nxt, on=on, actor_role=RM)

        self.attempt(adopt)

    @rule()
    def advance(self) -> None:
        """The scheduler records what fell due."""
        on = self.on
        self.attempt(lambda t: t.advance(on=on))

    @rule(data=st.data(), quorate=st.booleans())
    def hold_meeting(self, data: st.DataObject, quorate: bool) -> None:
        """A meeting is held with drawn decisions, sometimes without a required role."""
        meeting = data.draw(review_meetings(on=st.just(self.on), quorate=quorate))
        self.attempt(lambda t: t.hold_meeting(meeting, actor_role=RM, catalogue=REVIEW_CATALOGUE))

    @rule(decision=st.sampled_from(PLAIN_DECISIONS))
    def hold_plain_meeting(self, decision: Decision | None) -> None:
        """A quorate meeting with at most one common decision."""
        meeting = ReviewMeeting(self.on, QUORUM, [] if decision is None else [decision])
        self.attempt(lambda t: t.hold_meeting(meeting, actor_role=RM, catalogue=REVIEW_CATALOGUE))

    @rule(data=st.data())
    def rate_goals(self, data: st.DataObject) -> None:
        """Goals g1/g2 (or an unknown one) are rated -3..3."""
        ratings = data.draw(
            st.dictionaries(st.sampled_from(["g1", "g2", "g9"]), st.integers(-3, 3), min_size=1)
        )
        on = self.on
        self.attempt(lambda t: t.rate_goals(ratings, on=on, actor_role=RM))

    @rule(op=st.sampled_from(["pause", "resume"]))
    def pause_or_resume(self, op: str) -> None:
        """The placement is paused (child missing, in hospital) or resumed."""
        on = self.on
        verb = Tracker.pause if op == "pause" else Tracker.resume
        self.attempt(lambda t: verb(t, on=on, actor_role=RM, reason=op))

    # Ending is absorbing; leave it until the tracker has lived a while.
    @precondition(lambda self: len(self.tracker.events) >= 12)
    @rule()
    def end_placement(self) -> None:
        """The placement ends."""
        on = self.on
        self.attempt(lambda t: t.end_placement(on=on, actor_role=RM, reason="moved on"))

    @precondition(lambda self: self.tracker.last_event_on > date(2024, 1, 1))
    @rule()
    def backdated_event(self) -> None:
        """An event dated before the latest is always refused."""
        before = self.tracker
        stale = before.last_event_on - timedelta(days=1)
        try:
            before.pause(on=stale, actor_role=RM, reason="backdated")
        except ValidationError:
            pass
        else:
            raise AssertionError("a backdated event was accepted")
        assert before.events == self.tracker.events

    @rule()
    def round_trip(self) -> None:
        """The tracker survives storage as JSON."""
        assert self.tracker == tm.loads(tm.dumps(self.tracker), Tracker)

    @invariant()
    def no_illegal_transition_was_accepted(self) -> None:
        """Every step in the history happened in a state the cycle allows it in."""
        for step in self.tracker.history:
            assert step.source in ALLOWED_IN[step.event_type], step

    @invariant()
    def history_only_grows(self) -> None:
        """The number of events never falls."""
        assert len(self.tracker.events) >= self.longest
        self.longest = len(self.tracker.events)

    @invariant()
    def replay_reproduces_the_tracker(self) -> None:
        """Replaying the events gives the same tracker and state."""
        again = Tracker.replay(self.tracker.events)
        assert (self.tracker, self.tracker.state) == (again, again.state)

    @invariant()
    def state_is_where_the_history_ends(self) -> None:
        """The state is the target of the last step, and dates never go back."""
        history = self.tracker.history
        event(f"state {self.tracker.state}")
        assert self.tracker.state == (history[-1].target if history else "referred")
        dates = [e.on for e in self.tracker.events]
        assert dates == sorted(dates)


TestTrackerMachine = TrackerMachine.TestCase
