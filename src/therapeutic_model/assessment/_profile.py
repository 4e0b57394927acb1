"""What scoring gives: a Profile of DomainScores, and the Assessment it was scored from."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import attrs

from therapeutic_model.assessment._bands import Band
from therapeutic_model.child import ChildId, check_opaque_id

__all__ = ["Assessment", "DomainScore", "Profile"]


@attrs.frozen
class DomainScore:
    """One scored domain (or derived score, or single function) of a profile.

    Missing is explicit: ``value`` is ``None`` when too few items were answered, and every
    figure that depends on it is ``None`` too. Age-related figures are ``None`` when the
    instrument has no age norms for this score.

    Attributes:
        id: the domain, derived score or function id.
        value: the score (prorated and rounded as the instrument says), or ``None``.
        expected: the age-expected value from the instrument's norms.
        gap: the shortfall from age-expected (positive = below typical for a domain where
            higher is better; above typical where higher is worse).
        ratio: ``value / expected``; the neurosequential bands read this.
        band: the band the score fell in, with its thresholds.
        functional_age_months: the age at which this value is typical.
        level: the developmental level of the domain, if the instrument has levels.
        prorated: whether the value was prorated from fewer than all items.
        age_clamped: whether the child's age lay outside the norms, so expected was clamped.
        higher_is_better: the direction of the score.
    """

    id: str
    value: float | None
    expected: float | None = None
    gap: float | None = None
    ratio: float | None = None
    band: Band | None = None
    functional_age_months: float | None = None
    level: str | None = None
    prorated: bool = False
    age_clamped: bool = False
    higher_is_better: bool = True

    @property
    def is_missing(self) -> bool:
        """Whether the score could not be computed."""
        return self.value is None

    @property
    def rank(self) -> int | None:
        """The band rank (0 = typical), or ``None`` when unbanded or missing."""
        return None if self.band is None else self.band.rank


@attrs.frozen
class Profile:
    """The scored result of one instrument for one child at one age.

    Attributes:
        instrument_id: the instrument that produced it (e.g. ``"sdq-parent"``).
        instrument_version: that instrument's version.
        age_months: the child's age in completed months when assessed.
        scores: a :class:`DomainScore` per domain and derived score, in the instrument's order.
        functions: per-function scores, for instruments that norm single functions.
        level_order: each level id of the instrument with its developmental order.
    """

    instrument_id: str
    instrument_version: str
    age_months: float
    scores: Mapping[str, DomainScore] = attrs.field(factory=dict)
    functions: Mapping[str, DomainScore] = attrs.field(factory=dict)
    level_order: Mapping[str, int] = attrs.field(factory=dict)

    def value(self, score_id: str) -> float | None:
        """The value of a score, ``None`` when missing."""
        return self.scores[score_id].value

    def worst_rank_by_level(self) -> dict[str, int]:
        """For each level, the worst (highest) band rank among its scored domains."""
        out: dict[str, int] = {}
        for s in self.scores.values():
            if s.level is not None and s.rank is not None:
                out[s.level] = max(out.get(s.level, 0), s.rank)
        return out


@attrs.frozen
class Assessment:
    """One completed instrument for one child on one date, with the raw item responses.

    Responses are kept as given (``None`` for an item not answered) so that a profile can be
    re-scored with a later version of the instrument; nothing is thrown away.

    Attributes:
        child_id: the child's opaque id.
        instrument_id: the instrument completed.
        on: the date it was completed.
        responses: raw responses by item id (``None`` = not answered).
        informant: who completed it (parent/carer, teacher, self, clinician …), if recorded.
        assessor_role: the role of the person who administered or rated it.
    """

    child_id: ChildId = attrs.field(validator=check_opaque_id)
    instrument_id: str
    on: date
    responses: Mapping[str, float | None] = attrs.field(factory=dict)
    informant: str | None = None
    assessor_role: str | None = None
