"""Tests of the team table: bad records give one ValidationError naming every path."""

from __future__ import annotations

from datetime import date, datetime

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import therapeutic_model as tm
from therapeutic_model.team import (
    Appraisal,
    Incident,
    IncidentKind,
    PostIncidentSupport,
    StaffMember,
    SupervisionFormat,
    SupervisionKind,
    SupervisionSession,
    SupportKind,
    TeamPolicy,
    TeamRecords,
    TeamTable,
    TrainingRecord,
    WellbeingCheck,
    check_team,
    check_teams,
)
from therapeutic_model.team._table import seconds_of

ON = date(2024, 6, 15)
S1 = StaffMember("s1", "rcw", date(2024, 1, 10))


def paths(records: list[object], *, on: date = ON) -> tuple[str, ...]:
    with pytest.raises(tm.ValidationError) as exc:
        check_team(records, on=on)  # type: ignore[arg-type]
    return exc.value.paths


def test_supervision_before_the_staff_member_started_names_the_date_path() -> None:
    """A session dated before its attendee started fails at $.supervisions[0].on."""
    early = SupervisionSession("c1", date(2024, 1, 9), SupervisionKind.CLINICAL, ("s1",))
    with pytest.raises(tm.ValidationError) as exc:
        check_team([S1, early], on=ON)
    assert exc.value.paths == ("$.supervisions[0].on",)
    assert "before the staff member started" in str(exc.value)
    assert "s1" not in str(exc.value).split(":", 1)[1]


def test_supervision_on_the_start_date_is_accepted() -> None:
    """A session on the first day is fine."""
    first_day = SupervisionSession("c1", date(2024, 1, 10), SupervisionKind.CLINICAL, ("s1",))
    assert check_team([S1, first_day], on=ON).home_id == "home"


def test_unknown_attendee_names_its_index() -> None:
    """An attendee who is not on the staff list fails at attendees[j]."""
    group = SupervisionSession(
        "g1",
        date(2024, 2, 1),
        SupervisionKind.CLINICAL,
        ("s1", "ghost"),
        format=SupervisionFormat.GROUP,
    )
    assert paths([S1, group]) == ("$.supervisions[0].attendees[1]",)


def test_every_bad_record_is_listed_at_once() -> None:
    """Unknown staff, early records, unknown incidents and early actions: all in one error."""
    at = datetime(2024, 3, 1, 10)
    records = [
        S1,
        StaffMember("s1", "rcw", date(2024, 1, 1)),
        Appraisal("a1", "nobody", date(2024, 3, 1)),
        TrainingRecord("t1", "s1", date(2023, 12, 1)),
        Incident("i1", IncidentKind.RESTRAINT, at, ("s1", "ghost"), "c-1"),
        PostIncidentSupport("p1", "i9", SupportKind.RECORD_MADE, at),
        PostIncidentSupport("p2", "i1", SupportKind.RECORD_MADE, datetime(2024, 3, 1, 9)),
        PostIncidentSupport("p3", "i1", SupportKind.STAFF_SPOKEN_TO, at, staff_id="ghost"),
    ]
    assert paths(records) == (
        "$.staff[1].id",
        "$.appraisals[0].staff_id",
        "$.training[0].on",
        "$.incidents[0].staff[1]",
        "$.supports[0].incident_id",
        "$.supports[1].at",
        "$.supports[2].staff_id",
    )


def test_duplicate_record_ids_are_refused() -> None:
    """Two appraisals with one id fail at the second."""
    records = [S1, Appraisal("a1", "s1", date(2024, 3, 1)), Appraisal("a1", "s1", date(2024, 4, 1))]
    assert paths(records) == ("$.appraisals[1].id",)


def test_wellbeing_check_on_another_instrument_is_refused() -> None:
    """A wellbeing check must be a ProQOL profile."""
    sdq = tm.default_registry(plugins=False).get("sdq-parent")
    profile = sdq.score({str(i): 0 for i in range(1, 26)}, age_months=150)
    assert paths([S1, WellbeingCheck("w1", "s1", date(2024, 3, 1), profile)]) == (
        "$.wellbeing[0].profile.instrument_id",
    )


def test_many_homes_paths_start_with_the_homes_index() -> None:
    """Errors in a batch name the home: $[1].supervisions[0].on."""
    ok = TeamRecords.of([S1], home_id="a")
    early = SupervisionSession("c1", date(2024, 1, 1), SupervisionKind.CLINICAL, ("s1",))
    bad = TeamRecords.of([S1, early], home_id="b")
    with pytest.raises(tm.ValidationError) as exc:
        check_teams([ok, bad], on=ON)
    assert exc.value.paths == ("$[1].supervisions[0].on",)


def test_a_flood_of_errors_is_capped() -> None:
    """Hundreds of bad records list the first hundred and a count of the rest."""
    records = [S1] + [Appraisal(f"a{k}", "x", date(2024, 3, 1)) for k in range(150)]
    found = paths(records)
    assert len(found) == 101
    assert found[-1] == "$"


def test_table_numbers_staff_across_homes() -> None:
    """The table numbers staff across homes and keeps each home's index."""
    a = TeamRecords.of([S1], home_id="a")
    b = TeamRecords.of([S1, StaffMember("s2", "rcw", date(2024, 1, 1))], home_id="b")
    table = TeamTable.from_records([a, b])
    assert table.home_ids == ("a", "b")
    assert table.staff.home.tolist() == [0, 1, 1]
    assert table.n_homes == 2


def test_table_rows_a_group_session_once_per_attendee() -> None:
    """A group session is one record with a row per attendee."""
    s2 = StaffMember("s2", "rcw", date(2024, 1, 1))
    group = SupervisionSession(
        "g1",
        date(2024, 2, 1),
        SupervisionKind.CLINICAL,
        ("s1", "s2"),
        format=SupervisionFormat.GROUP,
    )
    table = TeamTable.from_records([TeamRecords.of([S1, s2, group])])
    assert table.supervision.staff.tolist() == [0, 1]
    assert table.supervision.record.tolist() == [0, 0]
    assert table.supervision.ids.tolist() == ["g1"]


def test_table_keeps_wellbeing_band_ranks_by_score() -> None:
    """Wellbeing ranks are kept for the scores asked for, -1 where a score is absent."""
    proqol = tm.default_registry(plugins=False).get("proqol")
    p = proqol.score({str(i): 3 for i in range(1, 31)}, age_months=400)
    table = TeamTable.from_records(
        [TeamRecords.of([S1, WellbeingCheck("w1", "s1", date(2024, 3, 1), p)])],
        wellbeing_scores=("burnout", "no_such_score"),
    )
    assert np.array_equal(table.wellbeing.extra["ranks"], np.array([[1, -1]], dtype=np.int8))


def test_table_code_of_an_unused_word_is_minus_one() -> None:
    """A role no record uses has no code."""
    table = TeamTable.from_records([TeamRecords.of([S1])])
    assert (table.code("rcw"), table.code("chef")) == (0, -1)


def test_table_built_for_other_scores_is_refused_by_the_check() -> None:
    """A table without the policy's wellbeing scores cannot be checked against it."""
    table = TeamTable.from_records([TeamRecords.of([S1])], wellbeing_scores=("burnout",))
    with pytest.raises(tm.InvalidDefinition, match="no band ranks for 'compassion_satisfaction'"):
        check_teams(table, on=ON)


def test_table_keeps_band_labels_as_words() -> None:
    """Band labels are kept as vocabulary codes and read back as words."""
    proqol = tm.default_registry(plugins=False).get("proqol")
    p = proqol.score({str(i): 3 for i in range(1, 31)}, age_months=400)
    table = TeamTable.from_records(
        [TeamRecords.of([S1, WellbeingCheck("w1", "s1", date(2024, 3, 1), p)])],
        wellbeing_scores=("burnout",),
    )
    assert table.word(int(table.wellbeing.extra["labels"][0, 0])) == "moderate"
    assert table.word(-1) is None


@given(st.lists(st.datetimes(min_value=datetime(1900, 1, 1)), min_size=1, max_size=20))
def test_table_incident_times_are_whole_seconds_since_1970(times: list[datetime]) -> None:
    """Every incident time is laid out as seconds_of gives it (microseconds dropped)."""
    s0 = StaffMember("s1", "rcw", date(1900, 1, 1))
    incidents = [
        Incident(f"i{k}", IncidentKind.RESTRAINT, at, ("s1",), "c-1") for k, at in enumerate(times)
    ]
    table = TeamTable.from_records([TeamRecords.of([s0, *incidents])])
    assert table.incidents.at.tolist() == [seconds_of(at) for at in times]


def test_errors_of_many_homes_are_listed_home_by_home() -> None:
    """Errors come home by home, and within a home in the order of its kinds of record."""
    at = datetime(2024, 3, 1, 10)
    first = TeamRecords.of([S1, PostIncidentSupport("p1", "i9", SupportKind.RECORD_MADE, at)])
    second = TeamRecords.of(
        [S1, StaffMember("s1", "rcw", date(2024, 1, 1)), Appraisal("a1", "x", ON)]
    )
    with pytest.raises(tm.ValidationError) as exc:
        check_teams([first, second], on=ON)
    assert exc.value.paths == (
        "$[0].supports[0].incident_id",
        "$[1].staff[1].id",
        "$[1].appraisals[0].staff_id",
    )


def test_table_codes_words_in_order_of_first_use() -> None:
    """Roles, then supervisor roles, then courses get codes in the order first used."""
    records = TeamRecords.of(
        [
            S1,
            SupervisionSession(
                "c1", date(2024, 2, 1), SupervisionKind.CLINICAL, ("s1",), supervisor_role="cs"
            ),
            TrainingRecord("t1", "s1", date(2024, 2, 1), course="first_aid"),
        ]
    )
    table = TeamTable.from_records([records])
    assert table.words() == ("rcw", "cs", "first_aid")


def test_table_keeps_every_session_column_by_default() -> None:
    """from_records keeps kind, format, minutes and supervisor role."""
    table = TeamTable.from_records([TeamRecords.of([S1])])
    assert set(table.supervision.extra) == {"kind", "format", "minutes", "supervisor_role"}


def test_table_for_a_policy_keeps_only_the_columns_its_lines_filter_on() -> None:
    """The default policy filters practice supervision on format only."""
    table = TeamTable.for_policy([TeamRecords.of([S1])], TeamPolicy())
    assert set(table.supervision.extra) == {"kind", "format"}
    assert table.wellbeing_scores == TeamPolicy().wellbeing.score_ids


def test_table_for_a_policy_with_a_minimum_length_keeps_minutes() -> None:
    """A supervision line with a minimum length reads the minutes column."""
    policy = TeamPolicy()
    policy = attrs.evolve(
        policy, clinical_supervision=attrs.evolve(policy.clinical_supervision, min_minutes=30)
    )
    table = TeamTable.for_policy([TeamRecords.of([S1])], policy)
    assert set(table.supervision.extra) == {"kind", "format", "minutes"}


def test_an_unknown_session_column_is_refused() -> None:
    """Only format, minutes and supervisor_role can be asked for."""
    with pytest.raises(tm.InvalidDefinition, match="'room' is not a supervision column"):
        TeamTable.from_records([TeamRecords.of([S1])], session_columns=("room",))


def test_table_without_a_column_the_policy_reads_is_refused_by_the_check() -> None:
    """A table built without the format column cannot check practice supervision."""
    table = TeamTable.from_records(
        [TeamRecords.of([S1])],
        wellbeing_scores=TeamPolicy().wellbeing.score_ids,
        session_columns=(),
    )
    with pytest.raises(tm.InvalidDefinition, match="no supervision 'format' column"):
        check_teams(table, on=ON)
