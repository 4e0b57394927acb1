"""Developmental history: ratings per period of early life, current relational health, ACEs."""

from __future__ import annotations

import pytest

from therapeutic_model import DevelopmentalHistory, InvalidValue, Period, PeriodHistory


def test_ratings_per_period() -> None:
    """Adversity and relational health are read per period; unrecorded periods give None."""
    h = DevelopmentalHistory(periods={Period.INFANCY: PeriodHistory(3, 1)})
    assert (3, 1) == (h.adversity(Period.INFANCY), h.relational_health(Period.INFANCY))
    assert (None, None) == (h.adversity(Period.CHILDHOOD), h.relational_health(Period.CHILDHOOD))


def test_earliest_adversity() -> None:
    """The first period with adversity at or above a severity is found."""
    h = DevelopmentalHistory(
        periods={
            Period.CHILDHOOD: PeriodHistory(adversity=3),
            Period.INFANCY: PeriodHistory(adversity=1),
        }
    )
    assert Period.INFANCY == h.earliest_adversity()
    assert Period.CHILDHOOD == h.earliest_adversity(at_least=2)
    assert h.earliest_adversity(at_least=4) is None


@pytest.mark.parametrize("value", [-1, 4, 1.5, True])
def test_ratings_are_whole_numbers_from_0_to_3(value: object) -> None:
    """A rating outside 0–3, fractional or boolean is refused, naming the rule."""
    with pytest.raises(InvalidValue, match="adversity must be a whole number from 0 to 3") as e:
        PeriodHistory(adversity=value)  # type: ignore[arg-type]
    assert "adversity" == e.value.field


@pytest.mark.parametrize("value", [-1, 11])
def test_ace_count_is_0_to_10(value: int) -> None:
    """The ACE count is between 0 and 10."""
    with pytest.raises(InvalidValue, match="ace_count must be a whole number from 0 to 10"):
        DevelopmentalHistory(ace_count=value)


def test_current_relational_health_is_rated_too() -> None:
    """Current relational health is a 0–3 rating."""
    with pytest.raises(InvalidValue):
        DevelopmentalHistory(current_relational_health=5)
    assert 2 == DevelopmentalHistory(current_relational_health=2).current_relational_health
