"""Tests of team records: their validators, TeamRecords, and converter round-trips."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

import therapeutic_model as tm
from therapeutic_model.exceptions import InvalidValue
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
    TeamRecords,
    TrainingRecord,
)
from therapeutic_model.testing import team_records


def test_staff_member_rejects_a_name_like_id() -> None:
    """A staff id with spaces (a name) is refused, and the message does not echo it."""
    with pytest.raises(InvalidValue) as exc:
        StaffMember("Jane Smith", "residential_care_worker", date(2024, 1, 1))
    assert "Jane" not in str(exc.value)


def test_staff_member_cannot_leave_before_starting() -> None:
    """A leaving date before the start date is refused."""
    with pytest.raises(InvalidValue, match="left must not be before started"):
        StaffMember("s1", "rcw", date(2024, 1, 1), left=date(2023, 12, 31))


def test_staff_member_is_employed_between_start_and_leaving_inclusive() -> None:
    """employed_on counts the first and last days."""
    s = StaffMember("s1", "rcw", date(2024, 1, 1), left=date(2024, 3, 31))
    assert [
        s.employed_on(d)
        for d in (date(2023, 12, 31), date(2024, 1, 1), date(2024, 3, 31), date(2024, 4, 1))
    ] == [False, True, True, False]


def test_individual_session_needs_exactly_one_attendee() -> None:
    """An individual session with two attendees is refused."""
    with pytest.raises(InvalidValue, match="exactly one attendee"):
        SupervisionSession("x", date(2024, 1, 1), SupervisionKind.CLINICAL, ("s1", "s2"))


def test_group_session_attendees_must_not_repeat() -> None:
    """A group session listing a staff member twice is refused."""
    with pytest.raises(InvalidValue, match="must not repeat"):
        SupervisionSession(
            "x",
            date(2024, 1, 1),
            SupervisionKind.CLINICAL,
            ("s1", "s1"),
            format=SupervisionFormat.GROUP,
        )


def test_a_single_attendee_string_is_one_attendee() -> None:
    """Attendees given as one id string become a one-element tuple, not characters."""
    s = SupervisionSession("x", date(2024, 1, 1), SupervisionKind.CLINICAL, "s1")
    assert s.attendees == ("s1",)


def test_session_minutes_must_be_positive() -> None:
    """A session of zero minutes is refused."""
    with pytest.raises(InvalidValue, match="minutes"):
        SupervisionSession("x", date(2024, 1, 1), SupervisionKind.CLINICAL, "s1", minutes=0)


def test_dated_records_refuse_a_datetime() -> None:
    """A record dated with a time of day is refused (dates compare as calendar days)."""
    with pytest.raises(InvalidValue, match="calendar date"):
        Appraisal("a", "s1", datetime(2024, 1, 1, 9))  # type: ignore[arg-type]


def test_incident_time_must_be_local_clock_time() -> None:
    """An incident time with a time zone is refused."""
    with pytest.raises(InvalidValue, match="local clock time"):
        Incident("i", IncidentKind.RESTRAINT, datetime(2024, 1, 1, tzinfo=UTC), ("s1",), "c-1")


def test_staff_spoken_to_names_the_staff_member() -> None:
    """Speaking with staff must name who; other actions must not."""
    at = datetime(2024, 1, 1, 12)
    with pytest.raises(InvalidValue, match="staff_id"):
        PostIncidentSupport("a", "i", SupportKind.STAFF_SPOKEN_TO, at)
    with pytest.raises(InvalidValue, match="staff_id"):
        PostIncidentSupport("a", "i", SupportKind.RECORD_MADE, at, staff_id="s1")


def test_team_records_of_sorts_a_mixed_iterable_by_kind() -> None:
    """TeamRecords.of puts each record in its field, keeping order."""
    s = StaffMember("s1", "rcw", date(2024, 1, 1))
    t1 = TrainingRecord("t1", "s1", date(2024, 2, 1))
    t2 = TrainingRecord("t2", "s1", date(2024, 3, 1))
    recs = TeamRecords.of([t2, s, t1], home_id="h1")
    assert (recs.home_id, recs.staff, recs.training) == ("h1", (s,), (t2, t1))


def test_team_records_of_refuses_other_objects() -> None:
    """A non-record in the iterable is a TypeError naming its type."""
    with pytest.raises(TypeError, match="str is not a team record"):
        TeamRecords.of(["s1"])  # type: ignore[list-item]


def test_team_records_add_returns_a_new_object() -> None:
    """add appends to a copy; the original is unchanged."""
    s = StaffMember("s1", "rcw", date(2024, 1, 1))
    base = TeamRecords.of([s])
    more = base.add(Appraisal("a1", "s1", date(2024, 5, 1)))
    assert (len(base), len(more), list(more)[-1].id) == (1, 2, "a1")


def test_employment_defaults_to_permanent() -> None:
    """A staff member is permanent unless said otherwise."""
    assert StaffMember("s1", "rcw", date(2024, 1, 1)).employment is Employment.PERMANENT


@given(team_records(max_records=12))
def test_team_records_round_trip_through_json(records: TeamRecords) -> None:
    """Every team record survives dumps/loads unchanged."""
    assert tm.loads(tm.dumps(records), TeamRecords) == records


@given(team_records(max_records=12), st.data())
def test_each_team_record_round_trips_on_its_own(records: TeamRecords, data: st.DataObject) -> None:
    """Any single team record survives dumps/loads as its own type."""
    record = data.draw(st.sampled_from(list(records)))
    assert tm.loads(tm.dumps(record), type(record)) == record


def test_malformed_incident_document_names_every_path() -> None:
    """A document with a bad kind and a missing time gives both paths, and no value."""
    text = (
        '{"schema": "therapeutic_model/incident", "schema_version": 1, "id": "i1",'
        ' "kind": "punishment", "staff": ["s1"], "child_id": "c-1"}'
    )
    with pytest.raises(tm.ValidationError) as exc:
        tm.loads(text, Incident)
    assert set(exc.value.paths) == {"$.kind", "$.at"}
    assert "punishment" not in str(exc.value)
