"""When the monthly meeting and the reassessment fall due, and how overdue they are.

The seed article's TIER system holds a therapeutic management meeting every month; this
library's default also asks for the entry instrument to be repeated every 6 months (a
configurable policy; Children's Homes (England) Regulations 2015, reg 45, reviews the quality of
care at least every 6 months). Dates are always passed in: nothing here reads the clock.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date, timedelta
from typing import Literal, get_args

import attrs

from therapeutic_model.child import ChildId
from therapeutic_model.exceptions import InvalidValue

__all__ = [
    "Cadence",
    "DueItem",
    "DueStatus",
    "Obligation",
    "Schedule",
    "add_months",
]

Cadence = Literal["calendar_month", "rolling_days"]
"""How the next meeting is dated from the last one held.

``calendar_month``: one meeting in each calendar month; after a meeting in March the next is
due in April, any day from the 1st to the 30th. ``rolling_days``: the next is due a fixed number
of days after the last (``every_days``), open from ``notice_days`` before.
"""

DueStatus = Literal["upcoming", "due", "overdue"]
"""Where an obligation stands on a date: its window not yet open, open, or past."""

Obligation = Literal["review_meeting", "reassessment"]
"""What can fall due for a child."""


def _at_least(low: int) -> Callable[[object, attrs.Attribute[int], int], None]:
    def check(_: object, attribute: attrs.Attribute[int], value: int) -> None:
        if not (isinstance(value, int) and not isinstance(value, bool) and value >= low):
            msg = f"{attribute.name} must be a whole number of at least {low}"
            raise InvalidValue(msg)

    return check


def add_months(d: date, months: int) -> date:
    """The same day ``months`` calendar months later, clamped to the end of a shorter month.

    >>> add_months(date(2024, 8, 31), 6)
    datetime.date(2025, 2, 28)
    """
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last))


def _month_window(d: date) -> tuple[date, date]:
    """The first and last day of the calendar month after the one ``d`` falls in."""
    first = add_months(d.replace(day=1), 1)
    return first, first.replace(day=calendar.monthrange(first.year, first.month)[1])


@attrs.frozen
class Schedule:
    """How often the review meeting and the reassessment fall due.

    Args:
        cadence: ``"calendar_month"`` (default) or ``"rolling_days"``; see :data:`Cadence`.
        every_days: for rolling cadence, days from one meeting to the next (default 30).
        notice_days: for rolling cadence and for reassessment, how many days before the due
            date the window opens (default 7).
        grace_days: days past the due date before an overdue meeting escalates (default 7).
        reassessment_months: months from one assessment with the reassessment instrument to
            the next (default 6).
        reassessment_instrument: the instrument that must be repeated; ``None`` means the one
            the child was first assessed with (the entry instrument).

    >>> s = Schedule()
    >>> s.meeting_window(date(2024, 3, 20))
    (datetime.date(2024, 4, 1), datetime.date(2024, 4, 30))
    >>> Schedule(cadence="rolling_days").meeting_window(date(2024, 3, 20))
    (datetime.date(2024, 4, 12), datetime.date(2024, 4, 19))
    """

    cadence: Cadence = attrs.field(
        default="calendar_month", validator=attrs.validators.in_(get_args(Cadence))
    )
    every_days: int = attrs.field(default=30, validator=_at_least(1))
    notice_days: int = attrs.field(default=7, validator=_at_least(0))
    grace_days: int = attrs.field(default=7, validator=_at_least(0))
    reassessment_months: int = attrs.field(default=6, validator=_at_least(1))
    reassessment_instrument: str | None = None

    def meeting_window(self, anchor: date) -> tuple[date, date]:
        """When the next meeting may be held and the last day it is on time.

        Args:
            anchor: the date of the last meeting held (or of the first plan, before any).

        Returns:
            ``(opens_on, due_on)``, both inclusive.
        """
        if self.cadence == "calendar_month":
            return _month_window(anchor)
        due_on = anchor + timedelta(days=self.every_days)
        return max(anchor, due_on - timedelta(days=self.notice_days)), due_on

    def reassessment_window(self, last_assessed: date) -> tuple[date, date]:
        """When the reassessment opens and the day it is due, from the last assessment."""
        due_on = add_months(last_assessed, self.reassessment_months)
        return due_on - timedelta(days=self.notice_days), due_on


@attrs.frozen
class DueItem:
    """One thing due for one child on a date, and how overdue it is.

    Attributes:
        child_id: the child's opaque id.
        what: ``"review_meeting"`` or ``"reassessment"``.
        status: ``"upcoming"``, ``"due"`` or ``"overdue"``.
        opens_on: the first day of the window.
        due_on: the last day it is on time.
        days_overdue: days past ``due_on`` (0 when not overdue).
        escalate: whether a meeting is overdue past the grace period.
        instrument_id: for a reassessment, the instrument to repeat.
    """

    child_id: ChildId
    what: Obligation
    status: DueStatus
    opens_on: date
    due_on: date
    days_overdue: int = 0
    escalate: bool = False
    instrument_id: str | None = None

    @classmethod
    def on(
        cls,
        child_id: ChildId,
        what: Obligation,
        window: tuple[date, date],
        *,
        on: date,
        grace_days: int | None = None,
        instrument_id: str | None = None,
    ) -> DueItem:
        """The item for a window as it stands on a date (``grace_days`` for meetings only)."""
        opens_on, due_on = window
        late = (on - due_on).days
        status: DueStatus = "overdue" if late > 0 else ("due" if on >= opens_on else "upcoming")
        return cls(
            child_id=child_id,
            what=what,
            status=status,
            opens_on=opens_on,
            due_on=due_on,
            days_overdue=max(late, 0),
            escalate=grace_days is not None and late > grace_days,
            instrument_id=instrument_id,
        )
