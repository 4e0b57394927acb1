"""The child's tracker: the aggregate of elements 2 and 3, kept as a list of past-tense events.

A :class:`Tracker` is nothing but its events. Every operation checks its input, fires one or
more cycle events and returns a *new* tracker with the events appended; the old tracker is
unchanged, and when an operation is refused nothing is appended at all. The current state,
assessments, plan versions, meetings and goal ratings are what replaying the events gives, so
``Tracker.replay(t.events) == t`` always holds, and a stored tracker is its events as JSON.
"""

from __future__ import annotations

import warnings
from collections.abc import Container, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

import attrs
import numpy as np
import numpy.typing as npt

from therapeutic_model._paths import key_step
from therapeutic_model.assessment import Assessment, DomainScore, Profile
from therapeutic_model.child import Child
from therapeutic_model.exceptions import FieldError, TransitionNotAllowed, ValidationError
from therapeutic_model.response import IndividualResponse
from therapeutic_model.review._cycle import ReviewCycle
from therapeutic_model.review._events import (
    AssessmentRecorded,
    Escalated,
    GoalsRated,
    MeetingHeld,
    Paused,
    PlacementEnded,
    PlanAdopted,
    PlanContinued,
    ReassessmentFellDue,
    ReassessmentRequested,
    Resumed,
    ReviewFellDue,
    TrackerEvent,
    TrackerOpened,
)
from therapeutic_model.review._meeting import (
    AssessmentRef,
    DecisionKind,
    DomainProgress,
    MeetingEvidence,
    ReviewMeeting,
)
from therapeutic_model.review._plan_changes import plan_after
from therapeutic_model.review._policy import Psychometrics, ReviewPolicy
from therapeutic_model.review._progress import (
    ChangeClass,
    Progress,
    ProgressWarning,
    gas_t_score,
    milestone_met,
    summarise_progress,
)
from therapeutic_model.review._schedule import DueItem
from therapeutic_model.review._suggest import AdjustmentSuggestion, suggest_adjustments

if TYPE_CHECKING:
    from therapeutic_model.response import Catalogue

__all__ = ["StateChange", "Tracker", "due"]

DAYS_PER_MONTH = 365.25 / 12
"""Months for trends are days / 30.4375, the mean length of a Gregorian month."""

_GAS_RANGE = range(-2, 3)


@attrs.frozen
class StateChange:
    """One step of a tracker's history: which event moved it from which state to which."""

    on: date
    event_type: str
    source: str
    target: str


def _events(value: Iterable[TrackerEvent]) -> tuple[TrackerEvent, ...]:
    return tuple(value)


@attrs.frozen
class Tracker:
    """A child's individual tracker: assessments, plan versions, meetings and the review cycle.

    Open one with :meth:`open`; every operation returns a new tracker with past-tense events
    appended (see :mod:`therapeutic_model.review._events`). The tracker itself holds only
    :attr:`events`; everything else is derived by replaying them.

    Args:
        events: the tracker's events, oldest first; the first must be :class:`TrackerOpened`.

    Raises:
        ValidationError: if the events are malformed: dates going back, a second opening,
            another child's records (paths like ``$.events[3].on``).
        TransitionNotAllowed: if an event is not allowed in the state it arrives in; its
            :attr:`~TransitionNotAllowed.path` names the event (``$.events[7]``).

    >>> from therapeutic_model.child import Child
    >>> t = Tracker.open(Child("c-001", date(2012, 5, 1)), on=date(2024, 3, 1),
    ...                  actor_role="registered_manager")
    >>> t.state, len(t.events)
    ('referred', 1)
    >>> t.pause(on=date(2024, 3, 4), actor_role="registered_manager",
    ...         reason="in hospital").state
    'paused'
    """

    events: tuple[TrackerEvent, ...] = attrs.field(converter=_events)
    _view: _View = attrs.field(init=False, repr=False, eq=False, alias="_view")

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_view", _View.replay(self.events))

    # -- building ------------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        child: Child,
        *,
        on: date,
        actor_role: str = "registered_manager",
        reason: str = "referral received",
        policy: ReviewPolicy | None = None,
    ) -> Tracker:
        """Open a tracker for a newly referred child.

        Args:
            child: the child.
            on: the date of referral.
            actor_role: who opened it (a role, never a name); by default the registered
                manager, who is responsible for the child's placement in the home.
            reason: why.
            policy: the home's review policy (default: :class:`ReviewPolicy`'s defaults).
        """
        opened = TrackerOpened(
            on=on,
            actor_role=actor_role,
            reason=reason,
            child=child,
            policy=policy or ReviewPolicy(),
        )
        return cls((opened,))

    @classmethod
    def replay(cls, events: Iterable[TrackerEvent]) -> Tracker:
        """Rebuild a tracker from its events (the same as ``Tracker(events)``)."""
        return cls(tuple(events))

    # -- reading -------------------------------------------------------------------------------

    @property
    def child(self) -> Child:
        """The child the tracker is for."""
        return self._view.child

    @property
    def policy(self) -> ReviewPolicy:
        """The review policy the tracker was opened under."""
        return self._view.policy

    @property
    def cycle(self) -> ReviewCycle:
        """The review cycle of the policy."""
        return self._view.policy.cycle

    @property
    def state(self) -> str:
        """The current state in the review cycle."""
        return self._view.state

    @property
    def opened_on(self) -> date:
        """The date the tracker was opened."""
        return self._view.opened_on

    @property
    def last_event_on(self) -> date:
        """The date of the latest event; a new event may not be dated before it."""
        return self._view.last_on

    @property
    def assessments(self) -> tuple[AssessmentRecorded, ...]:
        """Every assessment recorded, with its profile, in the order recorded."""
        return tuple(self._view.assessments)

    @property
    def plan(self) -> IndividualResponse | None:
        """The plan version in force, if a plan has been adopted."""
        return self._view.plans[-1] if self._view.plans else None

    @property
    def plans(self) -> tuple[IndividualResponse, ...]:
        """Every plan version adopted, oldest first."""
        return tuple(self._view.plans)

    @property
    def meetings(self) -> tuple[ReviewMeeting, ...]:
        """Every review meeting held, oldest first."""
        return tuple(m.meeting for m in self._view.meetings)

    @property
    def goal_ratings(self) -> tuple[GoalsRated, ...]:
        """Every goal rating event, oldest first."""
        return tuple(self._view.ratings)

    @property
    def history(self) -> tuple[StateChange, ...]:
        """Every step through the review cycle, oldest first."""
        return tuple(self._view.history)

    def allowed_events(self) -> tuple[str, ...]:
        """The cycle events allowed in the current state (guards read as for any event)."""
        return self.cycle.allowed_events(self.state, self._view.facts())

    def latest_ratings(self, *, on: date | None = None) -> dict[str, int]:
        """The latest goal attainment rating of each goal, up to ``on`` (default: all)."""
        out: dict[str, int] = {}
        for ev in self._view.ratings:
            if on is None or ev.on <= on:
                out.update(ev.ratings)
        return out

    def goal_t_score(self, *, on: date | None = None) -> float | None:
        """The goal attainment T-score over the plan's goals' latest ratings.

        Uses each goal's weight from the plan in force (Kiresuk & Sherman 1968, ρ = 0.3).
        Returns None when no goal of the plan has been rated.
        """
        plan = self.plan
        ratings = self.latest_ratings(on=on)
        if plan is None:
            return None
        goals = [g for g in plan.goals if g.id in ratings]
        if not goals:
            return None
        scores = np.array([ratings[g.id] for g in goals], dtype=float)
        weights = np.array([g.weight for g in goals], dtype=float)
        return float(gas_t_score(scores, weights))

    # -- operations ----------------------------------------------------------------------------

    def record_assessment(
        self,
        assessment: Assessment,
        profile: Profile,
        *,
        on: date,
        actor_role: str,
        reason: str = "assessment recorded",
    ) -> Tracker:
        """Record a completed assessment and the profile it scored to.

        Args:
            assessment: the completed instrument, with its raw responses.
            profile: the profile it scored to.
            on: the date it is recorded (not before the assessment was completed).
            actor_role: who recorded it.
            reason: why.

        Raises:
            ValidationError: for a date before the tracker's latest event, another child's
                assessment, a profile of another instrument, or an assessment completed
                before the latest one with the same instrument; paths name each.
            TransitionNotAllowed: if assessments cannot be recorded in the current state.
        """
        self._check_on(on)
        event = AssessmentRecorded(
            on=on, actor_role=actor_role, reason=reason, assessment=assessment, profile=profile
        )
        self._check_allowed(event)
        _raise_if(self._view.assessment_problems(event), "assessment")
        return self._then(event)

    def adopt_plan(
        self,
        plan: IndividualResponse,
        *,
        on: date,
        actor_role: str,
        reason: str = "plan adopted",
        catalogue: Container[str] | None = None,
    ) -> Tracker:
        """Adopt a plan version: the first plan, or a revision made between meetings.

        Args:
            plan: the plan version (a later version than the one in force).
            on: the date of adoption (not before the plan's own date).
            actor_role: who adopted it.
            reason: why.
            catalogue: if given, every intervention id the plan uses must be in it.

        Raises:
            ValidationError: for a date out of order, another child's plan, a version not
                later than the one in force, or ids not in the catalogue.
            TransitionNotAllowed: if a plan cannot be adopted in the current state.
        """
        self._check_on(on)
        event = PlanAdopted(on=on, actor_role=actor_role, reason=reason, plan=plan)
        self._check_allowed(event)
        problems = self._view.plan_problems(event)
        if catalogue is not None:
            problems += [
                FieldError("$.plan" + e.path[1:], e.message) for e in plan.problems(catalogue)
            ]
        _raise_if(problems, "plan adoption")
        return self._then(event)

    def rate_goals(
        self,
        ratings: Mapping[str, int],
        *,
        on: date,
        actor_role: str,
        reason: str = "goals rated",
    ) -> Tracker:
        """Rate goals of the plan in force on the goal attainment scale (-2..+2).

        Raises:
            ValidationError: for a date out of order, a goal the plan does not have, or a
                rating that is not a whole number from -2 to +2 (paths ``$.ratings.<goal>``).
            TransitionNotAllowed: if goals cannot be rated in the current state.
        """
        self._check_on(on)
        version = self.plan.version if self.plan is not None else 0
        event = GoalsRated(
            on=on, actor_role=actor_role, reason=reason, ratings=dict(ratings), plan_version=version
        )
        self._check_allowed(event)
        _raise_if(self._view.rating_problems(event), "goal ratings")
        return self._then(event)

    def hold_meeting(
        self,
        meeting: ReviewMeeting,
        *,
        actor_role: str,
        reason: str = "monthly therapeutic management meeting",
        catalogue: Container[str] | None = None,
    ) -> Tracker:
        """Record a review meeting as held, with what its decisions do to the plan and cycle.

        Appends :class:`MeetingHeld`; then :class:`PlanAdopted` with the next plan version
        (the meeting as its reason) if a decision changes the plan, else
        :class:`PlanContinued`; then :class:`ReassessmentRequested` and :class:`Escalated` if
        the meeting decided so.

        Args:
            meeting: the meeting, dated; its date is the events' date.
            actor_role: who records it (and authors the plan version it makes).
            reason: why the meeting was held.
            catalogue: the intervention ids a ``start`` decision may name when the
                intervention is not yet in the plan.

        Raises:
            ValidationError: for a date out of order, a required role missing
                (``$.attendees``), or a decision naming an intervention or goal the plan (or
                catalogue) does not have, or a status change the plan does not allow
                (``$.decisions[2].intervention_id``); every problem at once.
            TransitionNotAllowed: if a meeting cannot be held in the current state.
        """
        on = meeting.on
        self._check_on(on)
        held = MeetingHeld(on=on, actor_role=actor_role, reason=reason, meeting=meeting)
        self._check_allowed(held)
        problems = meeting.role_problems(self.policy.required_roles)
        new_plan, plan_problems = plan_after(
            self.plan, meeting, author_role=actor_role, catalogue=catalogue
        )
        _raise_if(problems + plan_problems, "review meeting")
        return self._then(held, *_outcome(meeting, new_plan, actor_role=actor_role, reason=reason))

    def advance(self, *, on: date, actor_role: str = "scheduler") -> Tracker:
        """Record what the schedule says has fallen due by ``on``.

        Appends :class:`ReviewFellDue` when the meeting window has opened,
        :class:`ReassessmentFellDue` when the reassessment window has, and :class:`Escalated`
        when the meeting is overdue past the grace period, each only if the cycle allows it in
        the state reached. Calling it again on the same day appends nothing more.

        Raises:
            ValidationError: if ``on`` is before the tracker's latest event.
        """
        self._check_on(on)
        tracker = self
        for event in _fallen_due(self.obligations(on=on), on=on, actor_role=actor_role):
            if tracker._allows(event):
                tracker = tracker._then(event)
        return tracker

    def pause(self, *, on: date, actor_role: str, reason: str) -> Tracker:
        """Pause the review work (e.g. the child is missing or in hospital).

        Raises:
            ValidationError: if ``on`` is before the tracker's latest event.
            TransitionNotAllowed: if already paused or ended.
        """
        return self._simple(Paused(on=on, actor_role=actor_role, reason=reason))

    def resume(self, *, on: date, actor_role: str, reason: str) -> Tracker:
        """Resume the review work where it stood before the pause.

        A meeting whose due date passed during the pause falls due on the day of return.

        Raises:
            ValidationError: if ``on`` is before the tracker's latest event.
            TransitionNotAllowed: if not paused.
        """
        return self._simple(Resumed(on=on, actor_role=actor_role, reason=reason))

    def end_placement(self, *, on: date, actor_role: str, reason: str) -> Tracker:
        """End the placement. The tracker is kept whole; it takes no more events.

        Raises:
            ValidationError: if ``on`` is before the tracker's latest event.
            TransitionNotAllowed: if already ended.
        """
        return self._simple(PlacementEnded(on=on, actor_role=actor_role, reason=reason))

    # -- the schedule --------------------------------------------------------------------------

    def obligations(self, *, on: date) -> tuple[DueItem, ...]:
        """What the schedule asks of this child on a date: the next meeting, the reassessment.

        Nothing is listed while the cycle is in a suspended state (paused) or ended; no
        meeting is listed before a plan is adopted; no reassessment before the reassessment
        instrument has been used once.
        """
        return self._view.obligations(on)

    # -- progress ------------------------------------------------------------------------------

    def score_ids(self, instrument_id: str) -> tuple[str, ...]:
        """The score ids of an instrument's latest recorded profile, in its order."""
        recorded = self._view.series(instrument_id, None)
        return tuple(recorded[-1].profile.scores) if recorded else ()

    def progress(
        self,
        instrument_id: str,
        *,
        score_ids: Sequence[str] | None = None,
        psychometrics: Psychometrics | None = None,
    ) -> Progress:
        """Progress per score of one instrument over the tracker, through ``summarise_progress``.

        Months are counted from the date the tracker was opened (days / 30.4375).

        Args:
            instrument_id: the instrument.
            score_ids: the scores, in the order of the result's columns (default:
                :meth:`score_ids`).
            psychometrics: SD and reliability per score (default: the policy's for the
                instrument).

        Returns:
            A :class:`~therapeutic_model.review.Progress` with arrays of shape ``(n_scores,)``.

        Raises:
            ValidationError: if the instrument was never recorded, or a score has no SD and
                reliability.

        Warns:
            ProgressWarning: if a score has fewer than two recorded assessments.
        """
        ids = tuple(score_ids) if score_ids is not None else self.score_ids(instrument_id)
        recorded = self._view.series(instrument_id, None)
        if not recorded:
            raise ValidationError.single(
                "$.instrument_id", "has no recorded assessment in this tracker", what="progress"
            )
        psy = psychometrics or self.policy.psychometrics.get(instrument_id)
        if psy is None:
            psy = Psychometrics(sd={}, reliability={})
        missing = [s for s in ids if s not in psy.score_ids]
        if missing:
            raise ValidationError(
                [
                    FieldError(f"$.psychometrics.{s}", "needs an sd and a reliability")
                    for s in missing
                ],
                what="progress",
            )
        series = _Series.of(recorded, ids, self.opened_on)
        return summarise_progress(
            series.values,
            series.months,
            sd=[psy.sd[s] for s in ids],
            reliability=[psy.reliability[s] for s in ids],
            higher_is_better=series.higher_is_better,
            z=self.policy.z,
        )

    def domain_progress(
        self, instrument_id: str, *, on: date | None = None
    ) -> tuple[DomainProgress, ...]:
        """Progress per score of one instrument as plain rows, for meeting papers.

        Scores without SD and reliability in the policy get trend and distance travelled but
        no RCI; a score recorded once gets neither (and no warning: ``n_assessments`` says it).

        Args:
            instrument_id: the instrument.
            on: count only assessments completed up to this date (default: all).
        """
        recorded = self._view.series(instrument_id, on)
        if not recorded:
            return ()
        ids = tuple(recorded[-1].profile.scores)
        psy = self.policy.psychometrics.get(instrument_id)
        known = [psy is not None and s in psy.score_ids for s in ids]
        series = _Series.of(recorded, ids, self.opened_on)
        sd = [psy.sd[s] if psy is not None and k else 1.0 for s, k in zip(ids, known, strict=True)]
        rel = [
            psy.reliability[s] if psy is not None and k else 0.0
            for s, k in zip(ids, known, strict=True)
        ]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ProgressWarning)
            p = summarise_progress(
                series.values,
                series.months,
                sd=sd,
                reliability=rel,
                higher_is_better=series.higher_is_better,
                z=self.policy.z,
            )
        met = milestone_met(series.ranks)
        latest = recorded[-1].profile.scores
        return tuple(
            _row(
                instrument_id,
                score_id=s,
                i=i,
                p=p,
                has_psychometrics=known[i],
                met=bool(met[i]),
                latest=latest[s],
            )
            for i, s in enumerate(ids)
        )

    def evidence(
        self,
        *,
        on: date,
        team_status: str | None = None,
        notes: Sequence[str] = (),
    ) -> MeetingEvidence:
        """The evidence for a meeting on ``on``: latest assessments, progress, goal ratings.

        Args:
            on: the meeting date; only what was recorded up to it is used.
            team_status: a short summary of the team check (element 4), if any.
            notes: anything else the meeting will see.
        """
        instruments = list(dict.fromkeys(a.assessment.instrument_id for a in self.assessments))
        refs: list[AssessmentRef] = []
        rows: list[DomainProgress] = []
        for inst in instruments:
            recorded = self._view.series(inst, on)
            if recorded:
                refs.append(AssessmentRef(inst, recorded[-1].assessment.on))
                rows += self.domain_progress(inst, on=on)
        return MeetingEvidence(
            assessments=refs,
            progress=rows,
            goal_ratings=self.latest_ratings(on=on),
            goal_t_score=self.goal_t_score(on=on),
            team_status=team_status,
            notes=tuple(notes),
        )

    def suggest_adjustments(
        self, *, on: date, catalogue: Catalogue | None = None
    ) -> tuple[AdjustmentSuggestion, ...]:
        """Adjustments for the meeting to consider: the library suggests, people decide.

        See :func:`therapeutic_model.review.suggest_adjustments`.
        """
        return suggest_adjustments(self, on=on, catalogue=catalogue)

    # -- internals -----------------------------------------------------------------------------

    def _check_on(self, on: date) -> None:
        if on < self._view.last_on:
            raise ValidationError.single(
                "$.on",
                "must not be before the tracker's latest event (events are kept in date order)",
                what="tracker event",
            )

    def _check_allowed(self, event: TrackerEvent) -> None:
        view = self._view
        view.policy.cycle.next_state(
            view.state, event.trigger, view.facts(event), previous=view.previous
        )

    def _allows(self, event: TrackerEvent) -> bool:
        view = self._view
        return view.policy.cycle.allows(view.state, event.trigger, view.facts(event))

    def _simple(self, event: TrackerEvent) -> Tracker:
        self._check_on(event.on)
        self._check_allowed(event)
        return self._then(event)

    def _then(self, *events: TrackerEvent) -> Tracker:
        return Tracker((*self.events, *events))


def _outcome(
    meeting: ReviewMeeting,
    new_plan: IndividualResponse | None,
    *,
    actor_role: str,
    reason: str,
) -> list[TrackerEvent]:
    """The events that follow a meeting: the plan's next version or its continuation, then a
    reassessment request and an escalation if the meeting decided so."""
    on = meeting.on
    out: list[TrackerEvent] = [
        PlanAdopted(
            on=on, actor_role=actor_role, reason=new_plan.reason, plan=new_plan, meeting_on=on
        )
        if new_plan is not None
        else PlanContinued(on=on, actor_role=actor_role, reason=reason, meeting_on=on)
    ]
    kinds = {d.kind: d for d in reversed(meeting.decisions)}  # the first of each kind wins
    if (d := kinds.get(DecisionKind.REASSESS)) is not None:
        out.append(
            ReassessmentRequested(on=on, actor_role=actor_role, reason=d.reason, meeting_on=on)
        )
    if (d := kinds.get(DecisionKind.ESCALATE)) is not None:
        out.append(Escalated(on=on, actor_role=actor_role, reason=d.reason, meeting_on=on))
    return out


def _fallen_due(items: Iterable[DueItem], *, on: date, actor_role: str) -> list[TrackerEvent]:
    """The events the schedule's obligations on ``on`` call for, in the order to try them."""
    by_what = {item.what: item for item in items}
    meeting, reassessment = by_what.get("review_meeting"), by_what.get("reassessment")
    out: list[TrackerEvent] = []
    if meeting is not None and meeting.status != "upcoming":
        out.append(
            ReviewFellDue(
                on=on,
                actor_role=actor_role,
                reason="the monthly review meeting fell due",
                due_on=meeting.due_on,
            )
        )
    if reassessment is not None and reassessment.status != "upcoming":
        out.append(
            ReassessmentFellDue(
                on=on,
                actor_role=actor_role,
                reason="the scheduled reassessment fell due",
                due_on=reassessment.due_on,
                instrument_id=reassessment.instrument_id or "",
            )
        )
    if meeting is not None and meeting.escalate:
        out.append(
            Escalated(
                on=on,
                actor_role=actor_role,
                reason="the review meeting is overdue past the grace period",
            )
        )
    return out


def due(trackers: Iterable[Tracker], *, on: date) -> tuple[DueItem, ...]:
    """What is due or overdue on a date, for a whole home, most overdue first.

    Args:
        trackers: every child's tracker.
        on: the date to look at.

    Returns:
        The meetings and reassessments whose window is open or past, sorted by days overdue
        (most first), then due date, then child id. Paused and ended trackers list nothing.
    """
    items = [
        item for t in trackers for item in t.obligations(on=on) if item.status in ("due", "overdue")
    ]
    return tuple(sorted(items, key=lambda i: (-i.days_overdue, i.due_on, i.child_id, i.what)))


# ---------------------------------------------------------------------------------------------
# Replaying events


@attrs.define
class _View:
    """What replaying a tracker's events gives; built once per tracker, then only read."""

    child: Child
    policy: ReviewPolicy
    opened_on: date
    state: str
    last_on: date
    previous: str | None = None
    assessments: list[AssessmentRecorded] = attrs.field(factory=list)
    plans: list[IndividualResponse] = attrs.field(factory=list)
    first_plan_on: date | None = None
    meetings: list[MeetingHeld] = attrs.field(factory=list)
    ratings: list[GoalsRated] = attrs.field(factory=list)
    history: list[StateChange] = attrs.field(factory=list)
    resumed_on: date | None = None

    @classmethod
    def replay(cls, events: Sequence[TrackerEvent]) -> _View:
        if not events or not isinstance(events[0], TrackerOpened):
            raise ValidationError.single(
                "$.events[0]", "must be the tracker_opened event", what="tracker"
            )
        first = events[0]
        view = cls(
            child=first.child,
            policy=first.policy,
            opened_on=first.on,
            state=first.policy.cycle.start,
            last_on=first.on,
        )
        for i, event in enumerate(events[1:], start=1):
            view.apply(event, f"$.events[{i}]")
        return view

    def apply(self, event: TrackerEvent, path: str) -> None:
        problems = self.problems(event)
        if event.on < self.last_on:
            problems.insert(0, FieldError("$.on", "must not be before the previous event"))
        if problems:
            raise ValidationError(
                [FieldError(path + e.path[1:], e.message) for e in problems], what="tracker"
            )
        try:
            target = self.policy.cycle.next_state(
                self.state, event.trigger, self.facts(event), previous=self.previous
            )
        except TransitionNotAllowed as exc:
            raise TransitionNotAllowed(exc.event, exc.state, exc.allowed, path=path) from None
        self.history.append(StateChange(event.on, event.event_type, self.state, target))
        if target != self.state:
            self.previous = self.state
            self.state = target
        self.last_on = event.on
        self.record(event)

    def record(self, event: TrackerEvent) -> None:
        if isinstance(event, AssessmentRecorded):
            self.assessments.append(event)
        elif isinstance(event, PlanAdopted):
            self.plans.append(event.plan)
            self.first_plan_on = self.first_plan_on or event.on
        elif isinstance(event, MeetingHeld):
            self.meetings.append(event)
        elif isinstance(event, GoalsRated):
            self.ratings.append(event)
        elif isinstance(event, Resumed):
            self.resumed_on = event.on

    # -- checks --------------------------------------------------------------------------------

    def problems(self, event: TrackerEvent) -> list[FieldError]:
        if isinstance(event, TrackerOpened):
            return [FieldError("$", "a tracker is opened once, by its first event")]
        if isinstance(event, AssessmentRecorded):
            return self.assessment_problems(event)
        if isinstance(event, PlanAdopted):
            return self.plan_problems(event)
        if isinstance(event, GoalsRated):
            return self.rating_problems(event)
        if isinstance(event, MeetingHeld):
            problems = event.meeting.role_problems(self.policy.required_roles)
            return [FieldError("$.meeting" + e.path[1:], e.message) for e in problems]
        return []

    def assessment_problems(self, event: AssessmentRecorded) -> list[FieldError]:
        a, p = event.assessment, event.profile
        out = []
        if a.child_id != self.child.id:
            out.append(FieldError("$.assessment.child_id", "must be the tracker's child"))
        if p.instrument_id != a.instrument_id:
            out.append(FieldError("$.profile.instrument_id", "must be the assessment's"))
        if a.on > event.on:
            out.append(FieldError("$.assessment.on", "must not be after the date recorded"))
        earlier = self.series(a.instrument_id, None)
        if earlier and a.on < earlier[-1].assessment.on:
            out.append(
                FieldError(
                    "$.assessment.on",
                    "must not be before the latest assessment with the same instrument",
                )
            )
        return out

    def plan_problems(self, event: PlanAdopted) -> list[FieldError]:
        plan = event.plan
        out = []
        if plan.child_id != self.child.id:
            out.append(FieldError("$.plan.child_id", "must be the tracker's child"))
        if plan.on > event.on:
            out.append(FieldError("$.plan.on", "must not be after the date of adoption"))
        if self.plans and plan.version <= self.plans[-1].version:
            out.append(FieldError("$.plan.version", "must be later than the plan in force"))
        return out

    def rating_problems(self, event: GoalsRated) -> list[FieldError]:
        goals = {g.id for g in self.plans[-1].goals} if self.plans else set()
        out = []
        if not event.ratings:
            out.append(FieldError("$.ratings", "must rate at least one goal"))
        for position, (goal_id, rating) in enumerate(event.ratings.items()):
            path = "$.ratings" + key_step(goal_id, position)
            if goal_id not in goals:
                out.append(FieldError(path, "names no goal of the plan"))
            elif not _is_gas_rating(rating):
                out.append(FieldError(path, "must be a whole number from -2 to +2"))
        return out

    # -- facts and schedule --------------------------------------------------------------------

    def reassessment_instrument(self) -> str | None:
        chosen = self.policy.schedule.reassessment_instrument
        if chosen is not None:
            return chosen
        return self.assessments[0].assessment.instrument_id if self.assessments else None

    def facts(self, event: TrackerEvent | None = None) -> dict[str, bool]:
        """The guard facts as they would be after ``event``."""
        recorded = event.assessment.instrument_id if isinstance(event, AssessmentRecorded) else None
        instrument = self.reassessment_instrument() or recorded
        return {
            "has_assessment": bool(self.assessments) or recorded is not None,
            "has_plan": bool(self.plans) or isinstance(event, PlanAdopted),
            "reassessment_done": recorded is not None and recorded == instrument,
            "reassessment_outstanding": event is not None and self.reassessment_owed(event.on),
        }

    def reassessment_owed(self, on: date) -> bool:
        """Whether the scheduled reassessment's window is open or past on a date."""
        scheduled = self.reassessment_window()
        return scheduled is not None and on >= scheduled[1][0]

    def reassessment_window(self) -> tuple[str, tuple[date, date]] | None:
        """The reassessment instrument and its window, once that instrument has been used."""
        instrument = self.reassessment_instrument()
        recorded = self.series(instrument, None) if instrument is not None else []
        if instrument is None or not recorded:
            return None
        return instrument, self.policy.schedule.reassessment_window(recorded[-1].assessment.on)

    def series(self, instrument_id: str, on: date | None) -> list[AssessmentRecorded]:
        return [
            a
            for a in self.assessments
            if a.assessment.instrument_id == instrument_id and (on is None or a.assessment.on <= on)
        ]

    def obligations(self, on: date) -> tuple[DueItem, ...]:
        cycle = self.policy.cycle
        if self.state in cycle.suspended or self.state == cycle.final:
            return ()
        schedule = self.policy.schedule
        out = []
        if self.first_plan_on is not None:
            anchor = self.meetings[-1].on if self.meetings else self.first_plan_on
            opens_on, due_on = schedule.meeting_window(anchor)
            if self.resumed_on is not None and self.resumed_on > due_on:
                opens_on = due_on = self.resumed_on
            out.append(
                DueItem.on(
                    self.child.id,
                    "review_meeting",
                    (opens_on, due_on),
                    on=on,
                    grace_days=schedule.grace_days,
                )
            )
        scheduled = self.reassessment_window()
        if scheduled is not None:
            instrument, window = scheduled
            out.append(
                DueItem.on(self.child.id, "reassessment", window, on=on, instrument_id=instrument)
            )
        return tuple(out)


def _is_gas_rating(rating: object) -> bool:
    return isinstance(rating, int) and not isinstance(rating, bool) and rating in _GAS_RANGE


def _raise_if(problems: list[FieldError], what: str) -> None:
    if problems:
        raise ValidationError(problems, what=what)


# ---------------------------------------------------------------------------------------------
# Series of one instrument's scores, for the progress statistics


@attrs.frozen(eq=False)
class _Series:
    values: npt.NDArray[np.float64]
    ranks: npt.NDArray[np.float64]
    months: npt.NDArray[np.float64]
    higher_is_better: list[bool]

    @classmethod
    def of(
        cls, recorded: Sequence[AssessmentRecorded], ids: Sequence[str], opened_on: date
    ) -> _Series:
        values = np.full((len(recorded), len(ids)), np.nan)
        ranks = np.full((len(recorded), len(ids)), np.nan)
        for r, rec in enumerate(recorded):
            for c, score_id in enumerate(ids):
                score = rec.profile.scores.get(score_id)
                if score is not None and score.value is not None:
                    values[r, c] = score.value
                if score is not None and score.rank is not None:
                    ranks[r, c] = score.rank
        months = np.array(
            [(rec.assessment.on - opened_on).days / DAYS_PER_MONTH for rec in recorded]
        )
        latest = recorded[-1].profile.scores
        direction = [latest[s].higher_is_better if s in latest else True for s in ids]
        return cls(values, ranks, months, direction)


def _row(
    instrument_id: str,
    *,
    score_id: str,
    i: int,
    p: Progress,
    has_psychometrics: bool,
    met: bool,
    latest: DomainScore,
) -> DomainProgress:
    band = latest.band
    rci = _number(p.rci[i]) if has_psychometrics else None
    change = ChangeClass(int(p.change[i])).label if rci is not None else None
    return DomainProgress(
        instrument_id=instrument_id,
        domain=score_id,
        n_assessments=int(p.n_assessments[i]),
        entry=_number(p.entry[i]),
        latest=_number(p.latest[i]),
        distance_travelled=_number(p.distance_travelled[i]),
        trend_per_month=_number(p.trend_per_month[i]),
        rci=rci,
        change=change,
        latest_band=None if band is None else band.label,
        latest_rank=None if band is None else band.rank,
        milestone_met=met,
        higher_is_better=latest.higher_is_better,
    )


def _number(x: object) -> float | None:
    value = float(x)  # type: ignore[arg-type]
    return None if np.isnan(value) else value
