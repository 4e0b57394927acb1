"""TeamPolicy: how often supervision, appraisal, wellbeing checks and training must happen, and the
timers after a restraint — each line with its default and where that default comes from.

Sources:
    Children's Homes (England) Regulations 2015 (SI 2015/541): reg 33(4) — every employee
    receives practice-related supervision and a yearly appraisal; reg 35(3) — after a restraint,
    a record within 24 hours, the registered person speaks to the staff member within 48 hours,
    the child is spoken to within 5 days.
    The seed article, "Element 4 – Team regulation": frequent clinical supervision for carers
    ("caring for carers"); monthly is the sector's usual reading of "frequent".
    Stamm BH (2010) The Concise ProQOL Manual, 2nd ed.: burnout, secondary traumatic stress
    and compassion satisfaction bands (low ≤ 22, moderate 23–41, high ≥ 42).

Defaults that no regulation sets (the first-six-months fortnightly clinical supervision of a new
starter, quarterly wellbeing checks, trauma-informed training within 3 months of starting and
every 2 years after, the grace periods) are this library's, and say so in their ``source``.
Every line is configurable; set ``required=False`` to switch one off.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Literal

import attrs
import numpy as np
from numpy.typing import NDArray

from therapeutic_model.exceptions import InvalidValue
from therapeutic_model.team._records import (
    Employment,
    IncidentKind,
    SupervisionFormat,
    SupervisionKind,
)

__all__ = [
    "BandThreshold",
    "CadenceRule",
    "Interval",
    "RestraintRule",
    "Severity",
    "SupervisionRule",
    "TeamPolicy",
    "TrainingRule",
    "WellbeingRule",
]

Unit = Literal["days", "weeks", "months"]
DayArray = NDArray[np.int64]

_EPOCH_ORDINAL = date(1970, 1, 1).toordinal()
_LOOKUP_FROM = 256  # below this many rows, adding months directly is as quick as a lookup


def day_number(d: date) -> int:
    """Days since 1970-01-01 (numpy's ``datetime64[D]`` epoch)."""
    return d.toordinal() - _EPOCH_ORDINAL


def from_day_number(n: int) -> date:
    """The date ``n`` days after 1970-01-01."""
    return date.fromordinal(int(n) + _EPOCH_ORDINAL)


def _at_least(minimum: int) -> Callable[[object, attrs.Attribute[int], int], None]:
    def check(_: object, attribute: attrs.Attribute[int], value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or value < minimum:
            msg = f"{attribute.name} must be a whole number of at least {minimum}"
            raise InvalidValue(msg)

    return check


@attrs.frozen
class Interval:
    """A span of calendar time: a count of days, weeks or calendar months.

    Adding months keeps the day of the month, or the month's last day when it is shorter
    (31 January + 1 month = 29 February in a leap year), as a diary does.

    Args:
        count: how many units.
        unit: ``"days"``, ``"weeks"`` or ``"months"``.

    >>> Interval(1, "months").after(date(2024, 1, 31))
    datetime.date(2024, 2, 29)
    >>> Interval(14, "days").describe()
    '14 days'
    """

    count: int = attrs.field(validator=_at_least(1))
    unit: Unit = attrs.field(
        default="months", validator=attrs.validators.in_(("days", "weeks", "months"))
    )

    def after(self, d: date) -> date:
        """The date this interval after ``d`` (the vectorised path on a batch of one)."""
        return from_day_number(int(self.add_to(np.array([day_number(d)], dtype=np.int64))[0]))

    def add_to(self, days: DayArray) -> DayArray:
        """This interval added to day numbers (days since 1970-01-01), element-wise."""
        if self.unit == "days":
            return days + self.count
        if self.unit == "weeks":
            return days + 7 * self.count
        if days.size > _LOOKUP_FROM:
            lo, hi = int(days.min()), int(days.max())
            if hi - lo < days.size:
                # many rows over few distinct days: add months once per day, then look up
                return self._add_months(np.arange(lo, hi + 1, dtype=np.int64))[days - lo]
        return self._add_months(days)

    def _add_months(self, days: DayArray) -> DayArray:
        d = days.astype("datetime64[D]")
        month = d.astype("datetime64[M]")
        day_of_month = (d - month.astype("datetime64[D]")).astype(np.int64)
        target = month + self.count
        first = target.astype("datetime64[D]")
        length = ((target + 1).astype("datetime64[D]") - first).astype(np.int64)
        return np.asarray(first + np.minimum(day_of_month, length - 1), dtype=np.int64)

    def describe(self) -> str:
        """In words, e.g. ``"1 month"``, ``"14 days"``."""
        word = self.unit[:-1] if self.count == 1 else self.unit
        return f"{self.count} {word}"


class Severity(enum.Enum):
    """How serious a finding is.

    ``note``: coming due soon, or a timer still running — nothing wrong yet;
    ``concern``: overdue, or a wellbeing band past its threshold — makes the team amber;
    ``serious``: long overdue, or a regulation 35 timer missed — makes the team red.
    """

    NOTE = "note"
    CONCERN = "concern"
    SERIOUS = "serious"

    @property
    def rank(self) -> int:
        """0 for note, 1 for concern, 2 for serious."""
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.NOTE: 0, Severity.CONCERN: 1, Severity.SERIOUS: 2}


def _employment(value: Iterable[Employment]) -> frozenset[Employment]:
    return frozenset(value)


def _roles(value: Iterable[str]) -> frozenset[str]:
    return frozenset(value)


def _formats(value: Iterable[SupervisionFormat]) -> frozenset[SupervisionFormat]:
    return frozenset(value)


def _kinds(value: Iterable[IncidentKind]) -> frozenset[IncidentKind]:
    return frozenset(value)


def _thresholds(value: Iterable[BandThreshold]) -> tuple[BandThreshold, ...]:
    return tuple(value)


_EVERYONE = frozenset(Employment)
_EMPLOYEES = frozenset({Employment.PERMANENT, Employment.BANK})


@attrs.frozen(kw_only=True)
class CadenceRule:
    """A thing that must happen for each staff member in scope, again and again.

    The next one is due ``every`` after the latest one; the first is due ``first_due`` after
    the staff member started (``every`` if not set). While a staff member is within
    ``new_starter_period`` of starting, ``new_starter_every`` applies instead, if set.

    Args:
        required: whether the line applies at all.
        every: the interval between occurrences.
        first_due: from the start date to the first occurrence.
        new_starter_every: the shorter interval during the new-starter period.
        new_starter_period: how long someone counts as a new starter.
        employment: the kinds of engagement the line applies to.
        roles: the staff roles it applies to (empty: every role).
        due_soon_days: a note is raised this many days before something falls due.
        serious_after_days: overdue by more than this many days is serious, not a concern.
        source: where the line and its default come from.
    """

    required: bool = True
    every: Interval = Interval(1, "months")
    first_due: Interval | None = None
    new_starter_every: Interval | None = None
    new_starter_period: Interval = Interval(6, "months")
    employment: frozenset[Employment] = attrs.field(default=_EVERYONE, converter=_employment)
    roles: frozenset[str] = attrs.field(default=frozenset(), converter=_roles)
    due_soon_days: int = attrs.field(default=7, validator=_at_least(0))
    serious_after_days: int = attrs.field(default=30, validator=_at_least(0))
    source: str = ""

    def applies_to(self, role: str, employment: Employment) -> bool:
        """Whether a staff member with this role and engagement is in scope."""
        return employment in self.employment and (not self.roles or role in self.roles)

    def describe(self) -> str:
        """The requirement in words, e.g. ``"every 1 month (every 14 days in the first 6
        months)"``."""
        text = f"every {self.every.describe()}"
        if self.new_starter_every is not None:
            text += (
                f" (every {self.new_starter_every.describe()} in the first "
                f"{self.new_starter_period.describe()})"
            )
        return text


@attrs.frozen(kw_only=True)
class SupervisionRule(CadenceRule):
    """Supervision of one kind, at a cadence, for the staff in scope.

    Args:
        kind: which sessions count (clinical, practice or managerial).
        formats: whether individual, group or both count.
        min_minutes: sessions shorter than this do not count.
        supervisor_roles: the supervisor roles that count (empty: any).
    """

    kind: SupervisionKind = SupervisionKind.CLINICAL
    formats: frozenset[SupervisionFormat] = attrs.field(
        default=frozenset(SupervisionFormat), converter=_formats
    )
    min_minutes: int = attrs.field(default=1, validator=_at_least(1))
    supervisor_roles: frozenset[str] = attrs.field(default=frozenset(), converter=_roles)


@attrs.frozen
class BandThreshold:
    """A wellbeing score whose band, at or past a rank, is a finding.

    Args:
        score: the score id of the wellbeing instrument (``"burnout"``).
        rank: the band rank from which it is a finding (ProQOL: 2 is "high" burnout or
            secondary traumatic stress, and "low" compassion satisfaction).
        severity: the finding's severity.
    """

    score: str
    rank: int = attrs.field(default=2, validator=_at_least(1))
    severity: Severity = Severity.CONCERN


_PROQOL_THRESHOLDS = (
    BandThreshold("burnout"),
    BandThreshold("secondary_traumatic_stress"),
    BandThreshold("compassion_satisfaction"),
)


@attrs.frozen(kw_only=True)
class WellbeingRule(CadenceRule):
    """A wellbeing measure at a cadence, and the bands of its latest result that are findings.

    Args:
        instrument: the instrument id wellbeing checks must use (default ``"proqol"``).
        thresholds: the scores and band ranks that give a finding.
    """

    instrument: str = "proqol"
    thresholds: tuple[BandThreshold, ...] = attrs.field(default=_PROQOL_THRESHOLDS, converter=tuple)

    @property
    def score_ids(self) -> tuple[str, ...]:
        """The scores the thresholds read, in order."""
        return tuple(t.score for t in self.thresholds)


@attrs.frozen(kw_only=True)
class TrainingRule(CadenceRule):
    """A course every staff member in scope completes soon after starting and refreshes.

    Args:
        course: the course id the line tracks.
    """

    course: str = "trauma_informed"


@attrs.frozen(kw_only=True)
class RestraintRule:
    """The regulation 35(3) timers after a restraint (or another measure the policy names).

    Args:
        required: whether the timers apply at all.
        kinds: the incident kinds the timers run for.
        record_within_hours: the record must be made within this many hours.
        staff_spoken_to_within_hours: the registered person speaks with each staff member
            involved within this many hours.
        child_spoken_to_within_days: the child is spoken to within this many days.
        severity: the severity of a missed timer.
        look_back_days: timers that ran out more than this many days before the date checked
            are no longer findings (they stay in the monthly compliance table): a lapse long
            past is history to learn from, not something still to do (this library's default).
        source: where the line comes from.
    """

    required: bool = True
    kinds: frozenset[IncidentKind] = attrs.field(
        default=frozenset({IncidentKind.RESTRAINT}), converter=_kinds
    )
    record_within_hours: int = attrs.field(default=24, validator=_at_least(1))
    staff_spoken_to_within_hours: int = attrs.field(default=48, validator=_at_least(1))
    child_spoken_to_within_days: int = attrs.field(default=5, validator=_at_least(1))
    severity: Severity = Severity.SERIOUS
    look_back_days: int = attrs.field(default=92, validator=_at_least(0))
    source: str = "Children's Homes (England) Regulations 2015, reg 35(3)"


def _share(_: object, attribute: attrs.Attribute[float], value: float) -> None:
    if not isinstance(value, (int, float)) or not 0.0 < value <= 1.0:
        msg = f"{attribute.name} must be above 0 and at most 1"
        raise InvalidValue(msg)


_CLINICAL = SupervisionRule(
    kind=SupervisionKind.CLINICAL,
    every=Interval(1, "months"),
    new_starter_every=Interval(14, "days"),
    new_starter_period=Interval(6, "months"),
    employment=_EVERYONE,
    source=(
        "Seed article, Element 4 (caring for carers: frequent clinical supervision); monthly "
        "is the sector norm; fortnightly in a new starter's first 6 months is this library's "
        "default"
    ),
)
_PRACTICE = SupervisionRule(
    kind=SupervisionKind.PRACTICE,
    formats=frozenset({SupervisionFormat.INDIVIDUAL}),
    every=Interval(1, "months"),
    employment=_EMPLOYEES,
    source=(
        "Children's Homes (England) Regulations 2015, reg 33(4)(b) (no frequency set); "
        "monthly as local procedures and the repealed 2002 national minimum standards"
    ),
)
_APPRAISAL = CadenceRule(
    every=Interval(12, "months"),
    employment=_EMPLOYEES,
    due_soon_days=30,
    serious_after_days=90,
    source="Children's Homes (England) Regulations 2015, reg 33(4)(c): at least once a year",
)
_WELLBEING = WellbeingRule(
    every=Interval(3, "months"),
    employment=_EVERYONE,
    due_soon_days=14,
    serious_after_days=90,
    source=(
        "Quarterly wellbeing measure: this library's default; ProQOL 5 bands from Stamm (2010) "
        "The Concise ProQOL Manual"
    ),
)
_TRAINING = TrainingRule(
    first_due=Interval(3, "months"),
    every=Interval(24, "months"),
    employment=_EVERYONE,
    due_soon_days=30,
    serious_after_days=90,
    source=(
        "Trauma-informed training within 3 months of starting, refreshed every 2 years: "
        "this library's default"
    ),
)


@attrs.frozen(kw_only=True)
class TeamPolicy:
    """How a home looks after its carers: every line of element 4, with sourced defaults.

    ``TeamPolicy()`` is the default policy; change a line with ``attrs.evolve``.

    Args:
        clinical_supervision: clinical supervision for carers (the article's "caring for
            carers"): monthly, fortnightly in the first 6 months, individual or group.
        practice_supervision: practice-related supervision for every employee (reg 33(4)(b)):
            monthly, individual.
        appraisal: a yearly appraisal for every employee (reg 33(4)(c)).
        wellbeing: a quarterly ProQOL 5, with high burnout, high secondary traumatic stress
            and low compassion satisfaction as concerns.
        training: trauma-informed training within 3 months of starting, refreshed every 2
            years.
        restraint: the reg 35(3) timers after a restraint (24 hours / 48 hours / 5 days).
        red_share: the team is red when at least this share of its staff in scope have a
            concern or worse, even if no single finding is serious (this library's default).

    >>> TeamPolicy().clinical_supervision.describe()
    'every 1 month (every 14 days in the first 6 months)'
    """

    clinical_supervision: SupervisionRule = _CLINICAL
    practice_supervision: SupervisionRule = _PRACTICE
    appraisal: CadenceRule = _APPRAISAL
    wellbeing: WellbeingRule = _WELLBEING
    training: TrainingRule = _TRAINING
    restraint: RestraintRule = RestraintRule()
    red_share: float = attrs.field(default=0.25, validator=_share)

    def cadence_lines(self) -> Iterator[tuple[str, CadenceRule]]:
        """The required cadence lines, by line id, in a fixed order."""
        lines: tuple[tuple[str, CadenceRule], ...] = (
            ("clinical_supervision", self.clinical_supervision),
            ("practice_supervision", self.practice_supervision),
            ("appraisal", self.appraisal),
            ("wellbeing_check", self.wellbeing),
            ("training", self.training),
        )
        return ((name, rule) for name, rule in lines if rule.required)
