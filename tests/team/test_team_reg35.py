"""Tests of the regulation 35(3) timers after a restraint: met, late, missed and still running,
with the boundaries at the exact limit and on the day."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import attrs

from therapeutic_model.team import (
    Finding,
    Incident,
    IncidentKind,
    PostIncidentSupport,
    RestraintRule,
    Severity,
    StaffMember,
    SupportKind,
    TeamPolicy,
    TeamRecord,
    check_team,
)

AT = datetime(2024, 6, 10, 14, 0)
STAFF = [StaffMember("s1", "rcw", date(2023, 1, 1)), StaffMember("s2", "rcw", date(2023, 1, 1))]


def no_cadence(policy: TeamPolicy) -> TeamPolicy:
    """Only the reg 35 timers."""
    off = {
        f: attrs.evolve(getattr(policy, f), required=False)
        for f in (
            "clinical_supervision",
            "practice_supervision",
            "appraisal",
            "wellbeing",
            "training",
        )
    }
    return attrs.evolve(policy, **off)


POLICY = no_cadence(TeamPolicy())


def restraint(kind: IncidentKind = IncidentKind.RESTRAINT) -> Incident:
    return Incident("i1", kind, AT, ("s1", "s2"), "c-001")


def action(
    rid: str, kind: SupportKind, after: timedelta, staff_id: str | None = None
) -> PostIncidentSupport:
    return PostIncidentSupport(
        rid, "i1", kind, AT + after, staff_id=staff_id, by_role="registered_manager"
    )


def all_done(**late: timedelta) -> list[TeamRecord]:
    """The restraint with every action in time, unless a later time is given for one."""
    return [
        *STAFF,
        restraint(),
        action("rec", SupportKind.RECORD_MADE, late.get("rec", timedelta(hours=3))),
        action("t1", SupportKind.STAFF_SPOKEN_TO, late.get("t1", timedelta(hours=20)), "s1"),
        action("t2", SupportKind.STAFF_SPOKEN_TO, late.get("t2", timedelta(hours=20)), "s2"),
        action("child", SupportKind.CHILD_SPOKEN_TO, late.get("child", timedelta(days=2))),
    ]


def findings(
    records: list[TeamRecord], on: date | datetime = date(2024, 6, 20), policy: TeamPolicy = POLICY
) -> list[Finding]:
    return list(check_team(records, policy, on=on).findings)


def test_every_timer_met_gives_no_finding() -> None:
    """Record, staff and child all in time: nothing found."""
    assert findings(all_done()) == []


def test_record_made_exactly_at_24_hours_is_in_time() -> None:
    """The limit itself is in time."""
    assert findings(all_done(rec=timedelta(hours=24))) == []


def test_record_made_a_minute_after_24_hours_is_late_and_serious() -> None:
    """A record at 24 h 1 min is late: serious, naming the incident and the late record."""
    (f,) = findings(all_done(rec=timedelta(hours=24, minutes=1)))
    assert (f.line, f.severity, f.subject, f.records) == (
        "reg35_record",
        Severity.SERIOUS,
        "i1",
        ("i1", "rec"),
    )
    assert f.due_at == AT + timedelta(hours=24)
    assert "reg 35(3)" in f.source


def test_missing_record_is_still_due_on_the_day_its_timer_runs_out() -> None:
    """Checked on the deadline's date, with no record yet: a note, not yet missed."""
    records = [r for r in all_done() if getattr(r, "id", "") != "rec"]
    (f,) = [f for f in findings(records, on=date(2024, 6, 11)) if f.line == "reg35_record"]
    assert (f.severity, f.due) == (Severity.NOTE, date(2024, 6, 11))


def test_missing_record_is_missed_the_day_after() -> None:
    """The next day, with no record, the timer is missed."""
    records = [r for r in all_done() if getattr(r, "id", "") != "rec"]
    (f,) = [f for f in findings(records, on=date(2024, 6, 12)) if f.line == "reg35_record"]
    assert (f.severity, f.records, f.days_overdue) == (Severity.SERIOUS, ("i1",), 1)
    assert "not done within 24 hours" in f.message


def test_exact_time_checks_run_to_the_second() -> None:
    """Checked at an exact time: at the deadline still due, a second later missed."""
    records = [*STAFF, restraint()]
    deadline = AT + timedelta(hours=24)
    at = {f.line: f.severity for f in findings(records, on=deadline)}
    after = {f.line: f.severity for f in findings(records, on=deadline + timedelta(seconds=1))}
    assert at["reg35_record"] is Severity.NOTE
    assert after["reg35_record"] is Severity.SERIOUS


def test_actions_after_the_time_checked_are_not_counted() -> None:
    """A record made after the exact time checked does not count yet."""
    records = all_done(rec=timedelta(hours=20))
    got = findings(records, on=AT + timedelta(hours=19))
    assert ("reg35_record", Severity.NOTE) in {(f.line, f.severity) for f in got}


def test_each_staff_member_involved_must_be_spoken_with_within_48_hours() -> None:
    """Speaking with one of two staff leaves a finding for the other only."""
    records = [r for r in all_done() if getattr(r, "id", "") != "t2"]
    (f,) = findings(records)
    assert (f.line, f.records) == ("reg35_staff_spoken_to", ("i1", "s2"))


def test_staff_spoken_to_at_exactly_48_hours_is_in_time() -> None:
    """48 hours is in time; 48 hours and a second is late."""
    assert findings(all_done(t1=timedelta(hours=48))) == []
    (f,) = findings(all_done(t1=timedelta(hours=48, seconds=1)))
    assert (f.line, f.records) == ("reg35_staff_spoken_to", ("i1", "s1", "t1"))


def test_speaking_with_a_staff_member_not_involved_does_not_count() -> None:
    """Only the staff involved in the restraint count for the timer."""
    records: list[TeamRecord] = [
        *STAFF,
        StaffMember("s3", "rcw", date(2023, 1, 1)),
        Incident("i1", IncidentKind.RESTRAINT, AT, ("s1",), "c-001"),
        action("rec", SupportKind.RECORD_MADE, timedelta(hours=1)),
        action("t3", SupportKind.STAFF_SPOKEN_TO, timedelta(hours=1), "s3"),
        action("child", SupportKind.CHILD_SPOKEN_TO, timedelta(days=1)),
    ]
    (f,) = findings(records)
    assert (f.line, f.records) == ("reg35_staff_spoken_to", ("i1", "s1"))


def test_child_spoken_to_within_five_days_boundary() -> None:
    """Five days exactly is in time; five days and a minute is late."""
    assert findings(all_done(child=timedelta(days=5))) == []
    (f,) = findings(all_done(child=timedelta(days=5, minutes=1)))
    assert (f.line, f.severity) == ("reg35_child_spoken_to", Severity.SERIOUS)
    assert "the limit is 5 days" in f.message


def test_the_first_action_decides_the_timer() -> None:
    """A late second record does not undo a first one in time."""
    records = [*all_done(), action("rec2", SupportKind.RECORD_MADE, timedelta(hours=30))]
    assert findings(records) == []


def test_timers_do_not_run_for_other_incident_kinds() -> None:
    """A missing-from-home episode starts no reg 35 timers by default."""
    assert findings([*STAFF, restraint(IncidentKind.MISSING)]) == []


def test_timers_can_cover_other_measures_of_control() -> None:
    """A policy naming control measures runs the timers for them too."""
    policy = attrs.evolve(
        POLICY,
        restraint=RestraintRule(kinds={IncidentKind.RESTRAINT, IncidentKind.CONTROL_MEASURE}),
    )
    got = findings([*STAFF, restraint(IncidentKind.CONTROL_MEASURE)], policy=policy)
    assert {f.line for f in got} == {
        "reg35_record",
        "reg35_staff_spoken_to",
        "reg35_child_spoken_to",
    }


def test_configured_limits_are_used() -> None:
    """With a 12-hour record limit, a record at 20 hours is late."""
    policy = attrs.evolve(POLICY, restraint=RestraintRule(record_within_hours=12))
    (f,) = findings(all_done(rec=timedelta(hours=20)), policy=policy)
    assert "the limit is 12 hours" in f.message


def test_timers_switched_off_find_nothing() -> None:
    """required=False turns the timers off."""
    policy = attrs.evolve(POLICY, restraint=RestraintRule(required=False))
    assert findings([*STAFF, restraint()], policy=policy) == []


def test_incidents_after_the_date_checked_start_no_timer() -> None:
    """A restraint after ``on`` is not looked at yet."""
    assert findings([*STAFF, restraint()], on=date(2024, 6, 9)) == []


def test_missed_timer_makes_the_team_red() -> None:
    """A missed reg 35 timer is serious: the team is red."""
    report = check_team([*STAFF, restraint()], POLICY, on=date(2024, 6, 20))
    assert report.status == "red"
    assert "reg 35 child spoken to: 1 finding (1 serious)" in report.reasons


def test_reg35_compliance_counts_timers_by_the_incidents_month() -> None:
    """Timers of June's restraint: record met, one of two staff late, child met."""
    records = all_done(t2=timedelta(hours=50))
    report = check_team(
        records, POLICY, on=date(2024, 6, 20), period=(date(2024, 6, 1), date(2024, 6, 30))
    )
    c = report.compliance
    june = date(2024, 6, 1)
    assert (
        c.rate("reg35_record", june),
        c.rate("reg35_staff_spoken_to", june),
        c.rate("reg35_child_spoken_to", june),
    ) == (1.0, 0.5, 1.0)


def test_reg35_compliance_leaves_out_timers_still_running() -> None:
    """A timer not yet run out is in no month's count."""
    report = check_team(
        [*STAFF, restraint()],
        POLICY,
        on=date(2024, 6, 11),
        period=(date(2024, 6, 1), date(2024, 6, 30)),
    )
    assert report.compliance.rate("reg35_child_spoken_to", date(2024, 6, 1)) is None


def test_lapses_older_than_the_look_back_are_history_not_findings() -> None:
    """A timer missed over 92 days ago is no longer a finding but stays in compliance."""
    records = [r for r in all_done() if getattr(r, "id", "") != "rec"]
    day_92 = (AT + timedelta(hours=24)).date() + timedelta(days=92)
    still = check_team(records, POLICY, on=day_92)
    gone = check_team(
        records, POLICY, on=day_92 + timedelta(days=1), period=(date(2024, 6, 1), date(2024, 9, 30))
    )
    assert [f.line for f in still.findings] == ["reg35_record"]
    assert gone.findings == ()
    assert gone.compliance.rate("reg35_record", date(2024, 6, 1)) == 0.0
