"""Hypothesis strategies for the library's records, for its own tests and for embedding products.

Needs the ``testing`` extra (``pip install therapeutic_model[testing]``). Each element has its
own section. Every strategy draws *valid* records: references resolve and dates are in order,
so a product can feed them straight to the library's checks.
"""

from __future__ import annotations

import functools
from datetime import date, datetime, time, timedelta
from typing import Any

from hypothesis import strategies as st

from therapeutic_model.assessment import Profile
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
    "proqol_profiles",
    "staff_members",
    "team_record_for",
    "team_records",
]

# --- team (element 4) -------------------------------------------------------------------------

_TEAM_START = date(2022, 1, 1)
_TEAM_END = date(2024, 12, 31)
_ROLES = ("residential_care_worker", "senior_care_worker", "deputy_manager", "registered_manager")


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
            role=draw(st.sampled_from(_ROLES)),
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
        staff_id=draw(st.sampled_from(incident.staff)) if kind is SupportKind.STAFF_SPOKEN_TO else None,
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
    staff = tuple(
        draw(staff_members(start=start, end=end, id=f"s{i}")) for i in range(n_staff)
    )
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
