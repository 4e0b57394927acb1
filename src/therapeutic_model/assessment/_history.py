"""Developmental history: adversity and relational health across the periods of early life."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from therapeutic_model.child import Period
from therapeutic_model.exceptions import InvalidValue

__all__ = ["DevelopmentalHistory", "PeriodHistory"]

SEVERITY_MAX = 3
"""Adversity and relational health are each rated 0–3 (none / mild / moderate / severe for
adversity; poor / limited / adequate / strong for relational health)."""


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _rating(_: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and not (_whole(value) and 0 <= value <= SEVERITY_MAX):
        msg = f"{attribute.name} must be a whole number from 0 to {SEVERITY_MAX}"
        raise InvalidValue(msg, field=attribute.name)


def _ace(_: object, attribute: attrs.Attribute[int | None], value: int | None) -> None:
    if value is not None and not (_whole(value) and 0 <= value <= 10):
        msg = f"{attribute.name} must be a whole number from 0 to 10"
        raise InvalidValue(msg, field=attribute.name)


@attrs.frozen
class PeriodHistory:
    """Adversity and relational health in one period of early life.

    Following Hambrick, Brawner & Perry 2019 (Front. Behav. Neurosci. 13:183), adversity and
    relational health are recorded per developmental period, because the timing of adversity
    matters: earlier adversity with poor relational health predicts more compromise in the
    lower, earlier-maturing levels.

    Args:
        adversity: severity 0 (none) to 3 (severe); ``None`` if unknown.
        relational_health: quality 0 (poor) to 3 (strong); ``None`` if unknown.
    """

    adversity: int | None = attrs.field(default=None, validator=_rating)
    relational_health: int | None = attrs.field(default=None, validator=_rating)


@attrs.frozen
class DevelopmentalHistory:
    """A child's developmental history: per period, now, and the ACE count.

    Args:
        periods: a :class:`PeriodHistory` for each period recorded (unknown periods omitted).
        current_relational_health: relational health now, 0–3 (the strongest predictor of
            current functioning in Hambrick et al. 2019).
        ace_count: the number of adverse childhood experience categories, 0–10, if known.
    """

    periods: Mapping[Period, PeriodHistory] = attrs.field(factory=dict)
    current_relational_health: int | None = attrs.field(default=None, validator=_rating)
    ace_count: int | None = attrs.field(default=None, validator=_ace)

    def adversity(self, period: Period) -> int | None:
        """Adversity in a period, ``None`` if not recorded."""
        p = self.periods.get(period)
        return None if p is None else p.adversity

    def relational_health(self, period: Period) -> int | None:
        """Relational health in a period, ``None`` if not recorded."""
        p = self.periods.get(period)
        return None if p is None else p.relational_health

    def earliest_adversity(self, at_least: int = 1) -> Period | None:
        """The first period with adversity of at least ``at_least``, if any."""
        for period in Period:
            a = self.adversity(period)
            if a is not None and a >= at_least:
                return period
        return None
