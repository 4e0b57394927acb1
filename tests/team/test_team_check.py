"""Tests of check_team on dated fixtures: every cadence line due, met and overdue, with the
boundaries on the day; wellbeing bands; the overall status; monthly compliance."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import therapeutic_model as tm
from therapeutic_model.assessment import Profile
from therapeutic_model.team import (
    Appraisal,
    Employment,
    Finding,
    Incident,
    IncidentKind,
    Interval,
    PostIncidentSupport,
    Severity,
    StaffMember,
    SupervisionFormat,
    SupervisionKind,
    SupervisionSession,
    SupportKind,
    TeamPolicy,
    TeamRecord,
    TeamRecords,
    TeamReport,
    TeamTable,
    TrainingRecord,
    WellbeingCheck,
    check_team,
    check_teams,
)
from therapeutic_model.team._check import _Latest
from therapeutic_model.team._table import EventColumns

ON = date(2024, 6, 15)
LONG_AGO = date(2023, 1, 1)
POLICY = TeamPolicy()


def staff(
    sid: str = "s1",
    started: date = LONG_AGO,
    employment: Employment = Employment.PERMANENT,
    **kw: object,
) -> StaffMember:
    return StaffMember(sid, kw.pop("role", "residential_care_worker"), started, employment, **kw)  # type: ignore[arg-type]


def clinical(rid: str, on: date, *who: str, **kw: object) -> SupervisionSession:
    fmt = (
        SupervisionFormat.GROUP if len(who) > 1 else kw.pop("format", SupervisionFormat.INDIVIDUAL)
    )
    return SupervisionSession(rid, on, SupervisionKind.CLINICAL, who or ("s1",), format=fmt, **kw)  # type: ignore[arg-type]


def practice(rid: str, on: date, sid: str = "s1", **kw: object) -> SupervisionSession:
    return SupervisionSession(rid, on, SupervisionKind.PRACTICE, (sid,), **kw)  # type: ignore[arg-type]


def only(policy: TeamPolicy, *keep: str) -> TeamPolicy:
    """The policy with every cadence line but ``keep`` switched off (and no timers)."""
    changes: dict[str, object] = {}
    for name, field in (
        ("clinical_supervision", "clinical_supervision"),
        ("practice_supervision", "practice_supervision"),
        ("appraisal", "appraisal"),
        ("wellbeing_check", "wellbeing"),
        ("training", "training"),
    ):
        if name not in keep:
            changes[field] = attrs.evolve(getattr(policy, field), required=False)
    changes["restraint"] = attrs.evolve(policy.restraint, required=False)
    return attrs.evolve(policy, **changes)


def check(
    *records: TeamRecord, line: str, policy: TeamPolicy = POLICY, on: date = ON
) -> list[Finding]:
    report = check_team(records, only(policy, line), on=on)
    return list(report.by_line(line))


def one(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


# --- clinical supervision -------------------------------------------------------------------


def test_clinical_supervision_met_gives_no_finding() -> None:
    """A session two weeks ago, due in over a week: nothing to say."""
    assert check(staff(), clinical("c1", date(2024, 6, 1)), line="clinical_supervision") == []


def test_clinical_supervision_due_soon_is_a_note() -> None:
    """Due in 5 days (within the 7-day warning): a note with negative days overdue."""
    f = one(check(staff(), clinical("c1", date(2024, 5, 20)), line="clinical_supervision"))
    assert (f.severity, f.due, f.days_overdue) == (Severity.NOTE, date(2024, 6, 20), -5)


def test_clinical_supervision_warning_starts_exactly_seven_days_before() -> None:
    """Due in 7 days is a note; due in 8 days is nothing."""
    assert check(staff(), clinical("c1", date(2024, 5, 22)), line="clinical_supervision")
    assert not check(staff(), clinical("c1", date(2024, 5, 23)), line="clinical_supervision")


def test_clinical_supervision_due_on_the_day_is_due_not_overdue() -> None:
    """A month after the last session is the due day itself: a note, not a concern."""
    f = one(check(staff(), clinical("c1", date(2024, 5, 15)), line="clinical_supervision"))
    assert (f.severity, f.days_overdue, f.due) == (Severity.NOTE, 0, ON)
    assert "due today" in f.message


def test_clinical_supervision_one_day_overdue_is_a_concern() -> None:
    """The day after the due day it is overdue by one day."""
    f = one(check(staff(), clinical("c1", date(2024, 5, 14)), line="clinical_supervision"))
    assert (f.severity, f.days_overdue) == (Severity.CONCERN, 1)


def test_clinical_supervision_overdue_thirty_days_is_still_a_concern() -> None:
    """Overdue by exactly serious_after_days (30) is a concern; 31 is serious."""
    at30 = one(check(staff(), clinical("c1", date(2024, 4, 16)), line="clinical_supervision"))
    at31 = one(check(staff(), clinical("c1", date(2024, 4, 15)), line="clinical_supervision"))
    assert (at30.days_overdue, at30.severity) == (30, Severity.CONCERN)
    assert (at31.days_overdue, at31.severity) == (31, Severity.SERIOUS)


def test_clinical_supervision_finding_names_the_latest_session_and_source() -> None:
    """The records behind the finding are the staff member and the latest session."""
    f = one(
        check(
            staff(),
            clinical("c0", date(2024, 3, 1)),
            clinical("c1", date(2024, 4, 1)),
            line="clinical_supervision",
        )
    )
    assert f.records == ("s1", "c1")
    assert f.subject == "s1"
    assert "caring for carers" in f.source


def test_clinical_supervision_due_date_keeps_the_end_of_month() -> None:
    """A session on 31 January is next due on 29 February (2024)."""
    f = one(
        check(
            staff(),
            clinical("c1", date(2024, 1, 31)),
            line="clinical_supervision",
            on=date(2024, 2, 29),
        )
    )
    assert (f.due, f.days_overdue) == (date(2024, 2, 29), 0)


def test_new_starter_without_supervision_is_due_fourteen_days_after_starting() -> None:
    """A new starter with no session: first due 14 days after starting, none recorded."""
    f = one(check(staff(started=date(2024, 5, 1)), line="clinical_supervision"))
    assert (f.due, f.days_overdue, f.severity, f.records) == (
        date(2024, 5, 15),
        31,
        Severity.SERIOUS,
        ("s1",),
    )
    assert "none recorded since starting" in f.message


def test_new_starter_is_supervised_fortnightly() -> None:
    """Within six months of starting, the next session is due 14 days after the last."""
    f = one(
        check(
            staff(started=date(2024, 3, 1)),
            clinical("c1", date(2024, 6, 5)),
            line="clinical_supervision",
        )
    )
    assert (f.due, f.severity) == (date(2024, 6, 19), Severity.NOTE)


def test_new_starter_period_ends_on_the_six_month_anniversary() -> None:
    """A session on the day six months after starting is on the monthly cadence."""
    started = date(2023, 12, 1)
    on_anniversary = check(
        staff(started=started), clinical("c1", date(2024, 6, 1)), line="clinical_supervision"
    )
    day_before = one(
        check(
            staff(started=started), clinical("c1", date(2024, 5, 31)), line="clinical_supervision"
        )
    )
    assert on_anniversary == []
    assert (day_before.due, day_before.days_overdue) == (date(2024, 6, 14), 1)


def test_group_clinical_supervision_counts_for_every_attendee() -> None:
    """A group session meets the line for each staff member who attended."""
    found = check(
        staff("s1"),
        staff("s2"),
        staff("s3"),
        clinical("g1", date(2024, 6, 1), "s1", "s2"),
        line="clinical_supervision",
    )
    assert [f.subject for f in found] == ["s3"]


def test_sessions_shorter_than_the_minimum_do_not_count() -> None:
    """With min_minutes 45, a 30-minute session leaves the line overdue."""
    policy = attrs.evolve(
        POLICY, clinical_supervision=attrs.evolve(POLICY.clinical_supervision, min_minutes=45)
    )
    short = clinical("c1", date(2024, 6, 1), minutes=30)
    f = one(check(staff(), short, line="clinical_supervision", policy=policy))
    assert f.severity is Severity.SERIOUS


def test_only_named_supervisor_roles_count() -> None:
    """With supervisor roles set, a session led by another role does not count."""
    policy = attrs.evolve(
        POLICY,
        clinical_supervision=attrs.evolve(
            POLICY.clinical_supervision, supervisor_roles={"clinical_supervisor"}
        ),
    )
    by_manager = clinical("c1", date(2024, 6, 1), supervisor_role="registered_manager")
    by_clinician = clinical("c2", date(2024, 6, 1), supervisor_role="clinical_supervisor")
    assert check(staff(), by_manager, line="clinical_supervision", policy=policy)
    assert not check(staff(), by_clinician, line="clinical_supervision", policy=policy)


def test_practice_sessions_do_not_meet_clinical_supervision() -> None:
    """A practice supervision session is not clinical supervision."""
    found = check(staff(), practice("p1", date(2024, 6, 1)), line="clinical_supervision")
    assert one(found).severity is Severity.SERIOUS


def test_sessions_after_the_date_checked_are_ignored() -> None:
    """A session dated after ``on`` does not count yet."""
    found = check(
        staff(),
        clinical("c1", date(2024, 5, 1)),
        clinical("c2", date(2024, 6, 20)),
        line="clinical_supervision",
    )
    assert one(found).records == ("s1", "c1")


def test_staff_who_left_or_have_not_started_are_out_of_scope() -> None:
    """Leavers and future starters get no findings."""
    found = check(
        staff("gone", left=date(2024, 6, 14)),
        staff("future", started=date(2024, 7, 1)),
        line="clinical_supervision",
    )
    assert found == []


def test_last_working_day_is_still_in_scope() -> None:
    """A staff member leaving on the date checked is still covered that day."""
    found = check(staff("s1", left=ON), line="clinical_supervision")
    assert one(found).subject == "s1"


# --- practice supervision -------------------------------------------------------------------


def test_practice_supervision_overdue_for_an_employee() -> None:
    """A permanent employee with practice supervision over a month ago is overdue."""
    f = one(check(staff(), practice("p1", date(2024, 5, 10)), line="practice_supervision"))
    assert (f.severity, f.days_overdue, f.due) == (Severity.CONCERN, 5, date(2024, 6, 10))
    assert "reg 33(4)(b)" in f.source


def test_practice_supervision_does_not_cover_agency_staff() -> None:
    """Agency workers are not the home's employees: no practice supervision finding."""
    assert check(staff(employment=Employment.AGENCY), line="practice_supervision") == []


def test_practice_supervision_covers_bank_staff() -> None:
    """Bank staff are employees."""
    assert check(staff(employment=Employment.BANK), line="practice_supervision")


def test_group_practice_supervision_does_not_count_by_default() -> None:
    """Practice supervision is one-to-one by default; a group session leaves it overdue."""
    group = SupervisionSession(
        "g1",
        date(2024, 6, 1),
        SupervisionKind.PRACTICE,
        ("s1", "s2"),
        format=SupervisionFormat.GROUP,
    )
    found = check(staff("s1"), staff("s2"), group, line="practice_supervision")
    assert {f.subject for f in found} == {"s1", "s2"}


# --- appraisal ------------------------------------------------------------------------------


def test_first_appraisal_is_due_a_year_after_starting() -> None:
    """No appraisal: due on the first anniversary, long overdue by now (serious after 90)."""
    f = one(check(staff(), line="appraisal"))
    assert (f.due, f.days_overdue, f.severity) == (date(2024, 1, 1), 166, Severity.SERIOUS)


def test_appraisal_due_on_its_anniversary() -> None:
    """An appraisal a year ago to the day is due today."""
    f = one(check(staff(), Appraisal("a1", "s1", date(2023, 6, 15)), line="appraisal"))
    assert (f.due, f.severity, f.days_overdue) == (ON, Severity.NOTE, 0)


def test_appraisal_met_within_the_year() -> None:
    """An appraisal in the last year, not due within 30 days: no finding."""
    assert check(staff(), Appraisal("a1", "s1", date(2023, 8, 1)), line="appraisal") == []


# --- wellbeing ------------------------------------------------------------------------------


def proqol(*, burnout: int = 3, sts: int = 3, cs: int = 3) -> Profile:
    """A ProQOL profile whose three sums are 10× the given levels (1–5)."""
    inst = tm.default_registry(plugins=False).get("proqol")
    reversed_items = {"1", "4", "15", "17", "29"}
    items = {
        "compassion_satisfaction": (cs, ["3", "6", "12", "16", "18", "20", "22", "24", "27", "30"]),
        "burnout": (burnout, ["1", "4", "8", "10", "15", "17", "19", "21", "26", "29"]),
        "secondary_traumatic_stress": (
            sts,
            ["2", "5", "7", "9", "11", "13", "14", "23", "25", "28"],
        ),
    }
    responses = {}
    for level, ids in items.values():
        for i in ids:
            responses[i] = 6 - level if i in reversed_items else level
    return inst.score(responses, age_months=400)  # type: ignore[no-any-return]


def test_proqol_fixture_gives_the_bands_asked_for() -> None:
    """The fixture's levels 5 / 3 / 2 land in high / moderate / low."""
    p = proqol(burnout=5, sts=3, cs=2)
    labels = {k: s.band.label for k, s in p.scores.items() if s.band is not None}
    assert labels == {
        "burnout": "high",
        "secondary_traumatic_stress": "moderate",
        "compassion_satisfaction": "low",
    }


def test_wellbeing_check_due_a_quarter_after_the_last() -> None:
    """A check three months ago to the day is due today."""
    f = one(
        check(
            staff(), WellbeingCheck("w1", "s1", date(2024, 3, 15), proqol()), line="wellbeing_check"
        )
    )
    assert (f.due, f.severity) == (ON, Severity.NOTE)


def test_high_burnout_is_a_concern_naming_the_check() -> None:
    """High burnout on the latest check is a concern dated on the check."""
    report = check_team(
        [staff(), WellbeingCheck("w1", "s1", date(2024, 6, 1), proqol(burnout=5))],
        only(POLICY, "wellbeing_check"),
        on=ON,
    )
    f = one(list(report.by_line("wellbeing_burnout")))
    assert (f.severity, f.records, f.due) == (Severity.CONCERN, ("s1", "w1"), date(2024, 6, 1))
    assert f.message == "latest proqol burnout is 'high'; the policy flags band rank 2 or worse"


def test_moderate_bands_are_not_findings() -> None:
    """The moderate (average) ProQOL range raises nothing."""
    report = check_team(
        [staff(), WellbeingCheck("w1", "s1", date(2024, 6, 1), proqol())],
        only(POLICY, "wellbeing_check"),
        on=ON,
    )
    assert report.findings == ()


def test_low_compassion_satisfaction_and_high_sts_are_each_a_finding() -> None:
    """Each threshold passed is its own finding, on its own line."""
    report = check_team(
        [staff(), WellbeingCheck("w1", "s1", date(2024, 6, 1), proqol(sts=5, cs=1))],
        only(POLICY, "wellbeing_check"),
        on=ON,
    )
    assert {f.line for f in report.findings} == {
        "wellbeing_secondary_traumatic_stress",
        "wellbeing_compassion_satisfaction",
    }


def test_a_newer_check_supersedes_an_older_high_band() -> None:
    """Only the latest check's bands count."""
    report = check_team(
        [
            staff(),
            WellbeingCheck("w1", "s1", date(2024, 3, 1), proqol(burnout=5)),
            WellbeingCheck("w2", "s1", date(2024, 6, 1), proqol()),
        ],
        only(POLICY, "wellbeing_check"),
        on=ON,
    )
    assert report.by_line("wellbeing_burnout") == ()


def test_two_checks_on_one_day_count_by_the_worse() -> None:
    """Two checks on the latest day: the worse band counts and both are named."""
    report = check_team(
        [
            staff(),
            WellbeingCheck("w2", "s1", date(2024, 6, 1), proqol()),
            WellbeingCheck("w1", "s1", date(2024, 6, 1), proqol(burnout=5)),
        ],
        only(POLICY, "wellbeing_check"),
        on=ON,
    )
    assert one(list(report.by_line("wellbeing_burnout"))).records == ("s1", "w1", "w2")


def test_wellbeing_threshold_is_configurable() -> None:
    """A threshold at rank 1 flags moderate burnout too, with the severity asked for."""
    policy = attrs.evolve(
        POLICY,
        wellbeing=attrs.evolve(
            POLICY.wellbeing, thresholds=(tm.team.BandThreshold("burnout", 1, Severity.SERIOUS),)
        ),
    )
    report = check_team(
        [staff(), WellbeingCheck("w1", "s1", date(2024, 6, 1), proqol())],
        only(policy, "wellbeing_check"),
        on=ON,
    )
    assert [(f.line, f.severity) for f in report.findings] == [
        ("wellbeing_burnout", Severity.SERIOUS)
    ]


# --- training -------------------------------------------------------------------------------


def test_training_first_due_three_months_after_starting() -> None:
    """No trauma-informed training: due 3 months after starting."""
    f = one(check(staff(started=date(2024, 1, 1)), line="training"))
    assert (f.due, f.days_overdue, f.severity) == (date(2024, 4, 1), 75, Severity.CONCERN)


def test_training_completed_is_next_due_two_years_later() -> None:
    """A completion refreshes the line for two years."""
    done = TrainingRecord("t1", "s1", date(2024, 2, 1))
    assert check(staff(started=date(2024, 1, 1)), done, line="training") == []


def test_other_courses_do_not_count_as_trauma_informed_training() -> None:
    """First aid is not the tracked course."""
    first_aid = TrainingRecord("t1", "s1", date(2024, 2, 1), course="first_aid")
    assert one(check(staff(started=date(2024, 1, 1)), first_aid, line="training"))


def test_refresher_due_two_years_after_the_last_training() -> None:
    """Training on 15 June 2022 is due again on 15 June 2024."""
    old = TrainingRecord("t1", "s1", date(2022, 6, 15))
    f = one(check(staff(started=date(2022, 1, 1)), old, line="training"))
    assert (f.due, f.severity) == (ON, Severity.NOTE)


# --- status ---------------------------------------------------------------------------------


def fully_met(sid: str = "s1") -> list[TeamRecord]:
    """A staff member with every line met on ON."""
    return [
        staff(sid),
        clinical(f"c-{sid}", date(2024, 6, 1), sid),
        practice(f"p-{sid}", date(2024, 6, 3), sid),
        Appraisal(f"a-{sid}", sid, date(2024, 1, 20)),
        WellbeingCheck(f"w-{sid}", sid, date(2024, 5, 1), proqol()),
        TrainingRecord(f"t-{sid}", sid, date(2023, 2, 1)),
    ]


def test_every_line_met_is_green() -> None:
    """A team with every line met is green, with that as its reason."""
    report = check_team(fully_met("s1") + fully_met("s2")[1:] + [staff("s2")], on=ON)
    assert (report.status, report.findings, report.reasons) == (
        "green",
        (),
        ("every policy line met on the date checked",),
    )
    assert report.staff_in_scope == 2


def test_notes_alone_keep_the_team_green() -> None:
    """Something coming due is not a concern."""
    records = [*fully_met(), clinical("c-late", date(2024, 5, 20))]
    records = [r for r in records if getattr(r, "id", "") != "c-s1"]
    report = check_team(records, on=ON)
    assert report.status == "green"
    assert [f.severity for f in report.findings] == [Severity.NOTE]


def test_one_concern_in_a_larger_team_is_amber() -> None:
    """A single overdue session among five staff is amber, and the reason names the line."""
    records: list[TeamRecord] = []
    for k in range(5):
        records += fully_met(f"s{k}")
    records = [r for r in records if getattr(r, "id", "") != "c-s0"]
    records.append(clinical("c-old", date(2024, 5, 10), "s0"))
    report = check_team(records, on=ON)
    assert report.status == "amber"
    assert report.reasons == ("clinical supervision: 1 finding",)


def test_any_serious_finding_is_red() -> None:
    """A serious finding makes the team red."""
    records: list[TeamRecord] = []
    for k in range(5):
        records += fully_met(f"s{k}")
    records = [r for r in records if getattr(r, "id", "") != "a-s0"]
    report = check_team(records, on=ON)
    assert report.status == "red"
    assert report.reasons == ("appraisal: 1 finding (1 serious)",)


def test_a_quarter_of_staff_with_concerns_is_red() -> None:
    """One of four staff with a concern reaches the default red share of 25 %."""
    records: list[TeamRecord] = []
    for k in range(4):
        records += fully_met(f"s{k}")
    records = [r for r in records if getattr(r, "id", "") != "c-s0"]
    records.append(clinical("c-old", date(2024, 5, 10), "s0"))
    report = check_team(records, on=ON)
    assert report.status == "red"
    assert "25% of staff in scope have a concern or worse (red from 25%)" in report.reasons


def test_status_is_a_plain_string_a_rule_can_read() -> None:
    """The status is the string "green", "amber" or "red"."""
    report = check_team(fully_met(), on=ON)
    assert isinstance(report.status, str)
    assert report.status in {"green", "amber", "red"}


def test_empty_home_is_green() -> None:
    """No staff, nothing to find."""
    report = check_team([], on=ON)
    assert (report.status, report.staff_in_scope) == ("green", 0)


def test_findings_are_ordered_most_serious_first() -> None:
    """Serious before concern before note; then by due date."""
    report = check_team([staff(started=date(2024, 5, 1))], on=ON)
    ranks = [f.severity.rank for f in report.findings]
    assert ranks == sorted(ranks, reverse=True)


def test_report_helpers_filter_findings() -> None:
    """by_line, about and at_least select findings."""
    report = check_team([staff("s1"), staff("s2", started=date(2024, 6, 5))], on=ON)
    assert {f.subject for f in report.about("s2")} == {"s2"}
    assert all(f.severity is Severity.SERIOUS for f in report.at_least(Severity.SERIOUS))
    assert all(f.line == "appraisal" for f in report.by_line("appraisal"))


# --- monthly compliance ---------------------------------------------------------------------


def test_compliance_covers_the_twelve_months_to_the_date_checked() -> None:
    """By default the table runs from July last year to the month checked."""
    report = check_team(fully_met(), on=ON)
    months = report.compliance.months
    assert (months[0], months[-1], len(months)) == (date(2023, 7, 1), date(2024, 6, 1), 12)


def test_compliance_rate_per_month_for_clinical_supervision() -> None:
    """Two staff, one supervised each month and one only in March: rates per month end."""
    records: list[TeamRecord] = [staff("s1"), staff("s2")]
    for m in range(1, 7):
        records.append(clinical(f"c{m}", date(2024, m, 10), "s1"))
    records.append(clinical("x", date(2024, 3, 10), "s2"))
    report = check_team(records, on=ON, period=(date(2024, 1, 1), date(2024, 6, 30)))
    rates = report.compliance.rates("clinical_supervision")
    assert rates == {
        date(2024, 1, 1): 0.5,
        date(2024, 2, 1): 0.5,
        date(2024, 3, 1): 1.0,
        date(2024, 4, 1): 0.5,  # s2's next was due on 10 April: overdue at the month's end
        date(2024, 5, 1): 0.5,
        date(2024, 6, 1): 0.5,
    }


def test_compliance_for_the_current_month_is_as_at_the_date_checked() -> None:
    """The current month is read on ``on``, not at its end."""
    records = [staff(), clinical("c1", date(2024, 5, 20))]
    report = check_team(records, on=ON, period=(date(2024, 6, 1), date(2024, 6, 30)))
    assert report.compliance.rate("clinical_supervision", date(2024, 6, 1)) == 1.0


def test_compliance_is_none_when_no_one_is_in_scope() -> None:
    """A month before anyone started has no rate."""
    report = check_team(
        [staff(started=date(2024, 5, 1))], on=ON, period=(date(2024, 4, 1), date(2024, 6, 30))
    )
    assert report.compliance.rate("clinical_supervision", date(2024, 4, 1)) is None
    assert report.compliance.overall("clinical_supervision") == 0.0


def test_compliance_arrays_have_a_row_per_line() -> None:
    """as_arrays gives (lines, months) counts."""
    report = check_team(fully_met(), on=ON)
    in_scope, met = report.compliance.as_arrays()
    assert in_scope.shape == met.shape == (len(report.compliance.lines), 12)
    assert (met <= in_scope).all()


def test_compliance_rate_raises_for_an_unknown_line() -> None:
    """Asking for a line that is not in the table is a KeyError."""
    report = check_team(fully_met(), on=ON)
    with pytest.raises(KeyError):
        report.compliance.rate("no_such_line", date(2024, 6, 1))


# --- many homes -----------------------------------------------------------------------------


def test_check_teams_gives_each_home_its_own_report() -> None:
    """A batch of homes gives the same reports as checking each home alone."""
    a = TeamRecords.of(fully_met(), home_id="a")
    b = TeamRecords.of([staff("s1", started=date(2024, 5, 1))], home_id="b")
    batch = check_teams([a, b], on=ON)
    assert [r.home_id for r in batch] == ["a", "b"]
    assert list(batch) == [check_team(a, on=ON), check_team(b, on=ON)]


def test_same_staff_id_in_two_homes_is_two_people() -> None:
    """Staff ids are per home: s1 in home a and s1 in home b are checked separately."""
    a = TeamRecords.of(fully_met(), home_id="a")
    b = TeamRecords.of([staff("s1")], home_id="b")
    ra, rb = check_teams([a, b], on=ON)
    assert ra.status == "green"
    assert rb.status == "red"


def test_team_report_round_trips_through_json() -> None:
    """A report survives dumps/loads."""
    report = check_team([staff(started=date(2024, 5, 1))], on=ON)
    assert tm.loads(tm.dumps(report), TeamReport) == report


def test_check_team_default_policy_is_team_policy() -> None:
    """No policy given means TeamPolicy()."""
    records = [staff()]
    assert check_team(records, on=ON) == check_team(records, TeamPolicy(), on=ON)


def test_interval_changes_move_the_due_date() -> None:
    """A two-monthly appraisal cadence moves the due date accordingly."""
    policy = attrs.evolve(POLICY, appraisal=attrs.evolve(POLICY.appraisal, every=Interval(2)))
    f = one(
        check(staff(), Appraisal("a1", "s1", date(2024, 4, 15)), line="appraisal", policy=policy)
    )
    assert f.due == ON


def test_due_dates_are_dates_not_datetimes() -> None:
    """Cadence findings carry a calendar due date and no exact time."""
    f = one(check(staff(), clinical("c1", ON - timedelta(days=40)), line="clinical_supervision"))
    assert (type(f.due), f.due_at) == (date, None)


def test_summary_is_one_line_of_status_and_reasons_without_ids() -> None:
    """The one-line summary a meeting records names lines, not staff."""
    report = check_team([staff("s-77", started=date(2024, 5, 1))], on=ON)
    assert report.summary().startswith("red: ")
    assert "s-77" not in report.summary()


def test_team_report_is_a_fact_the_response_rules_read() -> None:
    """A rule on the team status fires from the report itself."""
    from therapeutic_model.io import default_catalogue
    from therapeutic_model.response import Rule, RuleSet, TeamStatus

    rules = RuleSet(
        [Rule("team-red", TeamStatus(("red",)), ("individual_care_plan",))], default_catalogue()
    )
    nmt = tm.default_registry(plugins=False).get("neurosequential")
    profile = nmt.score({i: 3 for d in nmt.domains for i in d.items}, age_months=150)
    red = check_team([staff(started=date(2024, 5, 1))], on=ON)
    green = check_team([], on=ON)
    assert rules.suggest(profile, team=red).ids() == ("individual_care_plan",)
    assert rules.suggest(profile, team=green).ids() == ()


# --- every cadence line: met, due soon, due on the day, overdue by one ------------------------

LINE_RECORD = {
    "clinical_supervision": lambda on: clinical("r", on),
    "practice_supervision": lambda on: practice("r", on),
    "appraisal": lambda on: Appraisal("r", "s1", on),
    "wellbeing_check": lambda on: WellbeingCheck("r", "s1", on, proqol()),
    "training": lambda on: TrainingRecord("r", "s1", on),
}
LINE_EVERY = {
    "clinical_supervision": Interval(1),
    "practice_supervision": Interval(1),
    "appraisal": Interval(12),
    "wellbeing_check": Interval(3),
    "training": Interval(24),
}


def _months_before(d: date, n: int) -> date:
    k = d.year * 12 + d.month - 1 - n
    return date(k // 12, k % 12 + 1, d.day)


@pytest.mark.parametrize("line", sorted(LINE_RECORD))
@pytest.mark.parametrize(
    ("due_in", "expected"),
    [
        (None, None),  # done yesterday: met, nothing said
        (1, (Severity.NOTE, -1)),  # due tomorrow
        (0, (Severity.NOTE, 0)),  # due today: due, not overdue
        (-1, (Severity.CONCERN, 1)),  # the day after the due day: overdue
    ],
)
def test_each_cadence_line_on_the_boundaries(
    line: str, due_in: int | None, expected: tuple[Severity, int] | None
) -> None:
    """Every cadence line is met, due or overdue by the same rule, to the day."""
    if due_in is None:
        last = ON - timedelta(days=1)
    else:
        last = _months_before(ON, LINE_EVERY[line].count) + timedelta(days=due_in)
    found = check(staff(started=date(2020, 1, 1)), LINE_RECORD[line](last), line=line)
    if expected is None:
        assert found == []
    else:
        f = one(found)
        assert (f.severity, f.days_overdue, f.records) == (*expected, ("s1", "r"))


def staff_reordered(table: TeamTable, order: list[int]) -> TeamTable:
    """The same table with its staff rows in another order (and every reference to them)."""
    new = np.argsort(order)  # old staff number -> new
    s = table.staff
    staff_columns = attrs.evolve(
        s, **{f.name: getattr(s, f.name)[order] for f in attrs.fields(type(s))}
    )

    def events(ev: EventColumns) -> EventColumns:
        return attrs.evolve(ev, staff=new[ev.staff])

    sp = table.supports
    return attrs.evolve(
        table,
        staff=staff_columns,
        supervision=events(table.supervision),
        appraisal=events(table.appraisal),
        wellbeing=events(table.wellbeing),
        training=events(table.training),
        incidents=attrs.evolve(table.incidents, pair_staff=new[table.incidents.pair_staff]),
        supports=attrs.evolve(sp, staff=np.where(sp.staff >= 0, new[sp.staff], -1)),
    )


def test_a_table_with_homes_staff_interleaved_gives_the_same_reports() -> None:
    """Staff rows need not come home by home: counts per home are the same either way."""
    homes = [
        TeamRecords.of(
            [
                staff("s1"),
                staff("s2", started=date(2024, 5, 1)),
                clinical("c1", date(2024, 6, 1), "s1"),
                Incident("i1", IncidentKind.RESTRAINT, datetime(2024, 6, 10, 9), ("s1", "s2"), "c"),
                PostIncidentSupport(
                    "p1",
                    "i1",
                    SupportKind.STAFF_SPOKEN_TO,
                    datetime(2024, 6, 10, 12),
                    staff_id="s2",
                ),
            ],
            home_id=home_id,
        )
        for home_id in ("a", "b")
    ]
    table = TeamTable.from_records(
        homes, wellbeing_scores=POLICY.wellbeing.score_ids, wellbeing_instrument="proqol"
    )
    mixed = staff_reordered(table, [3, 0, 2, 1])
    assert mixed.staff.home.tolist() == [1, 0, 1, 0]
    period = (date(2024, 1, 1), ON)
    assert check_teams(mixed, on=ON, period=period) == check_teams(table, on=ON, period=period)


@given(
    st.lists(st.tuples(st.integers(0, 3), st.integers(0, 40)), max_size=30),
    st.lists(st.integers(-5, 45), min_size=1, max_size=6),
)
def test_latest_event_grid_matches_a_search_by_hand(
    events: list[tuple[int, int]], days: list[int]
) -> None:
    """The latest event on or before each day, for each staff member, is found by the grid."""
    when = np.array(sorted(days), dtype=np.int64)
    staff_col = np.array([s for s, _ in events], dtype=np.intp)
    day_col = np.array([d for _, d in events], dtype=np.int64)
    latest = _Latest(staff_col, day_col)
    has, pos, last = latest.grid(4, when)
    for s in range(4):
        for j, w in enumerate(when.tolist()):
            mine = [d for t, d in events if t == s and d <= w]
            assert has[s, j] == bool(mine)
            if mine:
                assert last[s, j] == max(mine)
                assert latest.staff[pos[s, j]] == s
                assert latest.day[pos[s, j]] == max(mine)
