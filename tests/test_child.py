"""The child: an opaque id, a date of birth, ages in completed months, periods of early life."""

from __future__ import annotations

import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from therapeutic_model import Child, InvalidValue, Period, age_in_months
from therapeutic_model.testing import dates


@pytest.mark.parametrize(
    ("born", "on", "months"),
    [
        (date(2015, 3, 15), date(2015, 3, 15), 0),
        (date(2015, 3, 15), date(2015, 4, 14), 0),
        (date(2015, 3, 15), date(2015, 4, 15), 1),
        (date(2015, 3, 15), date(2016, 3, 14), 11),
        (date(2015, 3, 15), date(2016, 3, 15), 12),
        (date(2015, 1, 31), date(2015, 2, 28), 1),  # last day of a shorter month completes it
        (date(2016, 2, 29), date(2017, 2, 28), 12),
        (date(2015, 1, 31), date(2015, 3, 30), 1),
    ],
)
def test_age_in_completed_months(born: date, on: date, months: int) -> None:
    """A month is completed on the same day of the month as birth (or the month's last day)."""
    assert months == age_in_months(born, on)


def test_age_before_birth_is_refused() -> None:
    """There is no age before the date of birth."""
    with pytest.raises(ValueError, match="before the date of birth"):
        age_in_months(date(2015, 3, 15), date(2015, 3, 14))


@given(dates(), st.integers(0, 8000))
def test_age_never_falls_as_days_pass(born: date, days: int) -> None:
    """Age in months is non-decreasing day by day."""
    on = date.fromordinal(born.toordinal() + days)
    nxt = date.fromordinal(on.toordinal() + 1)
    assert age_in_months(born, on) <= age_in_months(born, nxt) <= age_in_months(born, on) + 1


def test_child_age_on_a_date() -> None:
    """A child's age is measured on the date given."""
    assert 120 == Child("c-001", date(2014, 6, 1)).age_months(date(2024, 6, 1))


@pytest.mark.parametrize("bad", ["Jane Doe", "", "-starts-with-dash", "x" * 65, "née"])
def test_child_id_must_be_opaque(bad: str) -> None:
    """Spaces, empty ids, leading punctuation, over-long ids and non-ASCII are refused."""
    with pytest.raises(InvalidValue) as caught:
        Child(bad, date(2014, 6, 1))
    assert "id" == caught.value.field
    assert bad not in str(caught.value) or bad == ""


def test_child_id_is_read_as_text() -> None:
    """A numeric id is kept as its text."""
    assert "1234" == Child(1234, date(2014, 6, 1)).id  # type: ignore[arg-type]


def test_born_must_be_a_date() -> None:
    """The date of birth is a date."""
    with pytest.raises(TypeError):
        Child("c-001", "2014-06-01")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("months", "period"),
    [
        (0, Period.PERINATAL),
        (1, Period.PERINATAL),
        (2, Period.INFANCY),
        (11, Period.INFANCY),
        (12, Period.INFANCY),
        (13, Period.EARLY_CHILDHOOD),
        (47, Period.EARLY_CHILDHOOD),
        (48, Period.CHILDHOOD),
        (131, Period.CHILDHOOD),
        (132, Period.ADOLESCENCE),
        (215, Period.ADOLESCENCE),
        (300, Period.ADOLESCENCE),
    ],
)
def test_period_at_an_age(months: int, period: Period) -> None:
    """Periods of early life follow Hambrick et al. 2019, with adolescence added."""
    assert period == Period.at(months)


def test_negative_age_has_no_period() -> None:
    """A negative age is refused."""
    with pytest.raises(ValueError, match="negative"):
        Period.at(-1)


def test_periods_meet_without_gaps() -> None:
    """Each period starts where the one before ends."""
    ranges = [p.months for p in Period]
    assert all(a[1] == b[0] for a, b in itertools.pairwise(ranges))
    assert (0, 216) == (ranges[0][0], ranges[-1][1])
