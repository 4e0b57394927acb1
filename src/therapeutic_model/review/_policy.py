"""A home's review policy: the cycle, the schedule, who must attend, when to suggest change."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import attrs

from therapeutic_model.exceptions import InvalidDefinition, InvalidValue
from therapeutic_model.review._cycle import ReviewCycle, default_cycle
from therapeutic_model.review._meeting import DEFAULT_REQUIRED_ROLES
from therapeutic_model.review._schedule import Schedule

__all__ = ["Psychometrics", "ReviewPolicy"]


@attrs.frozen
class Psychometrics:
    """The standard deviation and reliability of each score of an instrument.

    Reliable change (Jacobson & Truax 1991) needs both: SE = SD·√(1 − r). Take them from the
    instrument's published norms or from the provider's own data, and say which in ``source``.

    Args:
        sd: standard deviation per score id (in a reference, usually pre-treatment, sample).
        reliability: test–retest or internal-consistency reliability per score id, in [0, 1).
        source: where the figures come from.

    Raises:
        InvalidDefinition: naming every score whose SD is not positive, whose reliability is
            outside [0, 1), or that has one figure without the other.
    """

    sd: Mapping[str, float]
    reliability: Mapping[str, float]
    source: str = ""

    def __attrs_post_init__(self) -> None:
        problems = [f"score {k!r}: sd must be positive" for k, v in self.sd.items() if not v > 0]
        problems += [
            f"score {k!r}: reliability must be in [0, 1)"
            for k, v in self.reliability.items()
            if not 0 <= v < 1
        ]
        problems += [
            f"score {k!r}: needs both sd and reliability"
            for k in sorted(set(self.sd) ^ set(self.reliability))
        ]
        if problems:
            raise InvalidDefinition("psychometrics", problems)

    @property
    def score_ids(self) -> tuple[str, ...]:
        """The scores with both figures, in the order of ``sd``."""
        return tuple(k for k in self.sd if k in self.reliability)


def _roles(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _at_least_one(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not (isinstance(value, int) and not isinstance(value, bool) and value >= 1):
        msg = f"{attribute.name} must be a whole number of at least 1"
        raise InvalidValue(msg)


@attrs.frozen
class ReviewPolicy:
    """How a home runs element 3: the cycle, the schedule, the meeting and the prompts.

    Args:
        cycle: the review cycle (default: :func:`default_cycle`, the TIER cycle).
        schedule: meeting cadence, grace period and reassessment interval.
        required_roles: roles that must attend for a meeting to count as held (default: the
            clinical assessor and the registered manager, as in the seed article).
        reviews_without_change: after this many meetings in a row that saw no reliable
            improvement in a domain, suggest re-formulating the response (default 3).
        psychometrics: SD and reliability per instrument id, for reliable change.
        z: the critical value for reliable change (1.96: two-sided 5 %).
    """

    cycle: ReviewCycle = attrs.field(factory=default_cycle)
    schedule: Schedule = attrs.field(factory=Schedule)
    required_roles: tuple[str, ...] = attrs.field(default=DEFAULT_REQUIRED_ROLES, converter=_roles)
    reviews_without_change: int = attrs.field(default=3, validator=_at_least_one)
    psychometrics: Mapping[str, Psychometrics] = attrs.field(factory=dict)
    z: float = 1.96

    def __attrs_post_init__(self) -> None:
        if not self.z > 0:
            msg = "z must be a positive critical value"
            raise InvalidValue(msg)
