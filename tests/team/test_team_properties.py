"""Properties of check_team: order does not matter, a record only changes what it touches,
and a batch of homes is each home checked alone."""

from __future__ import annotations

import random
from datetime import date

import attrs
from hypothesis import given
from hypothesis import strategies as st

from therapeutic_model.team import (
    Appraisal,
    Finding,
    Incident,
    PostIncidentSupport,
    StaffMember,
    SupervisionSession,
    TeamRecord,
    TeamRecords,
    TeamReport,
    TrainingRecord,
    WellbeingCheck,
    check_team,
    check_teams,
)
from therapeutic_model.testing import team_record_for, team_records

ON = date(2024, 6, 30)
FIELDS = ("staff", "supervisions", "appraisals", "wellbeing", "training", "incidents", "supports")


def shuffled(records: TeamRecords, seed: int) -> TeamRecords:
    rng = random.Random(seed)
    changes = {}
    for name in FIELDS:
        items = list(getattr(records, name))
        rng.shuffle(items)
        changes[name] = tuple(items)
    return attrs.evolve(records, **changes)


@given(team_records(), st.integers(0, 2**32))
def test_check_team_is_the_same_for_shuffled_records(records: TeamRecords, seed: int) -> None:
    """The order records come in changes nothing in the report."""
    assert check_team(records, on=ON) == check_team(shuffled(records, seed), on=ON)


def touches(record: TeamRecord, finding: Finding) -> bool:
    """Whether adding ``record`` may resolve or change ``finding``."""
    if isinstance(record, SupervisionSession):
        return finding.line.endswith("_supervision") and finding.subject in record.attendees
    if isinstance(record, Appraisal):
        return finding.line == "appraisal" and finding.subject == record.staff_id
    if isinstance(record, WellbeingCheck):
        return finding.line.startswith("wellbeing") and finding.subject == record.staff_id
    if isinstance(record, TrainingRecord):
        return finding.line == "training" and finding.subject == record.staff_id
    if isinstance(record, PostIncidentSupport):
        return finding.line.startswith("reg35") and finding.subject == record.incident_id
    assert isinstance(record, (StaffMember, Incident))
    return False


@given(st.data())
def test_a_record_added_never_removes_a_finding_it_does_not_resolve(data: st.DataObject) -> None:
    """Every finding the new record does not touch is still there, unchanged."""
    records = data.draw(team_records())
    extra = data.draw(team_record_for(records))
    before = check_team(records, on=ON).findings
    after = set(check_team(records.add(extra), on=ON).findings)
    kept = [f for f in before if not touches(extra, f)]
    assert [f for f in kept if f not in after] == []


@given(team_records(home_id="a"), team_records(home_id="b"))
def test_a_batch_of_homes_is_each_home_checked_alone(a: TeamRecords, b: TeamRecords) -> None:
    """check_teams on two homes gives the two single-home reports."""
    assert check_teams([a, b], on=ON) == (check_team(a, on=ON), check_team(b, on=ON))


@given(team_records())
def test_status_follows_the_worst_finding(records: TeamRecords) -> None:
    """Red with a serious finding; green only with no concern or worse."""
    report: TeamReport = check_team(records, on=ON)
    ranks = {f.severity.rank for f in report.findings}
    if 2 in ranks:
        assert report.status == "red"
    if report.status == "green":
        assert ranks <= {0}


@given(team_records())
def test_compliance_never_counts_more_met_than_in_scope(records: TeamRecords) -> None:
    """Met never exceeds in scope, in any line or month."""
    in_scope, met = check_team(records, on=ON).compliance.as_arrays()
    assert (met <= in_scope).all()
    assert (met >= 0).all()
