"""Tests of progress over a tracker: Tracker.progress, domain_progress and evidence.

Worked numbers: reliable change after Jacobson & Truax (1991) with SD 7.5 and reliability 0.80
(S_diff = √2 · 7.5 · √0.2 = 4.7434, the minimum reliable change 9.2971 at z = 1.96, as in the
progress tests); trend as least squares over days since opening, / 30.4375 days a month.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

import numpy as np
import pytest

from therapeutic_model.child import Child
from therapeutic_model.exceptions import ValidationError
from therapeutic_model.review import (
    AssessmentRef,
    Progress,
    ProgressWarning,
    Psychometrics,
    ReviewPolicy,
    Tracker,
)
from therapeutic_model.testing import synthetic_plan

Assess = Callable[..., Tracker]
RM = "registered_manager"
DOMAINS = ("regulate", "relate", "reason")
PSY = Psychometrics(
    sd=dict.fromkeys(DOMAINS, 7.5), reliability=dict.fromkeys(DOMAINS, 0.8), source="synthetic"
)
S_DIFF = math.sqrt(2) * 7.5 * math.sqrt(0.2)


@pytest.fixture
def tracked(child: Child, assess: Assess) -> Tracker:
    """Opened 1 Jan 2024; assessed on days 0, 91 and 182; plan adopted on day 0."""
    policy = ReviewPolicy(psychometrics={"synthetic": PSY})
    t = Tracker.open(child, on=date(2024, 1, 1), actor_role=RM, policy=policy)
    t = assess(t, date(2024, 1, 1), {"regulate": 10.0, "relate": 30.0, "reason": 12.0})
    t = t.adopt_plan(
        synthetic_plan(child.id, on=date(2024, 1, 1)), on=date(2024, 1, 1), actor_role=RM
    )
    t = assess(t, date(2024, 4, 1), {"regulate": 14.0, "relate": 30.0, "reason": 25.0})
    return assess(t, date(2024, 7, 1), {"regulate": 20.0, "relate": 31.0, "reason": 33.0})


def test_progress_gives_the_summary_per_domain(tracked: Tracker) -> None:
    """Entry, latest, distance and count per domain, in the profile's order."""
    p = tracked.progress("synthetic")
    assert isinstance(p, Progress)
    assert [10.0, 30.0, 12.0] == p.entry.tolist()
    assert [20.0, 31.0, 33.0] == p.latest.tolist()
    assert [10.0, 1.0, 21.0] == p.distance_travelled.tolist()
    assert [3, 3, 3] == p.n_assessments.tolist()


def test_trend_is_per_month_from_days(tracked: Tracker) -> None:
    """10, 14, 20 on days 0, 91, 182 rise 10/182 a day: 1.6724 a month of 30.4375 days."""
    p = tracked.progress("synthetic")
    np.testing.assert_allclose(p.trend_per_month[0], 10 / 182 * 30.4375)


def test_rci_and_classification(tracked: Tracker) -> None:
    """+10 and +21 are reliable (> 9.2971); +1 is not."""
    p = tracked.progress("synthetic")
    np.testing.assert_allclose(p.rci, [10 / S_DIFF, 1 / S_DIFF, 21 / S_DIFF])
    assert [1, 0, 1] == p.change.tolist()


def test_score_ids_choose_the_columns(tracked: Tracker) -> None:
    """score_ids selects and orders the columns."""
    p = tracked.progress("synthetic", score_ids=["reason", "regulate"])
    assert [33.0, 20.0] == p.latest.tolist()


def test_progress_needs_psychometrics(child: Child, assess: Assess) -> None:
    """Without SD and reliability each score is named."""
    t = assess(
        Tracker.open(child, on=date(2024, 1, 1), actor_role=RM),
        date(2024, 1, 2),
        {"regulate": 1.0, "relate": 2.0},
    )
    with pytest.raises(ValidationError) as caught:
        t.progress("synthetic")
    assert ("$.psychometrics.regulate", "$.psychometrics.relate") == caught.value.paths


def test_progress_of_an_instrument_never_used(tracked: Tracker) -> None:
    """Asking for an instrument the tracker has no record of names the argument."""
    with pytest.raises(ValidationError, match=r"\$\.instrument_id"):
        tracked.progress("sdq-parent")


def test_progress_warns_with_one_assessment(child: Child, assess: Assess) -> None:
    """A single assessment has travelled nowhere: ProgressWarning, NaN distance."""
    t = assess(
        Tracker.open(child, on=date(2024, 1, 1), actor_role=RM), date(2024, 1, 2), {"regulate": 1.0}
    )
    with pytest.warns(ProgressWarning):
        p = t.progress("synthetic", psychometrics=PSY)
    assert math.isnan(p.distance_travelled[0])


def test_fall_is_improvement_where_lower_is_better(child: Child, assess: Assess) -> None:
    """For a difficulties score (lower is better) a fall of 15 is a reliable improvement."""
    t = Tracker.open(child, on=date(2024, 1, 1), actor_role=RM)
    t = assess(t, date(2024, 1, 1), {"regulate": 30.0}, higher_is_better=False)
    t = assess(t, date(2024, 7, 1), {"regulate": 15.0}, higher_is_better=False)
    assert [1] == t.progress("synthetic", psychometrics=PSY).change.tolist()


def test_domain_progress_rows(tracked: Tracker) -> None:
    """Rows carry plain numbers, the change label, the latest band and the milestone."""
    rows = {r.domain: r for r in tracked.domain_progress("synthetic")}
    reason = rows["reason"]
    assert ("reliably improved", "green", 0, True) == (
        reason.change,
        reason.latest_band,
        reason.latest_rank,
        reason.milestone_met,
    )
    assert ("no reliable change", False) == (rows["relate"].change, rows["relate"].milestone_met)


def test_domain_progress_up_to_a_date(tracked: Tracker) -> None:
    """Only assessments completed by ``on`` count."""
    rows = tracked.domain_progress("synthetic", on=date(2024, 4, 1))
    assert (2, 25.0) == (rows[2].n_assessments, rows[2].latest)


def test_domain_progress_with_one_assessment_is_quiet(child: Child, assess: Assess) -> None:
    """One assessment: no warning (pytest turns warnings to errors), None for change."""
    t = assess(
        Tracker.open(child, on=date(2024, 1, 1), actor_role=RM), date(2024, 1, 2), {"regulate": 1.0}
    )
    row = t.domain_progress("synthetic")[0]
    assert (1, None, None) == (row.n_assessments, row.distance_travelled, row.rci)


def test_domain_progress_without_psychometrics_has_no_rci(child: Child, assess: Assess) -> None:
    """Without SD and reliability rows still give distance and trend, but no RCI."""
    t = Tracker.open(child, on=date(2024, 1, 1), actor_role=RM)
    t = assess(t, date(2024, 1, 1), {"regulate": 10.0})
    t = assess(t, date(2024, 7, 1), {"regulate": 20.0})
    row = t.domain_progress("synthetic")[0]
    assert (10.0, None, None) == (row.distance_travelled, row.rci, row.change)


def test_evidence_gathers_what_the_meeting_sees(tracked: Tracker) -> None:
    """Evidence lists the latest assessment, the progress rows and the goal ratings."""
    t = tracked.rate_goals({"g1": 1, "g2": -1}, on=date(2024, 7, 2), actor_role=RM)
    ev = t.evidence(on=date(2024, 7, 3), team_status="no findings")
    assert (AssessmentRef("synthetic", date(2024, 7, 1)),) == ev.assessments
    assert (3, {"g1": 1, "g2": -1}, 50.0, "no findings") == (
        len(ev.progress),
        ev.goal_ratings,
        ev.goal_t_score,
        ev.team_status,
    )
