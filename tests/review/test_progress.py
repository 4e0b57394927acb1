"""Tests of the progress statistics of element 3 (review/_progress.py)."""

# The project writes `assert expected == actual` (STYLE.md, 12), which SIM300 calls a Yoda
# condition; the house style wins in tests.

from __future__ import annotations

import doctest
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from therapeutic_model.exceptions import ValidationError
from therapeutic_model.review import _progress
from therapeutic_model.review._progress import (
    ChangeClass,
    ClinicalCutoffs,
    ProgressWarning,
    classify_change,
    clinical_cutoffs,
    clinically_significant,
    distance_travelled,
    gas_t_score,
    milestone_met,
    reliable_change,
    summarise_progress,
    trend,
)

NAN = math.nan

# Scores of a typical questionnaire scale; wide enough to exercise every branch.
scores = st.floats(min_value=-100, max_value=100, allow_nan=False)
scores_or_missing = st.one_of(scores, st.just(NAN))
sds = st.floats(min_value=0.1, max_value=50)
reliabilities = st.floats(min_value=0.0, max_value=0.99)
gas_ratings = st.integers(min_value=-2, max_value=2)


# ---------------------------------------------------------------------------------------------
# Reliable change: worked numbers (Jacobson & Truax 1991; CECPfuns' example)


def test_minimum_reliable_change_with_z_1_96() -> None:
    """SD 7.5 and reliability 0.80 need a change of 9.2971 with z = 1.96."""
    rc = reliable_change(0.0, 0.0, sd=7.5, reliability=0.80)
    np.testing.assert_allclose(rc.minimum_change, 9.2971, atol=5e-5)


def test_minimum_reliable_change_with_exact_z() -> None:
    """SD 7.5 and reliability 0.80 need a change of 9.2969 with z = qnorm(0.975)."""
    rc = reliable_change(0.0, 0.0, sd=7.5, reliability=0.80, z=1.959964)
    np.testing.assert_allclose(rc.minimum_change, 9.2969, atol=5e-5)


def test_s_diff_is_root_two_standard_errors() -> None:
    """S_diff is √2 · SD · √(1 − r)."""
    rc = reliable_change(0.0, 0.0, sd=7.5, reliability=0.80)
    np.testing.assert_allclose(rc.s_diff, math.sqrt(2) * 7.5 * math.sqrt(0.2))


def test_rci_is_change_over_s_diff() -> None:
    """The RCI of 20 → 8 with SD 7.5 and r 0.80 is −12 / 4.7434."""
    rc = reliable_change(20.0, 8.0, sd=7.5, reliability=0.80)
    np.testing.assert_allclose(rc.value, -12 / (math.sqrt(2) * 7.5 * math.sqrt(0.2)))


def test_fall_is_improvement_when_higher_is_worse() -> None:
    """A reliable fall on a higher-is-worse measure (like SDQ) is a reliable improvement."""
    rc = reliable_change(20.0, 8.0, sd=7.5, reliability=0.80, higher_is_better=False)
    assert True is bool(rc.is_reliable)
    assert ChangeClass.RELIABLY_IMPROVED == rc.direction


def test_fall_is_worse_when_higher_is_better() -> None:
    """A reliable fall on a higher-is-better measure is reliably worse."""
    rc = reliable_change(20.0, 8.0, sd=7.5, reliability=0.80, higher_is_better=True)
    assert ChangeClass.RELIABLY_WORSE == rc.direction


def test_change_below_minimum_is_not_reliable() -> None:
    """A change of 9 points, under the 9.2971 needed, is no reliable change."""
    rc = reliable_change(20.0, 11.0, sd=7.5, reliability=0.80)
    assert False is bool(rc.is_reliable)
    assert ChangeClass.NO_RELIABLE_CHANGE == rc.direction


def test_direction_per_domain() -> None:
    """higher_is_better may be given per domain, as for SDQ difficulties and prosocial."""
    rc = reliable_change([20.0, 2.0], [8.0, 14.0], sd=7.5, reliability=0.8,
                         higher_is_better=[False, True])  # fmt: skip
    assert [1, 1] == rc.direction.tolist()


def test_missing_score_gives_nan_rci_and_no_change() -> None:
    """A missing pre or post score gives RCI NaN, not reliable, direction 0."""
    rc = reliable_change([NAN, 20.0], [8.0, NAN], sd=7.5, reliability=0.8)
    assert np.isnan(rc.value).all()
    assert [False, False] == rc.is_reliable.tolist()
    assert [0, 0] == rc.direction.tolist()


def test_reliable_change_results_are_read_only() -> None:
    """The arrays of a frozen record cannot be changed in place."""
    rc = reliable_change([1.0, 2.0], [3.0, 4.0], sd=1.0, reliability=0.5)
    with pytest.raises(ValueError, match="read-only"):
        rc.value[0] = 0.0


@pytest.mark.parametrize("sd", [0.0, -1.0, NAN])
def test_sd_must_be_positive(sd: float) -> None:
    """A standard deviation that is not positive is rejected, naming the option."""
    with pytest.raises(ValidationError) as caught:
        reliable_change(1.0, 2.0, sd=sd, reliability=0.8)
    assert ("$.sd",) == caught.value.paths


@pytest.mark.parametrize("reliability", [1.0, 1.2, -0.1])
def test_reliability_must_be_in_unit_interval(reliability: float) -> None:
    """A reliability outside [0, 1) is rejected as a ValueError."""
    with pytest.raises(ValueError, match=r"\$\.reliability"):
        reliable_change(1.0, 2.0, sd=7.5, reliability=reliability)


def test_z_must_be_positive() -> None:
    """A critical value that is not positive is rejected."""
    with pytest.raises(ValidationError, match=r"\$\.z"):
        reliable_change(1.0, 2.0, sd=7.5, reliability=0.8, z=0.0)


@given(pre=scores, post=scores, sd=sds, reliability=reliabilities)
def test_rci_is_antisymmetric(pre: float, post: float, sd: float, reliability: float) -> None:
    """Swapping pre and post negates the RCI and the direction."""
    forward = reliable_change(pre, post, sd=sd, reliability=reliability)
    backward = reliable_change(post, pre, sd=sd, reliability=reliability)
    assert float(-forward.value) == float(backward.value)
    assert int(-forward.direction) == int(backward.direction)


@given(
    pairs=hnp.arrays(np.float64, st.tuples(st.integers(1, 12), st.just(2)), elements=scores),
    sd=sds,
    reliability=reliabilities,
)
def test_batch_equals_scalar_calls(pairs: np.ndarray, sd: float, reliability: float) -> None:
    """A batch call gives the same RCI and direction as one call per child."""
    batch = reliable_change(pairs[:, 0], pairs[:, 1], sd=sd, reliability=reliability)
    singles = [reliable_change(p, q, sd=sd, reliability=reliability) for p, q in pairs]
    assert [float(s.value) for s in singles] == batch.value.tolist()
    assert [int(s.direction) for s in singles] == batch.direction.tolist()


@given(pre=scores_or_missing, post=scores_or_missing, sd=sds, reliability=reliabilities)
def test_nan_never_reliable(pre: float, post: float, sd: float, reliability: float) -> None:
    """Whenever a score is missing the change is not reliable and its direction is 0."""
    rc = reliable_change(pre, post, sd=sd, reliability=reliability)
    if math.isnan(pre) or math.isnan(post):
        assert (False, 0) == (bool(rc.is_reliable), int(rc.direction))


# ---------------------------------------------------------------------------------------------
# Classification


def test_classify_change_gives_the_three_classes() -> None:
    """Changes of +15, +2 and −10 (minimum 9.2971) are improved, unchanged and worse."""
    classes = classify_change([10, 10, 10], [25, 12, 0], sd=7.5, reliability=0.8)
    assert [1, 0, -1] == classes.tolist()


def test_change_class_labels() -> None:
    """Each class carries the words used in meeting papers."""
    labels = [c.label for c in ChangeClass]
    assert ["reliably worse", "no reliable change", "reliably improved"] == labels


# ---------------------------------------------------------------------------------------------
# Clinical cut-offs and clinically significant change


def test_cutoffs_worked_example() -> None:
    """Clinical 16.0 ± 5.6 and normal 8.4 ± 5.3 give a, b, c by the published formulas."""
    cut = clinical_cutoffs(clinical_mean=16.0, clinical_sd=5.6, normal_mean=8.4, normal_sd=5.3)
    np.testing.assert_allclose(cut.a, 16.0 - 2 * 5.6)  # 4.8
    np.testing.assert_allclose(cut.b, 8.4 + 2 * 5.3)  # 19.0
    np.testing.assert_allclose(cut.c, (5.6 * 8.4 + 5.3 * 16.0) / (5.6 + 5.3))  # 12.0954…


def test_cutoffs_small_integers() -> None:
    """Clinical 20 ± 5 and normal 8 ± 3 give a = 10, b = 14, c = 100 / 8 = 12.5."""
    cut = clinical_cutoffs(clinical_mean=20, clinical_sd=5, normal_mean=8, normal_sd=3)
    assert (10.0, 14.0, 12.5) == (cut.a.item(), cut.b.item(), cut.c.item())


def test_cutoffs_mirror_when_higher_is_better() -> None:
    """For a higher-is-better measure a and b lie on the other side of their means."""
    cut = clinical_cutoffs(
        clinical_mean=8, clinical_sd=3, normal_mean=20, normal_sd=5, higher_is_better=True
    )
    assert (14.0, 10.0, 12.5) == (cut.a.item(), cut.b.item(), cut.c.item())


def test_cutoffs_broadcast_per_domain() -> None:
    """Means and SDs given per domain give one cut-off per domain."""
    cut = clinical_cutoffs(clinical_mean=[20, 10], clinical_sd=[5, 2], normal_mean=8, normal_sd=3)
    np.testing.assert_allclose(cut.c, [12.5, (2 * 8 + 3 * 10) / 5])


def test_cutoffs_reject_non_positive_sd() -> None:
    """A clinical SD of zero is rejected, naming the option."""
    with pytest.raises(ValidationError, match=r"\$\.clinical_sd"):
        clinical_cutoffs(clinical_mean=20, clinical_sd=0, normal_mean=8, normal_sd=3)


@pytest.fixture
def cutoffs_20_8() -> ClinicalCutoffs:
    """Cut-offs of clinical 20 ± 5 against normal 8 ± 3 (a 10, b 14, c 12.5)."""
    return clinical_cutoffs(clinical_mean=20, clinical_sd=5, normal_mean=8, normal_sd=3)


def test_recovered_when_reliable_and_crossing(cutoffs_20_8: ClinicalCutoffs) -> None:
    """20 → 9 is a reliable fall (11 > 9.2971) that crosses c = 12.5: clinically significant."""
    result = clinically_significant(20, 9, cutoffs_20_8, sd=7.5, reliability=0.8)
    assert True is bool(result)


def test_reliable_without_crossing_is_not_significant(cutoffs_20_8: ClinicalCutoffs) -> None:
    """30 → 15 is reliable but stays above c = 12.5."""
    result = clinically_significant(30, 15, cutoffs_20_8, sd=7.5, reliability=0.8)
    assert False is bool(result)


def test_crossing_without_reliable_change_is_not_significant(cutoffs_20_8: ClinicalCutoffs) -> None:
    """13 → 9 crosses c but a change of 4 is not reliable."""
    result = clinically_significant(13, 9, cutoffs_20_8, sd=7.5, reliability=0.8)
    assert False is bool(result)


def test_criterion_b_uses_b(cutoffs_20_8: ClinicalCutoffs) -> None:
    """25 → 13.5 crosses b = 14 but not c = 12.5."""
    args = (25, 13.5, cutoffs_20_8)
    b = clinically_significant(*args, sd=7.5, reliability=0.8, criterion="b")
    c = clinically_significant(*args, sd=7.5, reliability=0.8, criterion="c")
    assert (True, False) == (bool(b), bool(c))


def test_significance_with_higher_is_better() -> None:
    """On a higher-is-better measure a reliable rise across c is clinically significant."""
    cut = clinical_cutoffs(
        clinical_mean=8, clinical_sd=3, normal_mean=20, normal_sd=5, higher_is_better=True
    )
    result = clinically_significant(
        [5, 5], [16, 12], cut, sd=7.5, reliability=0.8, higher_is_better=True
    )
    assert [True, False] == result.tolist()


def test_significance_rejects_direction_mismatch(cutoffs_20_8: ClinicalCutoffs) -> None:
    """Cut-offs built for higher-is-worse cannot be read as higher-is-better."""
    with pytest.raises(ValidationError, match=r"\$\.higher_is_better"):
        clinically_significant(1, 2, cutoffs_20_8, sd=7.5, reliability=0.8, higher_is_better=True)


def test_significance_rejects_unknown_criterion(cutoffs_20_8: ClinicalCutoffs) -> None:
    """Only criteria a, b and c exist."""
    with pytest.raises(ValidationError, match=r"\$\.criterion"):
        clinically_significant(1, 2, cutoffs_20_8, sd=7.5, reliability=0.8, criterion="d")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# Goal attainment scaling (Kiresuk & Sherman 1968; Turner-Stokes 2009)


def test_balanced_goals_score_50() -> None:
    """Three unweighted goals scored +1, 0, −1 give T = 50."""
    assert 50.0 == gas_t_score([1, 0, -1]).item()


def test_three_goals_all_plus_one() -> None:
    """Three unweighted goals at +1 with ρ = 0.3 give 50 + 10·3/√(0.7·3 + 0.3·9)."""
    expected = 50 + 10 * 3 / math.sqrt(0.7 * 3 + 0.3 * 9)  # 63.693…
    np.testing.assert_allclose(gas_t_score([1, 1, 1], rho=0.3), expected)


def test_weighted_goals() -> None:
    """Scores 2, 1, 0 weighted 3, 2, 1 give 50 + 10·8/√(0.7·14 + 0.3·36)."""
    expected = 50 + 10 * (3 * 2 + 2 * 1) / math.sqrt(0.7 * 14 + 0.3 * 6**2)
    np.testing.assert_allclose(gas_t_score([2, 1, 0], weights=[3, 2, 1]), expected)


def test_rho_zero() -> None:
    """With ρ = 0 the denominator is √Σw², so two goals at +2 give 50 + 10·4/√2."""
    np.testing.assert_allclose(gas_t_score([2, 2], rho=0.0), 50 + 10 * 4 / math.sqrt(2))


def test_one_row_per_child() -> None:
    """A 2-D array gives one T-score per child."""
    t = gas_t_score([[1, 0, -1], [1, 1, 1]])
    np.testing.assert_allclose(t, [50.0, 50 + 30 / math.sqrt(4.8)])


def test_missing_goal_is_left_out() -> None:
    """A NaN goal is ignored: [2, NaN, 2] scores as the two goals [2, 2]."""
    both = gas_t_score([[2, NAN, 2], [2, 2, 2]])
    np.testing.assert_allclose(both[0], gas_t_score([2, 2]))


def test_row_without_rated_goals_is_nan() -> None:
    """A child with no rated goal has no T-score."""
    t = gas_t_score([[NAN, NAN], [0, 0]])
    assert np.isnan(t[0])
    assert 50.0 == t[1]


@pytest.mark.parametrize("bad", [3, -3, 0.5])
def test_gas_rejects_out_of_range_scores(bad: float) -> None:
    """Ratings must be integers −2..+2, and the error names the position."""
    with pytest.raises(ValidationError) as caught:
        gas_t_score([[0, 0], [0, bad]])
    assert ("$.scores[1, 1]",) == caught.value.paths


def test_gas_error_lists_a_bounded_number_of_positions() -> None:
    """A cohort full of bad ratings lists twenty positions and counts the rest."""
    with pytest.raises(ValidationError) as caught:
        gas_t_score(np.full((10, 5), 7.0))
    assert 21 == len(caught.value.errors)
    assert "and 30 more" in str(caught.value)


def test_gas_rejects_non_positive_weight() -> None:
    """A zero weight is rejected."""
    with pytest.raises(ValidationError, match=r"\$\.weights"):
        gas_t_score([1, 1], weights=[1, 0])


def test_gas_rejects_weights_that_do_not_fit() -> None:
    """Weights must broadcast against the scores."""
    with pytest.raises(ValidationError, match=r"\$\.weights"):
        gas_t_score([1, 1], weights=[1, 2, 3])


def test_gas_rejects_rho_above_one() -> None:
    """ρ is a correlation between 0 and 1."""
    with pytest.raises(ValidationError, match=r"\$\.rho"):
        gas_t_score([1, 1], rho=1.5)


@given(shape=hnp.array_shapes(min_dims=1, max_dims=3, max_side=6), rho=st.floats(0, 1))
def test_gas_all_zero_is_50(shape: tuple[int, ...], rho: float) -> None:
    """Every child whose goals are all at the expected level scores exactly 50."""
    t = gas_t_score(np.zeros(shape), rho=rho)
    assert np.all(t == 50.0)


@given(
    data=st.data(),
    n_goals=st.integers(1, 8),
    rho=st.floats(0, 1),
)
def test_gas_monotone_in_each_score(data: st.DataObject, n_goals: int, rho: float) -> None:
    """Raising any one goal's rating never lowers T when weights are positive."""
    goals = data.draw(hnp.arrays(np.float64, n_goals, elements=gas_ratings))
    weights = data.draw(hnp.arrays(np.float64, n_goals, elements=st.floats(0.1, 10)))
    which = data.draw(st.integers(0, n_goals - 1))
    raised = goals.copy()
    raised[which] = min(raised[which] + 1, 2)
    before = gas_t_score(goals, weights, rho=rho)
    after = gas_t_score(raised, weights, rho=rho)
    assert after >= before


@given(rows=hnp.arrays(np.float64, st.tuples(st.integers(1, 6), st.integers(1, 5)),
                       elements=st.one_of(gas_ratings, st.just(NAN))))  # fmt: skip
def test_gas_rows_equal_single_calls(rows: np.ndarray) -> None:
    """A cohort call gives each child the T-score of a call for that child alone."""
    singles = [gas_t_score(row).item() for row in rows]
    np.testing.assert_array_equal(singles, gas_t_score(rows))


# ---------------------------------------------------------------------------------------------
# Trend


def test_trend_of_one_series_is_a_scalar() -> None:
    """A 1-D series gives one slope."""
    assert 2.0 == trend([1.0, 3.0, 5.0], [0, 1, 2]).item()


def test_trend_ignores_missing_assessments() -> None:
    """A NaN assessment is left out of the fit, not treated as zero."""
    with_gap = trend([1.0, NAN, 5.0, 9.0], [0, 1, 2, 3])
    without = trend([1.0, 5.0, 9.0], [0, 2, 3])
    np.testing.assert_allclose(with_gap, without)


def test_trend_ignores_missing_months() -> None:
    """An assessment with no month is left out of the fit."""
    np.testing.assert_allclose(trend([1.0, 100.0, 5.0], [0, NAN, 2]), 2.0)


def test_trend_needs_two_points() -> None:
    """A series with fewer than two assessments has no slope."""
    assert np.isnan(trend([NAN, 4.0, NAN], [0, 1, 2]))


def test_trend_needs_two_months() -> None:
    """Assessments all in the same month give no slope."""
    assert np.isnan(trend([3.0, 4.0], [5, 5]))


def test_trend_matches_polyfit() -> None:
    """On noisy data the slope equals numpy's degree-one polyfit."""
    rng = np.random.default_rng(7)
    months = np.array([0, 1, 3, 4, 8, 12.5])
    values = 10 - 0.4 * months + rng.normal(size=months.size)
    np.testing.assert_allclose(trend(values, months), np.polyfit(months, values, 1)[0])


def test_trend_cohort_shape_with_per_child_months() -> None:
    """Cohort values with months per child give a slope per child and domain."""
    values = np.array([[[0.0, 10.0], [2.0, 8.0]], [[0.0, 0.0], [6.0, 3.0]]])  # (2, 2, 2)
    months = np.array([[0, 1], [0, 3]])
    np.testing.assert_allclose(trend(values, months), [[2.0, -2.0], [2.0, 1.0]])


def test_trend_rejects_months_that_do_not_fit() -> None:
    """Months must match the assessments of the values."""
    with pytest.raises(ValidationError, match=r"\$\.months"):
        trend(np.zeros((3, 2)), [0, 1])


def test_trend_of_an_empty_cohort() -> None:
    """A cohort of no children gives an empty result, not an error."""
    assert (0, 2) == trend(np.zeros((0, 3, 2)), [0, 1, 2]).shape


def test_trend_rejects_empty_series() -> None:
    """A series needs an assessment axis with at least one assessment."""
    with pytest.raises(ValidationError, match="at least one assessment"):
        trend(np.zeros((0, 2)), np.zeros(0))


@given(
    intercept=st.floats(-100, 100),
    slope=st.floats(-10, 10),
    months=hnp.arrays(np.float64, st.integers(2, 24), elements=st.integers(0, 120), unique=True),
)
def test_trend_recovers_exact_slope(intercept: float, slope: float, months: np.ndarray) -> None:
    """Exact linear data gives back its slope."""
    values = intercept + slope * months
    np.testing.assert_allclose(trend(values, months), slope, rtol=1e-9, atol=1e-9)


@given(
    values=hnp.arrays(np.float64, st.integers(1, 10), elements=scores_or_missing),
)
def test_trend_nan_equals_dropping(values: np.ndarray) -> None:
    """The slope with NaNs equals the slope of the series with its NaNs removed."""
    months = np.arange(values.size, dtype=float)
    kept = ~np.isnan(values)
    expected = trend(values[kept], months[kept]) if kept.sum() else np.nan
    np.testing.assert_allclose(trend(values, months), expected, rtol=1e-9, atol=1e-9)


# ---------------------------------------------------------------------------------------------
# Distance travelled and milestones


def test_distance_from_first_to_latest_recorded() -> None:
    """Distance is latest minus first recorded score, skipping missing ends."""
    values = [[NAN, 9.0], [4.0, 7.0], [6.0, 8.0], [NAN, 5.0]]
    np.testing.assert_allclose(distance_travelled(values), [2.0, -4.0])


def test_distance_warns_and_is_nan_for_single_assessment() -> None:
    """A series with one assessment has NaN distance and raises a ProgressWarning."""
    with pytest.warns(ProgressWarning, match="1 of 2 series has"):
        distance = distance_travelled([[NAN, 9.0], [4.0, 7.0]])
    assert np.isnan(distance[0])
    assert -2.0 == distance[1]


def test_distance_of_a_cohort() -> None:
    """A cohort gives one distance per child and domain."""
    values = np.arange(12.0).reshape(2, 3, 2)
    np.testing.assert_allclose(distance_travelled(values), np.full((2, 2), 4.0))


def test_milestone_met_when_typical_at_latest_only() -> None:
    """Reaching rank 0 after entry meets the milestone; starting at or never reaching 0 does not."""
    ranks = [[2, 0, 1], [1, 0, 1], [0, 0, 1]]
    assert [True, False, False] == milestone_met(ranks).tolist()


def test_milestone_uses_latest_recorded_assessment() -> None:
    """A missing latest assessment falls back to the latest recorded one."""
    ranks = [[2.0], [0.0], [NAN]]
    assert [True] == milestone_met(ranks).tolist()


def test_milestone_not_met_when_never_assessed() -> None:
    """A domain never assessed has not met its milestone."""
    assert False is bool(milestone_met([NAN, NAN]))


def test_milestone_lost_again() -> None:
    """Reaching rank 0 and falling back is not a milestone met at the latest assessment."""
    assert False is bool(milestone_met([2, 0, 1]))


# ---------------------------------------------------------------------------------------------
# Progress summary


SDQ_LIKE = {"sd": 7.5, "reliability": 0.8, "higher_is_better": False}


def test_summary_of_one_child() -> None:
    """One child's summary gives entry, latest, distance, trend and change per domain."""
    p = summarise_progress([[30.0, 5.0], [20.0, 6.0], [12.0, 7.0]], [0, 6, 12], **SDQ_LIKE)
    assert [30.0, 5.0] == p.entry.tolist()
    assert [12.0, 7.0] == p.latest.tolist()
    assert [3, 3] == p.n_assessments.tolist()
    assert [-18.0, 2.0] == p.distance_travelled.tolist()
    np.testing.assert_allclose(p.trend_per_month, [-1.5, 1 / 6])
    np.testing.assert_allclose(
        p.rci, np.array([-18.0, 2.0]) / (math.sqrt(2) * 7.5 * math.sqrt(0.2))
    )
    assert [1, 0] == p.change.tolist()


def test_single_child_is_a_batch_of_one() -> None:
    """Summarising one child equals summarising a cohort holding only that child."""
    values = np.array([[30.0, 5.0], [NAN, 6.0], [12.0, 17.0]])
    alone = summarise_progress(values, [0, 6, 12], **SDQ_LIKE)
    cohort = summarise_progress(values[None], [0, 6, 12], **SDQ_LIKE)
    for field in ("entry", "latest", "distance_travelled", "trend_per_month", "rci", "change"):
        np.testing.assert_array_equal(getattr(alone, field), getattr(cohort, field)[0])


def test_summary_warns_and_leaves_rci_nan_for_single_assessment() -> None:
    """A domain assessed once has entry = latest but no distance, RCI or change."""
    with pytest.warns(ProgressWarning):
        p = summarise_progress([[30.0, NAN], [20.0, 6.0]], [0, 1], **SDQ_LIKE)
    assert 6.0 == p.entry[1] == p.latest[1]
    assert np.isnan([p.distance_travelled[1], p.rci[1], p.trend_per_month[1]]).all()
    assert 0 == p.change[1]


def test_summary_of_an_empty_cohort() -> None:
    """A cohort of no children gives empty per-domain arrays."""
    p = summarise_progress(np.zeros((0, 3, 2)), [0, 1, 2], **SDQ_LIKE)
    assert (0, 2) == p.trend_per_month.shape == p.change.shape


def test_progress_arrays_are_read_only() -> None:
    """The arrays of a Progress record cannot be changed in place."""
    p = summarise_progress([[30.0], [20.0]], [0, 1], **SDQ_LIKE)
    assert not any(a.flags.writeable for a in (p.entry, p.trend_per_month, p.change))


def test_bare_results_belong_to_the_caller() -> None:
    """Arrays returned by the plain functions are writable, and the caller's input is untouched."""
    values = np.array([[1.0, 2.0], [3.0, 5.0]])
    slope = trend(values, [0, 1])
    classes = classify_change([0.0], [20.0], sd=7.5, reliability=0.8)
    assert (True, True, True) == (
        slope.flags.writeable,
        classes.flags.writeable,
        values.flags.writeable,
    )


def test_summary_rejects_a_flat_series() -> None:
    """A 1-D array is ambiguous for a summary: one child needs (assessments, domains)."""
    with pytest.raises(ValidationError, match="2 or 3 dimensions"):
        summarise_progress([1.0, 2.0], [0, 1], **SDQ_LIKE)


@settings(max_examples=50)
@given(
    cohort=hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 5), st.integers(2, 6), st.integers(1, 3)),
        elements=st.floats(0, 40),
    )
)
def test_cohort_equals_per_child_summaries(cohort: np.ndarray) -> None:
    """Each child's row of a cohort summary equals that child's own summary."""
    months = np.arange(cohort.shape[1]) * 1.5
    whole = summarise_progress(cohort, months, **SDQ_LIKE)
    for i, child in enumerate(cohort):
        alone = summarise_progress(child, months, **SDQ_LIKE)
        np.testing.assert_allclose(alone.trend_per_month, whole.trend_per_month[i], atol=1e-12)
        np.testing.assert_array_equal(alone.change, whole.change[i])
        np.testing.assert_array_equal(alone.distance_travelled, whole.distance_travelled[i])


def test_docstring_examples_run() -> None:
    """Every example in the module's docstrings gives what it shows."""
    failed, attempted = doctest.testmod(_progress, optionflags=doctest.ELLIPSIS)
    assert (0, True) == (failed, attempted > 0)


@pytest.mark.parametrize(
    ("options", "paths"),
    [
        pytest.param({"reliability": "x"}, ("$.reliability",), id="text-reliability"),
        pytest.param({"sd": "7.5"}, ("$.sd",), id="text-sd"),
        pytest.param({"sd": None}, ("$.sd",), id="no-sd"),
        pytest.param({"sd": True}, ("$.sd",), id="bool-sd"),
        pytest.param({"z": "1.96"}, ("$.z",), id="text-z"),
        pytest.param({"z": math.inf}, ("$.z",), id="infinite-z"),
        pytest.param({"sd": math.inf}, ("$.sd",), id="infinite-sd"),
        pytest.param({"pre": ["a", 1.0]}, ("$.pre",), id="text-pre"),
        pytest.param({"post": [[1.0], [1.0, 2.0]]}, ("$.post",), id="ragged-post"),
        pytest.param({"higher_is_better": "no"}, ("$.higher_is_better",), id="text-direction"),
        pytest.param(
            {"sd": "x", "reliability": 2.0, "z": -1.0},
            ("$.sd", "$.reliability", "$.z"),
            id="every-bad-option",
        ),
    ],
)
def test_reliable_change_names_every_bad_argument(
    options: dict[str, object], paths: tuple[str, ...]
) -> None:
    """Arguments that are not numbers (or booleans) are a ValidationError naming each path."""
    given_: dict[str, object] = {"pre": 10.0, "post": 20.0, "sd": 7.5, "reliability": 0.8}
    given_.update(options)
    pre, post = given_.pop("pre"), given_.pop("post")
    with pytest.raises(ValidationError) as caught:
        reliable_change(pre, post, **given_)  # type: ignore[arg-type]
    assert paths == caught.value.paths


def test_reliable_change_takes_none_as_a_missing_score() -> None:
    """None among the scores is missing, as NaN is."""
    rc = reliable_change([None, 10.0], [20.0, 30.0], sd=7.5, reliability=0.8)
    assert [False, True] == rc.is_reliable.tolist()


@pytest.mark.parametrize(
    ("call", "path"),
    [
        pytest.param(lambda: gas_t_score([1, 1], rho="x"), "$.rho", id="gas-rho"),
        pytest.param(lambda: gas_t_score([1, 1], weights=["a", 1]), "$.weights", id="gas-weights"),
        pytest.param(lambda: gas_t_score(["1", 1]), "$.scores", id="gas-scores"),
        pytest.param(lambda: trend([1.0, "x"], [0, 1]), "$.values", id="trend-values"),
        pytest.param(lambda: trend([1.0, 2.0], ["jan", "feb"]), "$.months", id="trend-months"),
        pytest.param(lambda: distance_travelled(["x"]), "$.values", id="distance-values"),
        pytest.param(lambda: milestone_met([["red"]]), "$.band_ranks", id="milestone-ranks"),
        pytest.param(
            lambda: clinical_cutoffs(clinical_mean="20", clinical_sd=5, normal_mean=8, normal_sd=3),
            "$.clinical_mean",
            id="cutoffs-mean",
        ),
        pytest.param(
            lambda: summarise_progress(
                [[1.0], [2.0]], [0, 1], sd=7.5, reliability="x", higher_is_better=True
            ),
            "$.reliability",
            id="summary-reliability",
        ),
        pytest.param(
            lambda: summarise_progress(
                [[1.0], [2.0]], [0, 1], sd=7.5, reliability=0.8, higher_is_better="yes"
            ),
            "$.higher_is_better",
            id="summary-direction",
        ),
    ],
)
def test_progress_functions_name_a_bad_argument(call: object, path: str) -> None:
    """Every progress function refuses arguments that are not numbers with a ValidationError."""
    with pytest.raises(ValidationError) as caught:
        call()  # type: ignore[operator]
    assert (path,) == caught.value.paths
