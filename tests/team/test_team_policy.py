"""Tests of TeamPolicy: intervals, defaults with their sources, configuration and round-trips."""

from __future__ import annotations

from datetime import date

import attrs
import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import therapeutic_model as tm
from therapeutic_model.exceptions import InvalidValue
from therapeutic_model.team import (
    BandThreshold,
    Employment,
    IncidentKind,
    Interval,
    RestraintRule,
    Severity,
    SupervisionFormat,
    SupervisionKind,
    TeamPolicy,
)


@pytest.mark.parametrize(
    ("start", "interval", "expected"),
    [
        (date(2024, 1, 31), Interval(1, "months"), date(2024, 2, 29)),
        (date(2023, 1, 31), Interval(1, "months"), date(2023, 2, 28)),
        (date(2024, 3, 31), Interval(1, "months"), date(2024, 4, 30)),
        (date(2024, 11, 15), Interval(3, "months"), date(2025, 2, 15)),
        (date(2024, 2, 29), Interval(12, "months"), date(2025, 2, 28)),
        (date(2024, 6, 1), Interval(14, "days"), date(2024, 6, 15)),
        (date(2024, 6, 1), Interval(2, "weeks"), date(2024, 6, 15)),
    ],
)
def test_interval_after_keeps_the_day_or_the_months_last_day(
    start: date, interval: Interval, expected: date
) -> None:
    """Adding months keeps the day of the month, or the last day of a shorter month."""
    assert expected == interval.after(start)


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)),
    st.integers(1, 36),
    st.sampled_from(["days", "weeks", "months"]),
)
def test_interval_is_monotone_and_moves_forward(start: date, count: int, unit: str) -> None:
    """An interval always lands after its start, and a later start never lands earlier."""
    iv = Interval(count, unit)  # type: ignore[arg-type]
    later = date.fromordinal(start.toordinal() + 1)
    assert start < iv.after(start) <= iv.after(later)


def test_interval_add_to_is_the_same_for_a_batch() -> None:
    """The array path gives the scalar answer for every element."""
    days = np.array([19753, 19782, 19813], dtype=np.int64)  # 2024-01-31, 02-29, 03-31
    iv = Interval(1, "months")
    scalar = [iv.after(date.fromordinal(int(d) + date(1970, 1, 1).toordinal())) for d in days]
    got = [date.fromordinal(int(d) + date(1970, 1, 1).toordinal()) for d in iv.add_to(days)]
    assert scalar == got


def test_interval_count_must_be_positive() -> None:
    """A zero interval is refused."""
    with pytest.raises(InvalidValue, match="count"):
        Interval(0, "days")


def test_default_policy_states_the_regulation_lines() -> None:
    """The defaults follow reg 33(4) and reg 35(3) and say so in their sources."""
    p = TeamPolicy()
    assert "reg 33(4)(b)" in p.practice_supervision.source
    assert "reg 33(4)(c)" in p.appraisal.source
    assert p.appraisal.every == Interval(12, "months")
    assert "reg 35(3)" in p.restraint.source
    assert (
        p.restraint.record_within_hours,
        p.restraint.staff_spoken_to_within_hours,
        p.restraint.child_spoken_to_within_days,
    ) == (24, 48, 5)


def test_default_clinical_supervision_is_monthly_and_fortnightly_for_new_starters() -> None:
    """Clinical supervision: monthly, every 14 days in the first 6 months, for everyone."""
    c = TeamPolicy().clinical_supervision
    assert (c.kind, c.every, c.new_starter_every, c.new_starter_period) == (
        SupervisionKind.CLINICAL,
        Interval(1, "months"),
        Interval(14, "days"),
        Interval(6, "months"),
    )
    assert c.employment == frozenset(Employment)
    assert c.formats == frozenset(SupervisionFormat)


def test_practice_supervision_and_appraisal_cover_employees_only() -> None:
    """Reg 33(4) speaks of employees: agency workers are out of scope by default."""
    p = TeamPolicy()
    assert Employment.AGENCY not in p.practice_supervision.employment
    assert Employment.AGENCY not in p.appraisal.employment


def test_library_defaults_say_they_are_the_librarys() -> None:
    """Lines no regulation sets say they are this library's default."""
    p = TeamPolicy()
    for rule in (p.clinical_supervision, p.wellbeing, p.training):
        assert "library's default" in rule.source


def test_default_wellbeing_thresholds_are_the_proqol_high_concern_bands() -> None:
    """High burnout, high secondary traumatic stress and low compassion satisfaction flag."""
    w = TeamPolicy().wellbeing
    assert w.instrument == "proqol"
    assert w.thresholds == (
        BandThreshold("burnout", 2, Severity.CONCERN),
        BandThreshold("secondary_traumatic_stress", 2, Severity.CONCERN),
        BandThreshold("compassion_satisfaction", 2, Severity.CONCERN),
    )


def test_cadence_lines_leave_out_lines_not_required() -> None:
    """A line switched off is not checked."""
    p = TeamPolicy()
    off = attrs.evolve(p, appraisal=attrs.evolve(p.appraisal, required=False))
    assert "appraisal" in dict(p.cadence_lines())
    assert "appraisal" not in dict(off.cadence_lines())


def test_applies_to_reads_employment_and_roles() -> None:
    """A rule with roles covers only those roles and engagements."""
    rule = attrs.evolve(TeamPolicy().practice_supervision, roles={"rcw"})
    assert rule.applies_to("rcw", Employment.BANK)
    assert not rule.applies_to("cook", Employment.BANK)
    assert not rule.applies_to("rcw", Employment.AGENCY)


def test_red_share_must_be_a_share() -> None:
    """red_share outside (0, 1] is refused."""
    with pytest.raises(InvalidValue, match="red_share"):
        TeamPolicy(red_share=1.5)


def test_team_policy_round_trips_through_json() -> None:
    """A configured policy survives dumps/loads, sets and all."""
    p = TeamPolicy(
        restraint=RestraintRule(kinds={IncidentKind.RESTRAINT, IncidentKind.CONTROL_MEASURE})
    )
    assert tm.loads(tm.dumps(p), TeamPolicy) == p


def test_team_policy_document_is_deterministic() -> None:
    """Sets are written sorted, so the same policy always gives the same JSON."""
    assert tm.dumps(TeamPolicy()) == tm.dumps(TeamPolicy())
    assert '"employment": [\n      "agency",\n      "bank",\n      "permanent"\n    ]' in tm.dumps(
        TeamPolicy()
    )


def test_team_policy_from_a_partial_document_keeps_the_other_defaults() -> None:
    """A document naming one line leaves every other line at its default."""
    doc = (
        '{"schema": "therapeutic_model/team_policy", "schema_version": 1,'
        ' "wellbeing": {"every": {"count": 1, "unit": "months"}}}'
    )
    p = tm.loads(doc, TeamPolicy)
    assert p.wellbeing.every == Interval(1, "months")
    assert p.clinical_supervision == TeamPolicy().clinical_supervision


def test_team_policy_document_with_a_bad_unit_names_the_path() -> None:
    """A unit that is not days, weeks or months fails at its path."""
    doc = (
        '{"schema": "therapeutic_model/team_policy", "schema_version": 1,'
        ' "appraisal": {"every": {"count": 1, "unit": "fortnights"}}}'
    )
    with pytest.raises(tm.ValidationError) as exc:
        tm.loads(doc, TeamPolicy)
    assert exc.value.paths == ("$.appraisal.every.unit",)
