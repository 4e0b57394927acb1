"""Tests of the review schedule (review/_schedule.py), the tracker's obligations and due()."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from therapeutic_model.child import Child, ChildId
from therapeutic_model.exceptions import InvalidValue
from therapeutic_model.review import (
    DueItem,
    ReviewMeeting,
    ReviewPolicy,
    Schedule,
    Tracker,
    add_months,
    due,
)

OpenTracker = Callable[..., Tracker]
Meeting = Callable[..., ReviewMeeting]

CALENDAR = Schedule()
ROLLING = Schedule(cadence="rolling_days", every_days=30, notice_days=7, grace_days=7)
KID = ChildId("c-001")


def meeting_item(schedule: Schedule, last: date, on: date) -> DueItem:
    """The meeting obligation on ``on`` after a meeting on ``last``."""
    window = schedule.meeting_window(last)
    return DueItem.on(KID, "review_meeting", window, on=on, grace_days=schedule.grace_days)


# ---------------------------------------------------------------------------------------------
# Calendar arithmetic


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year
        (date(2024, 8, 31), 6, date(2025, 2, 28)),
        (date(2024, 3, 5), 6, date(2024, 9, 5)),
        (date(2024, 11, 15), 2, date(2025, 1, 15)),
    ],
)
def test_add_months_clamps_to_month_end(start: date, months: int, expected: date) -> None:
    """Adding months keeps the day, clamped to the end of a shorter month."""
    assert expected == add_months(start, months)


def test_calendar_window_is_the_next_calendar_month() -> None:
    """After a meeting on 20 March the next is due any day in April."""
    assert (date(2024, 4, 1), date(2024, 4, 30)) == CALENDAR.meeting_window(date(2024, 3, 20))


def test_calendar_window_crosses_the_year() -> None:
    """After a meeting in December the next is due in January."""
    assert (date(2025, 1, 1), date(2025, 1, 31)) == CALENDAR.meeting_window(date(2024, 12, 15))


def test_rolling_window_counts_days_from_the_last_meeting() -> None:
    """Rolling 30 days from 20 March: due 19 April, open from 12 April (7 days' notice)."""
    assert (date(2024, 4, 12), date(2024, 4, 19)) == ROLLING.meeting_window(date(2024, 3, 20))


def test_schedule_rejects_a_zero_interval() -> None:
    """every_days must be at least 1, with a message naming the rule."""
    with pytest.raises(InvalidValue, match="every_days must be a whole number of at least 1"):
        Schedule(every_days=0)


# ---------------------------------------------------------------------------------------------
# Due / overdue boundaries, on the day


@pytest.mark.parametrize(
    ("on", "status", "days_overdue", "escalate"),
    [
        (date(2024, 3, 31), "upcoming", 0, False),
        (date(2024, 4, 1), "due", 0, False),
        (date(2024, 4, 30), "due", 0, False),  # the due date itself is on time
        (date(2024, 5, 1), "overdue", 1, False),
        (date(2024, 5, 7), "overdue", 7, False),  # last day of grace
        (date(2024, 5, 8), "overdue", 8, True),
    ],
)
def test_calendar_boundaries(on: date, status: str, days_overdue: int, escalate: bool) -> None:
    """Calendar cadence: due from the 1st, on time to the last day, escalate after 7 days' grace."""
    item = meeting_item(CALENDAR, date(2024, 3, 20), on)
    assert (status, days_overdue, escalate) == (item.status, item.days_overdue, item.escalate)


@pytest.mark.parametrize(
    ("on", "status", "days_overdue", "escalate"),
    [
        (date(2024, 4, 11), "upcoming", 0, False),
        (date(2024, 4, 12), "due", 0, False),
        (date(2024, 4, 19), "due", 0, False),
        (date(2024, 4, 20), "overdue", 1, False),
        (date(2024, 4, 26), "overdue", 7, False),
        (date(2024, 4, 27), "overdue", 8, True),
    ],
)
def test_rolling_boundaries(on: date, status: str, days_overdue: int, escalate: bool) -> None:
    """Rolling cadence: open 7 days before the due date, escalate after 7 days' grace."""
    item = meeting_item(ROLLING, date(2024, 3, 20), on)
    assert (status, days_overdue, escalate) == (item.status, item.days_overdue, item.escalate)


def test_calendar_and_rolling_differ_for_the_same_meeting() -> None:
    """On 25 April, after a meeting on 20 March, calendar says due and rolling says overdue."""
    on = date(2024, 4, 25)
    calendar_item = meeting_item(CALENDAR, date(2024, 3, 20), on)
    rolling_item = meeting_item(ROLLING, date(2024, 3, 20), on)
    assert ("due", "overdue") == (calendar_item.status, rolling_item.status)


def test_reassessment_window_is_six_months_by_default() -> None:
    """Assessed on 5 March: reassessment due 5 September, open from 29 August."""
    assert (date(2024, 8, 29), date(2024, 9, 5)) == CALENDAR.reassessment_window(date(2024, 3, 5))


# ---------------------------------------------------------------------------------------------
# A tracker's obligations


def test_no_meeting_is_due_before_a_plan(child: Child) -> None:
    """A referred child has no meeting obligation yet."""
    t = Tracker.open(child, on=date(2024, 3, 1), actor_role="registered_manager")
    assert () == t.obligations(on=date(2024, 12, 1))


def test_first_meeting_is_dated_from_the_plan(active_tracker: OpenTracker) -> None:
    """The first meeting falls due in the month after the first plan was adopted."""
    t = active_tracker()  # plan adopted 10 March
    item = t.obligations(on=date(2024, 4, 30))[0]
    assert ("review_meeting", "due", date(2024, 4, 30)) == (item.what, item.status, item.due_on)


def test_next_meeting_is_dated_from_the_last_held(
    active_tracker: OpenTracker, meeting: Meeting
) -> None:
    """After a meeting on 2 April the next is due by 31 May."""
    t = active_tracker().hold_meeting(meeting(date(2024, 4, 2)), actor_role="registered_manager")
    item = t.obligations(on=date(2024, 4, 3))[0]
    assert (date(2024, 5, 1), date(2024, 5, 31), "upcoming") == (
        item.opens_on,
        item.due_on,
        item.status,
    )


def test_reassessment_is_dated_from_the_entry_instrument(active_tracker: OpenTracker) -> None:
    """The entry instrument, first used 5 March, is due again on 5 September."""
    t = active_tracker()
    item = t.obligations(on=date(2024, 9, 6))[1]
    assert ("reassessment", "overdue", 1, "synthetic") == (
        item.what,
        item.status,
        item.days_overdue,
        item.instrument_id,
    )


def test_paused_tracker_owes_nothing(active_tracker: OpenTracker) -> None:
    """While paused the schedule stands still."""
    t = active_tracker().pause(
        on=date(2024, 3, 20), actor_role="registered_manager", reason="in hospital"
    )
    assert () == t.obligations(on=date(2024, 6, 1))


def test_meeting_missed_while_paused_is_due_on_return(active_tracker: OpenTracker) -> None:
    """A child back on 20 May after April's meeting passed is due a meeting that day."""
    t = active_tracker().pause(on=date(2024, 3, 20), actor_role="rm", reason="missing")
    t = t.resume(on=date(2024, 5, 20), actor_role="rm", reason="returned")
    item = t.obligations(on=date(2024, 5, 20))[0]
    assert (date(2024, 5, 20), "due", False) == (item.due_on, item.status, item.escalate)


# ---------------------------------------------------------------------------------------------
# due() for a whole home


def test_due_lists_a_home_most_overdue_first(active_tracker: OpenTracker) -> None:
    """due() lists due and overdue items for every child, most overdue first, none upcoming."""
    late = active_tracker()  # April window, 10 days late on 10 May
    on_time = active_tracker(planned=date(2024, 4, 10), child_id="c-002")  # May window
    upcoming = active_tracker(planned=date(2024, 5, 2), child_id="c-003")  # June window
    listed = due([upcoming, on_time, late], on=date(2024, 5, 10))
    assert [("c-001", "review_meeting", 10), ("c-002", "review_meeting", 0)] == [
        (i.child_id, i.what, i.days_overdue) for i in listed
    ]


def test_due_of_no_trackers_is_empty() -> None:
    """A home with no children has nothing due."""
    assert () == due([], on=date(2024, 5, 10))


def test_policy_schedule_is_used(active_tracker: OpenTracker) -> None:
    """A tracker opened under a rolling policy dates its meeting in days."""
    t = active_tracker(policy=ReviewPolicy(schedule=ROLLING))  # plan 10 March
    item = t.obligations(on=date(2024, 4, 9))[0]
    assert (date(2024, 4, 2), date(2024, 4, 9), "due") == (item.opens_on, item.due_on, item.status)
