"""The child or young person, their age in completed months, and the periods of early life."""

from __future__ import annotations

import enum
from datetime import date
from typing import NewType

import attrs

from therapeutic_model._paths import is_opaque_id
from therapeutic_model.exceptions import InvalidValue

__all__ = [
    "Child",
    "ChildId",
    "Period",
    "age_in_months",
    "check_opaque_id",
]

ChildId = NewType("ChildId", str)
"""An opaque identifier chosen by the provider. Never a name: the library holds no names."""


def age_in_months(born: date, on: date) -> int:
    """Age in completed calendar months on a date.

    A month is completed on the same day-of-month as birth; a child born on the 31st completes a
    month on the last day of a shorter month.

    Args:
        born: date of birth.
        on: the date to measure at; must not be before ``born``.

    Returns:
        Whole months completed.

    Raises:
        ValueError: if ``on`` is before ``born``.

    >>> age_in_months(date(2015, 1, 31), date(2015, 2, 28))
    1
    >>> age_in_months(date(2015, 3, 15), date(2016, 3, 14))
    11
    """
    if on < born:
        msg = "the date is before the date of birth"
        raise ValueError(msg)
    months = (on.year - born.year) * 12 + (on.month - born.month)
    if on.day < born.day and not _is_last_day(on):
        months -= 1
    return months


def _is_last_day(d: date) -> bool:
    nxt = date.fromordinal(d.toordinal() + 1)
    return nxt.month != d.month


class Period(enum.Enum):
    """Periods of early life used for developmental history.

    The first four are the neurosequential model's periods (Hambrick, Brawner & Perry 2019,
    Frontiers in Behavioral Neuroscience 13:183): perinatal 0–2 months, infancy 2–12 months,
    early childhood 13 months–4 years, childhood 4–11 years. Adolescence (11–18) is added here
    because children in residential care are often adolescents.
    Each value is the half-open age range ``[start, end)`` in months: a child of 12 completed
    months is still in infancy (the source's early childhood starts at 13 months).
    """

    PERINATAL = "perinatal"
    INFANCY = "infancy"
    EARLY_CHILDHOOD = "early_childhood"
    CHILDHOOD = "childhood"
    ADOLESCENCE = "adolescence"

    @property
    def months(self) -> tuple[int, int]:
        """The half-open age range ``[start, end)`` in months."""
        return _PERIOD_MONTHS[self]

    @classmethod
    def at(cls, age_months: int) -> Period:
        """The period an age in months falls in (ages past 18 years count as adolescence).

        Raises:
            InvalidValue: if the age is negative.
        """
        for p in cls:
            lo, hi = p.months
            if lo <= age_months < hi:
                return p
        if age_months < 0:
            msg = "age must not be negative"
            raise InvalidValue(msg)
        return cls.ADOLESCENCE


_PERIOD_MONTHS: dict[Period, tuple[int, int]] = {
    Period.PERINATAL: (0, 2),
    Period.INFANCY: (2, 13),
    Period.EARLY_CHILDHOOD: (13, 48),
    Period.CHILDHOOD: (48, 132),
    Period.ADOLESCENCE: (132, 216),
}


def _child_id(value: object) -> ChildId:
    return ChildId(str(value))


def check_opaque_id(_: object, attribute: attrs.Attribute[ChildId], value: ChildId) -> None:
    """An attrs validator: the value is an opaque id (1-64 letters, digits, ``. _ : -``).

    Ids must never carry a name; this rejects spaces, so "Jane Smith" is refused.

    Raises:
        InvalidValue: naming the field and the rule, never the value.
    """
    if not isinstance(value, str) or not is_opaque_id(value):
        msg = (
            f"{attribute.name} must be 1-64 letters, digits or . _ : - (an opaque id, never a name)"
        )
        raise InvalidValue(msg, field=attribute.name)


@attrs.frozen
class Child:
    """A child or young person in the home: an opaque id and a date of birth, no name.

    Args:
        id: the provider's opaque identifier.
        born: date of birth.
    """

    id: ChildId = attrs.field(converter=_child_id, validator=check_opaque_id)
    born: date = attrs.field(validator=attrs.validators.instance_of(date))

    def age_months(self, on: date) -> int:
        """Age in completed months on a date."""
        return age_in_months(self.born, on)
