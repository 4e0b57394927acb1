"""Age norms: interpolation, clamping, the inverse (functional age) and the monotone check."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from therapeutic_model import AgeNorms
from therapeutic_model.testing import age_norms

NORMS = AgeNorms(ages_months=(0, 60, 120), expected=(0.0, 2.0, 3.0))


def test_expected_is_interpolated_between_knots() -> None:
    """The expected value between two knots lies on the straight line joining them."""
    assert [1.0, 2.5] == NORMS.expected_at([30, 90]).tolist()


def test_expected_at_a_knot_is_the_knot_value() -> None:
    """At a knot age the expected value is exactly the knot's value."""
    assert [0.0, 2.0, 3.0] == NORMS.expected_at([0, 60, 120]).tolist()


def test_expected_outside_the_knots_is_clamped() -> None:
    """Before the first and after the last knot the nearest knot's value is used."""
    assert [0.0, 3.0] == NORMS.expected_at([-5, 500]).tolist()


def test_clamped_flag_marks_ages_outside_the_knots() -> None:
    """The clamped flag is set only for ages outside the knot range."""
    assert [True, False, False, False, True] == NORMS.clamped([-1, 0, 60, 120, 121]).tolist()


def test_functional_age_inverts_interpolation() -> None:
    """The functional age of a value is the age at which it is expected."""
    assert [30.0, 90.0] == NORMS.functional_age([1.0, 2.5]).tolist()


def test_functional_age_is_clamped_outside_the_expected_range() -> None:
    """Values below the first expectation give the first age, above the last the last age."""
    assert [0.0, 120.0] == NORMS.functional_age([-1.0, 9.0]).tolist()
    assert [True, False, True] == NORMS.functional_age_clamped([-1.0, 2.0, 9.0]).tolist()


def test_functional_age_on_a_flat_stretch_is_the_youngest_age() -> None:
    """Where the curve is flat, the youngest age with that expectation is given."""
    flat = AgeNorms(ages_months=(0, 24, 48, 72), expected=(0.0, 4.0, 4.0, 4.0))
    assert 24.0 == float(flat.functional_age(4.0))


def test_functional_age_of_nan_is_nan() -> None:
    """A missing value has no functional age."""
    assert math.isnan(float(NORMS.functional_age(np.nan)))


def test_well_formed_norms_have_no_problems() -> None:
    """Strictly rising ages and non-decreasing values pass the check."""
    assert [] == NORMS.problems("norms")


def test_falling_norms_are_a_problem() -> None:
    """Expected values that fall with age break the monotone rule."""
    bad = AgeNorms(ages_months=(0, 12, 24), expected=(1.0, 3.0, 2.0))
    assert ["n: expected values must not fall with age (norms are monotone)"] == bad.problems("n")


def test_ages_that_do_not_rise_are_a_problem() -> None:
    """Knot ages must be strictly increasing."""
    bad = AgeNorms(ages_months=(0, 12, 12), expected=(1.0, 2.0, 3.0))
    assert ["n: knot ages must be strictly increasing"] == bad.problems("n")


def test_knot_counts_must_match() -> None:
    """As many expected values as knot ages are needed."""
    bad = AgeNorms(ages_months=(0, 12, 24), expected=(1.0, 2.0))
    assert ["n: 3 knot ages but 2 expected values"] == bad.problems("n")


def test_one_knot_is_too_few() -> None:
    """Interpolation needs at least two knots."""
    assert ["n: norms need at least two knots"] == AgeNorms((0,), (1.0,)).problems("n")


def test_non_finite_knots_are_a_problem() -> None:
    """NaN or infinite knots are refused."""
    bad = AgeNorms(ages_months=(0, 12), expected=(1.0, math.inf))
    assert ["n: knots must be finite numbers"] == bad.problems("n")


@given(age_norms(), st.data())
def test_functional_age_inverts_the_norms(norms: AgeNorms, data: st.DataObject) -> None:
    """For any value within the norms' range, expected_at(functional_age(v)) == v."""
    lo, hi = norms.expected[0], norms.expected[-1]
    v = data.draw(st.floats(lo, hi, allow_nan=False))
    assert float(norms.expected_at(norms.functional_age(v))) == pytest.approx(v, abs=1e-9)


@given(age_norms(), st.lists(st.floats(-24, 240, allow_nan=False), min_size=2, max_size=20))
def test_expected_never_falls_with_age(norms: AgeNorms, ages: list[float]) -> None:
    """Valid norms give non-decreasing expectations at increasing ages."""
    values = norms.expected_at(sorted(ages))
    assert bool(np.all(np.diff(values) >= 0))


@given(age_norms())
def test_generated_norms_are_valid(norms: AgeNorms) -> None:
    """The public strategy only draws norms that pass the check."""
    assert [] == norms.problems("n")
