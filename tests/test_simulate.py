"""Tests of the synthetic cohorts in therapeutic_model.simulate."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings

import therapeutic_model as tm
from therapeutic_model import simulate
from therapeutic_model.exceptions import InvalidValue
from therapeutic_model.testing import simulated_cohorts

ON = date(2025, 1, 6)
SRC = str(Path(tm.__file__).parents[1])


def test_same_seed_same_cohort() -> None:
    """The same seed gives the same children, histories and responses."""
    a = simulate.cohort(5, 6, seed=11, on=ON)
    b = simulate.cohort(5, 6, seed=11, on=ON)
    assert a.children == b.children
    np.testing.assert_array_equal(a.responses("neurosequential"), b.responses("neurosequential"))


def test_different_seed_different_cohort() -> None:
    """A different seed gives different responses."""
    a = simulate.cohort(5, 6, seed=11, on=ON)
    b = simulate.cohort(5, 6, seed=12, on=ON)
    assert not np.array_equal(a.responses("sdq-parent"), b.responses("sdq-parent"), equal_nan=True)


def test_records_are_labelled_synthetic() -> None:
    """Every cohort and child carries the synthetic-data notice."""
    c = simulate.cohort(2, 0, seed=1, on=ON)
    assert c.notice == simulate.SYNTHETIC_NOTICE
    assert all(ch.notice == simulate.SYNTHETIC_NOTICE for ch in c.children)


def test_entry_assessments_score_on_both_instruments() -> None:
    """Each child's entry assessments score without error on neurosequential and SDQ."""
    reg = tm.default_registry(plugins=False)
    for ch in simulate.cohort(4, 0, seed=2, on=ON).children:
        for iid in ("neurosequential", "sdq-parent"):
            a = ch.entry(iid)
            p = reg.get(iid).score(a.responses, age_months=ch.child.age_months(a.on))
            assert all(s.value is not None for s in p.scores.values())


def test_neurosequential_monthly_sdq_six_monthly() -> None:
    """The tracker measure is monthly and the SDQ six-monthly from entry."""
    ch = simulate.cohort(1, 12, seed=3, on=ON).children[0]
    assert len(ch.assessments_of("neurosequential")) == 13
    assert [a.on for a in ch.assessments_of("sdq-parent")] == [
        ON,
        date(2025, 7, 6),
        date(2026, 1, 6),
    ]


def test_earlier_adversity_hits_lower_levels_harder() -> None:
    """Children whose adversity began in infancy have lower brainstem ratios than later onsets."""
    c = simulate.cohort(3000, 0, seed=4, on=ON)
    batch, rows = c.scores("neurosequential", 0)
    onset = np.array(
        [c.child(int(i)).history.earliest_adversity(2) for i in rows[:600]], dtype=object
    )
    early = np.isin(onset, [tm.Period.PERINATAL, tm.Period.INFANCY])
    late = np.isin(onset, [tm.Period.CHILDHOOD, tm.Period.ADOLESCENCE])
    brainstem = batch.ratio[:600, 0]
    assert brainstem[early].mean() < brainstem[late].mean()


def test_work_done_improves_on_average() -> None:
    """With the default effect, mean ratios rise over a year; with no effect they rise less."""
    worked = simulate.cohort(400, 12, seed=5, on=ON)
    idle = simulate.cohort(400, 12, seed=5, on=ON, effect=0.0)

    def gain(c: simulate.Cohort) -> float:
        start, _ = c.scores("neurosequential", 0)
        end, _ = c.scores("neurosequential", 12)
        return float(np.nanmean(end.ratio) - np.nanmean(start.ratio))

    assert gain(worked) > gain(idle) + 0.05


def test_staggered_entries_stay_inside_the_period() -> None:
    """Children entering later have no assessments before their entry month."""
    c = simulate.cohort(20, 6, seed=6, on=ON, entry_spread_months=3)
    for i, ch in enumerate(c.children):
        assert ch.entered == simulate.add_months(ON, int(c.entry_month[i]))
        assert min(a.on for a in ch.assessments) == ch.entered


def test_bad_counts_are_refused() -> None:
    """A cohort of no children is refused with the rule stated."""
    with pytest.raises(InvalidValue, match="n_children"):
        simulate.cohort(0, 6, seed=1, on=ON)


def test_add_months_keeps_the_last_day() -> None:
    """Adding a month to the 31st gives the last day of a shorter month."""
    assert simulate.add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)


def test_home_is_deterministic_per_seed() -> None:
    """The same seed gives the same team records and children."""
    a = simulate.home(seed=3, on=ON)
    b = simulate.home(seed=3, on=ON)
    assert a.team == b.team
    assert a.children == b.children


def test_home_team_check_finds_something() -> None:
    """A simulated home's team check has findings, so the checks have something to show."""
    from therapeutic_model.team import check_team

    h = simulate.home(seed=3, on=ON)
    report = check_team(h.team, on=h.period[1], period=h.period)
    assert report.findings
    assert report.staff_in_scope == len(h.team.staff)


def test_home_restraints_are_followed_by_reg35_actions() -> None:
    """Every simulated restraint names staff and has at least one action after it."""
    h = simulate.home(seed=5, on=ON)
    followed = {s.incident_id for s in h.team.supports}
    assert h.team.incidents
    assert all(i.staff for i in h.team.incidents)
    assert {i.id for i in h.team.incidents if i.at.date() < simulate.add_months(ON, 11)} <= followed


def test_home_children_enter_in_the_first_quarter() -> None:
    """Admissions to the simulated home are staggered over the first three months."""
    h = simulate.home(seed=2, on=ON)
    assert len(h.children) == 8
    assert all(ON <= c.entered <= simulate.add_months(ON, 3) for c in h.children)


def test_home_trackers_are_deterministic_across_processes(tmp_path: Path) -> None:
    """Two processes with different hash seeds simulate the same trackers."""
    code = (
        "from datetime import date; from therapeutic_model import simulate, dumps; "
        "h = simulate.home(2, 3, seed=8, on=date(2025, 1, 6), n_staff=3); "
        "print(dumps(h.trackers[0]))"
    )
    outs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": SRC}
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        outs.append(done.stdout)
    assert outs[0] == outs[1]


def test_home_trackers_follow_the_cycle() -> None:
    """Each simulated tracker has a first plan from suggestions and monthly meetings."""
    h = simulate.home(3, 4, seed=1, on=ON, n_staff=4)
    for t in h.trackers:
        assert t.plans[0].history[0].reason == "first draft from suggestions"
        assert len(t.meetings) >= 1
        assert {"clinical_assessor", "registered_manager"} <= set(t.meetings[0].roles)


@given(simulated_cohorts(max_children=4, max_months=3))
@settings(max_examples=10)
def test_every_cohort_scores_on_entry(c: simulate.Cohort) -> None:
    """Any simulated cohort's entry month scores for every child, with no missing domain."""
    batch, rows = c.scores("neurosequential", 0)
    assert len(rows) >= 1
    assert not np.isnan(batch.values).any()
