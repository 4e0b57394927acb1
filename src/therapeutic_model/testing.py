"""Hypothesis strategies for the library's public records, for its tests and for yours.

This module needs the ``testing`` extra (``pip install 'therapeutic_model[testing]'``), which
brings in Hypothesis. ``import therapeutic_model`` never imports it: only importing this
module does.

The records drawn are synthetic: ids are random opaque strings, never names.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from typing import Any

from hypothesis import strategies as st

from therapeutic_model.assessment import Assessment, Band, DomainScore, Profile
from therapeutic_model.child import Child
from therapeutic_model.exceptions import TransitionNotAllowed, ValidationError
from therapeutic_model.response import (
    AttainmentLevels,
    Frequency,
    Goal,
    IndividualResponse,
    PlannedIntervention,
)
from therapeutic_model.review import (
    Attendee,
    ChildView,
    Decision,
    DomainProgress,
    MeetingEvidence,
    ReviewMeeting,
    ReviewPolicy,
    Schedule,
    Tracker,
)
from therapeutic_model.team import (
    Appraisal,
    Employment,
    Incident,
    IncidentKind,
    PostIncidentSupport,
    StaffMember,
    SupervisionFormat,
    SupervisionKind,
    SupervisionSession,
    SupportKind,
    TeamRecord,
    TeamRecords,
    TrainingKind,
    TrainingRecord,
    WellbeingCheck,
)

__all__ = [
    "REVIEW_CATALOGUE",
    "attendees",
    "child_views",
    "decisions",
    "meeting_evidence",
    "proqol_profiles",
    "review_meetings",
    "review_policies",
    "schedules",
    "staff_members",
    "synthetic_plan",
    "synthetic_profile",
    "synthetic_profiles",
    "team_record_for",
    "team_records",
    "trackers",
]


# ---------------------------------------------------------------------------------------------
# review (element 3)
# ---------------------------------------------------------------------------------------------

REVIEW_CATALOGUE: tuple[str, ...] = ("rhythm", "drumming", "swimming", "key_work")
"""The tiny synthetic catalogue the review strategies draw intervention ids from."""

_ROLES = ("clinical_assessor", "registered_manager", "key_worker", "social_worker", "child")
_REVIEW_DOMAINS = ("regulate", "relate", "reason")
_FREE_TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30
).filter(lambda s: s.strip() != "")
_REVIEW_START = date(2020, 1, 1)


def attendees(*, roles: tuple[str, ...] = _ROLES) -> st.SearchStrategy[Attendee]:
    """Meeting attendees: a role tag and sometimes an opaque staff id."""
    return st.builds(
        Attendee,
        role=st.sampled_from(roles),
        person_id=st.none() | st.from_regex(r"\As-[0-9]{1,4}\Z"),
    )


def child_views() -> st.SearchStrategy[ChildView]:
    """The child's view in any words (free text of any script)."""
    return st.builds(
        ChildView,
        wishes=st.text(max_size=40),
        suggestion=st.text(max_size=40),
        took_part=st.sampled_from(
            ["attended", "key_work_session", "in_writing", "through_advocate", "declined"]
        ),
        own_words=st.booleans(),
    )


def decisions(
    *, intervention_ids: tuple[str, ...] = REVIEW_CATALOGUE
) -> st.SearchStrategy[Decision]:
    """Well-formed decisions of every kind, each with a reason (not checked against a plan)."""
    ids = st.sampled_from(intervention_ids)
    reason = _FREE_TEXT
    frequency = st.none() | st.builds(
        Frequency, times=st.integers(1, 5), per=st.sampled_from(["day", "week", "month"])
    )
    return st.one_of(
        st.builds(Decision.continue_, ids, reason=reason),
        st.builds(
            Decision.adjust,
            ids,
            reason=reason,
            frequency=frequency,
            status=st.none() | st.sampled_from(["paused", "active", "completed"]),
        ),
        st.builds(Decision.start, ids, reason=reason, frequency=frequency),
        st.builds(Decision.stop, ids, reason=reason),
        st.builds(Decision.goal_met, st.sampled_from(["g1", "g2"]), reason=reason),
        st.builds(Decision.reassess, reason=reason),
        st.builds(Decision.escalate, reason=reason),
    )


def _finite(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def _domain_progress() -> st.SearchStrategy[DomainProgress]:
    maybe = st.none() | _finite(-50, 50)
    return st.builds(
        DomainProgress,
        instrument_id=st.just("synthetic"),
        domain=st.sampled_from(_REVIEW_DOMAINS),
        n_assessments=st.integers(0, 24),
        entry=maybe,
        latest=maybe,
        distance_travelled=maybe,
        trend_per_month=maybe,
        rci=maybe,
        change=st.none() | st.sampled_from(["reliably improved", "no reliable change"]),
        latest_band=st.none() | st.sampled_from(["green", "amber", "red"]),
        latest_rank=st.none() | st.integers(0, 2),
        milestone_met=st.booleans(),
        higher_is_better=st.booleans(),
    )


def meeting_evidence() -> st.SearchStrategy[MeetingEvidence]:
    """Meeting evidence with progress rows, goal ratings and a T-score."""
    return st.builds(
        MeetingEvidence,
        progress=st.lists(_domain_progress(), max_size=3),
        goal_ratings=st.dictionaries(st.sampled_from(["g1", "g2"]), st.integers(-2, 2)),
        goal_t_score=st.none() | _finite(20, 80),
        team_status=st.none() | st.sampled_from(["no findings", "supervision overdue"]),
        notes=st.lists(_FREE_TEXT, max_size=2),
    )


def review_meetings(
    *, on: st.SearchStrategy[date] | None = None, quorate: bool = True
) -> st.SearchStrategy[ReviewMeeting]:
    """Review meetings; with ``quorate`` the default required roles are always present."""
    required = [Attendee("clinical_assessor"), Attendee("registered_manager")] if quorate else []
    return st.builds(
        ReviewMeeting,
        on=on if on is not None else st.dates(_REVIEW_START, date(2030, 12, 31)),
        attendees=st.lists(attendees(), max_size=3).map(lambda extra: required + extra),
        decisions=st.lists(decisions(), max_size=4),
        evidence=meeting_evidence(),
        child_view=st.none() | child_views(),
        priorities=st.lists(_FREE_TEXT, max_size=3),
    )


def schedules() -> st.SearchStrategy[Schedule]:
    """Review schedules: calendar or rolling cadence, any grace and reassessment interval."""
    return st.builds(
        Schedule,
        cadence=st.sampled_from(["calendar_month", "rolling_days"]),
        every_days=st.integers(14, 45),
        notice_days=st.integers(0, 14),
        grace_days=st.integers(0, 21),
        reassessment_months=st.integers(1, 12),
    )


def review_policies() -> st.SearchStrategy[ReviewPolicy]:
    """Review policies over the default cycle, with drawn schedules and thresholds."""
    return st.builds(
        ReviewPolicy,
        schedule=schedules(),
        reviews_without_change=st.integers(1, 4),
    )


def _synthetic_score(domain: str, value: float | None, higher_is_better: bool) -> DomainScore:
    if value is None:
        return DomainScore(domain, None, higher_is_better=higher_is_better)
    good = value if higher_is_better else 40.0 - value
    rank = 0 if good >= 30 else (1 if good >= 15 else 2)
    lower, upper = ((30.0, None), (15.0, 30.0), (None, 15.0))[rank]
    if not higher_is_better:
        lower, upper = (
            (None if upper is None else 40.0 - upper),
            (None if lower is None else 40.0 - lower),
        )
    band = Band(("green", "amber", "red")[rank], rank, "value", lower, upper, False)
    return DomainScore(domain, value, band=band, higher_is_better=higher_is_better)


def synthetic_profile(
    values: Mapping[str, float | None],
    *,
    instrument_id: str = "synthetic",
    age_months: int = 120,
    higher_is_better: bool = True,
) -> Profile:
    """A SYNTHETIC profile with the given scores (0–40), for tests and demos.

    Bands: green (rank 0, typical) from 30, amber (rank 1) from 15, red (rank 2) below,
    mirrored when lower scores are better. Not any real instrument's cut-offs.

    >>> synthetic_profile({"relate": 32.0}).scores["relate"].band.label
    'green'
    """
    return Profile(
        instrument_id,
        "synthetic-1",
        float(age_months),
        {d: _synthetic_score(d, v, higher_is_better) for d, v in values.items()},
    )


def synthetic_profiles(
    *, instrument_id: str = "synthetic", age_months: int = 120
) -> st.SearchStrategy[Profile]:
    """SYNTHETIC profiles of three domains scored 0–40 (see :func:`synthetic_profile`)."""
    return st.lists(st.integers(0, 40).map(float), min_size=3, max_size=3).map(
        lambda values: synthetic_profile(
            dict(zip(_REVIEW_DOMAINS, values, strict=True)),
            instrument_id=instrument_id,
            age_months=age_months,
        )
    )


def synthetic_plan(
    child_id: str, *, on: date, author_role: str = "registered_manager"
) -> IndividualResponse:
    """A first plan: goals g1 (domain ``regulate``) and g2 (``relate``), intervention
    ``rhythm`` active for g1. SYNTHETIC, for tests and demos."""
    levels = AttainmentLevels("much less", "less", "as expected", "more", "much more")
    goals = [
        Goal(f"g{k + 1}", f"goal {k + 1}", levels, on, domain=d)
        for k, d in enumerate(_REVIEW_DOMAINS[:2])
    ]
    return IndividualResponse.create(
        child_id,
        on=on,
        author_role=author_role,
        goals=goals,
        interventions=[PlannedIntervention("rhythm", status="active", goal_ids=("g1",))],
    )


_ROLE = "registered_manager"


def _assess(draw: st.DrawFn, tracker: Tracker, on: date) -> Tracker:
    profile = draw(synthetic_profiles())
    assessment = Assessment(tracker.child.id, "synthetic", on, {})
    return tracker.record_assessment(assessment, profile, on=on, actor_role=_ROLE)


def _plan(draw: st.DrawFn, tracker: Tracker, on: date) -> Tracker:
    plan = tracker.plan
    if plan is None:
        return tracker.adopt_plan(synthetic_plan(tracker.child.id, on=on), on=on, actor_role=_ROLE)
    revised = plan.revise(on=on, author_role=_ROLE, reason="revised between meetings")
    return tracker.adopt_plan(revised, on=on, actor_role=_ROLE)


def _meet(draw: st.DrawFn, tracker: Tracker, on: date) -> Tracker:
    meeting = draw(review_meetings(on=st.just(on)))
    return tracker.hold_meeting(meeting, actor_role=_ROLE, catalogue=REVIEW_CATALOGUE)


def _rate(draw: st.DrawFn, tracker: Tracker, on: date) -> Tracker:
    goal_ids = [g.id for g in tracker.plan.goals] if tracker.plan else ["g1"]
    ratings = draw(st.dictionaries(st.sampled_from(goal_ids), st.integers(-2, 2), min_size=1))
    return tracker.rate_goals(ratings, on=on, actor_role=_ROLE)


_STEPS: dict[str, Callable[[st.DrawFn, Tracker, date], Tracker]] = {
    "assess": _assess,
    "plan": _plan,
    "advance": lambda _, t, on: t.advance(on=on),
    "meet": _meet,
    "rate": _rate,
    "pause": lambda _, t, on: t.pause(on=on, actor_role=_ROLE, reason="in hospital"),
    "resume": lambda _, t, on: t.resume(on=on, actor_role=_ROLE, reason="back home"),
    "end": lambda _, t, on: t.end_placement(on=on, actor_role=_ROLE, reason="moved on"),
}


# Ending is absorbing, so it is drawn rarely; the review work itself often.
_STEP_NAMES = st.sampled_from(
    ["assess", "plan", "advance", "meet", "rate"] * 3 + ["pause", "resume", "pause", "end"]
)


@st.composite
def trackers(draw: st.DrawFn, *, max_steps: int = 12) -> Tracker:
    """Valid trackers grown by random operations on dates moving forward.

    Each step draws an operation (assess, adopt a plan, advance the schedule, hold a meeting,
    rate goals, pause, resume, end) and keeps it only if the tracker accepts it, so every
    tracker drawn is one the library could have built.
    """
    child = Child("c-synthetic", date(2010, 1, 1))
    on = draw(st.dates(_REVIEW_START, date(2024, 12, 31)))
    tracker = Tracker.open(child, on=on, actor_role=_ROLE, policy=draw(review_policies()))
    for _ in range(draw(st.integers(0, max_steps))):
        on += timedelta(days=draw(st.integers(0, 40)))
        step = _STEPS[draw(_STEP_NAMES)]
        try:
            tracker = step(draw, tracker, on)
        except (TransitionNotAllowed, ValidationError):
            continue
    return tracker


# ---------------------------------------------------------------------------------------------
# team (element 4)
# ---------------------------------------------------------------------------------------------

_TEAM_START = date(2022, 1, 1)
_TEAM_END = date(2024, 12, 31)
_STAFF_ROLES = (
    "residential_care_worker",
    "senior_care_worker",
    "deputy_manager",
    "registered_manager",
)


@functools.cache
def _proqol() -> Any:
    from therapeutic_model.io import default_registry

    return default_registry(plugins=False).get("proqol")


@st.composite
def proqol_profiles(draw: st.DrawFn) -> Profile:
    """A scored ProQOL 5 profile from 30 drawn item responses (1–5)."""
    responses = draw(st.lists(st.integers(1, 5), min_size=30, max_size=30))
    profile: Profile = _proqol().score(
        {str(i + 1): r for i, r in enumerate(responses)}, age_months=400
    )
    return profile


def _days(start: date, end: date) -> st.SearchStrategy[date]:
    return st.dates(min_value=start, max_value=end)


def staff_members(
    *, start: date = _TEAM_START, end: date = _TEAM_END, id: str | None = None
) -> st.SearchStrategy[StaffMember]:
    """A staff member starting between two dates, possibly having left."""

    @st.composite
    def build(draw: st.DrawFn) -> StaffMember:
        started = draw(_days(start, end))
        left = draw(st.none() | _days(started, end + timedelta(days=365)))
        return StaffMember(
            id=id if id is not None else f"s{draw(st.integers(0, 10**6))}",
            role=draw(st.sampled_from(_STAFF_ROLES)),
            started=started,
            employment=draw(st.sampled_from(Employment)),
            left=left,
        )

    return build()


def _moment(d: date, draw: st.DrawFn) -> datetime:
    return datetime.combine(d, time()) + timedelta(minutes=draw(st.integers(0, 24 * 60 - 1)))


@st.composite
def _staff_record(
    draw: st.DrawFn, staff: tuple[StaffMember, ...], record_id: str, end: date
) -> TeamRecord:
    """One dated record about staff already in the home (dated on or after they started)."""
    kind = draw(st.sampled_from(("supervision", "appraisal", "wellbeing", "training")))
    if kind == "supervision":
        fmt = draw(st.sampled_from(SupervisionFormat))
        n = 1 if fmt is SupervisionFormat.INDIVIDUAL else draw(st.integers(1, len(staff)))
        chosen = draw(st.permutations(staff))[:n]
        latest_start = max(s.started for s in chosen)
        return SupervisionSession(
            id=record_id,
            on=draw(_days(latest_start, max(latest_start, end))),
            kind=draw(st.sampled_from(SupervisionKind)),
            attendees=tuple(s.id for s in chosen),
            format=fmt,
            minutes=draw(st.sampled_from((30, 60, 90))),
            supervisor_role=draw(st.sampled_from(("clinical_supervisor", "registered_manager"))),
        )
    who = draw(st.sampled_from(staff))
    on = draw(_days(who.started, max(who.started, end)))
    if kind == "appraisal":
        return Appraisal(record_id, who.id, on, appraiser_role="registered_manager")
    if kind == "wellbeing":
        return WellbeingCheck(record_id, who.id, on, draw(proqol_profiles()))
    return TrainingRecord(
        record_id,
        who.id,
        on,
        course=draw(st.sampled_from(("trauma_informed", "first_aid"))),
        kind=draw(st.sampled_from(TrainingKind)),
    )


@st.composite
def _incident(
    draw: st.DrawFn, staff: tuple[StaffMember, ...], record_id: str, start: date, end: date
) -> Incident:
    chosen = draw(st.permutations(staff))[: draw(st.integers(1, min(3, len(staff))))]
    return Incident(
        id=record_id,
        kind=draw(st.sampled_from((IncidentKind.RESTRAINT, IncidentKind.MISSING))),
        at=_moment(draw(_days(start, end)), draw),
        staff=tuple(s.id for s in chosen),
        child_id=f"c-{draw(st.integers(1, 9))}",
    )


@st.composite
def _support(draw: st.DrawFn, incident: Incident, record_id: str) -> PostIncidentSupport:
    kind = draw(st.sampled_from(SupportKind))
    return PostIncidentSupport(
        id=record_id,
        incident_id=incident.id,
        kind=kind,
        at=incident.at + timedelta(hours=draw(st.integers(0, 24 * 8))),
        staff_id=draw(st.sampled_from(incident.staff))
        if kind is SupportKind.STAFF_SPOKEN_TO
        else None,
        by_role="registered_manager",
    )


@st.composite
def team_records(
    draw: st.DrawFn,
    *,
    start: date = _TEAM_START,
    end: date = _TEAM_END,
    max_staff: int = 5,
    max_records: int = 20,
    home_id: str = "home",
) -> TeamRecords:
    """A home's valid team records: staff, then records about them dated after they started.

    Args:
        start: the earliest start date of a staff member.
        end: the latest date of any record.
        max_staff: at most this many staff members.
        max_records: at most this many other records.
        home_id: the home's id.
    """
    n_staff = draw(st.integers(1, max_staff))
    staff = tuple(draw(staff_members(start=start, end=end, id=f"s{i}")) for i in range(n_staff))
    records: list[TeamRecord] = list(staff)
    incidents: list[Incident] = []
    for k in range(draw(st.integers(0, max_records))):
        what = draw(st.sampled_from(("staff", "staff", "incident", "support")))
        if what == "incident" or (what == "support" and not incidents):
            incident = draw(_incident(staff, f"i{k}", start, end))
            incidents.append(incident)
            records.append(incident)
        elif what == "support":
            records.append(draw(_support(draw(st.sampled_from(incidents)), f"a{k}")))
        else:
            records.append(draw(_staff_record(staff, f"r{k}", end)))
    return TeamRecords.of(records, home_id=home_id)


@st.composite
def team_record_for(
    draw: st.DrawFn, home: TeamRecords, *, start: date = _TEAM_START, end: date = _TEAM_END
) -> TeamRecord:
    """One more valid record for a home: a new staff member, a record about its staff, an
    incident, or an action after one of its incidents — with an id not used in the home."""
    record_id = f"new{len(home)}"
    choices = ["staff", "record", "incident"] + (["support"] if home.incidents else [])
    what = draw(st.sampled_from(choices))
    if what == "staff" or not home.staff:
        return draw(staff_members(start=start, end=end, id=record_id))
    if what == "record":
        return draw(_staff_record(home.staff, record_id, end))
    if what == "incident":
        return draw(_incident(home.staff, record_id, start, end))
    return draw(_support(draw(st.sampled_from(home.incidents)), record_id))
