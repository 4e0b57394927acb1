"""Round trips of element 3's records through the one converter (io/_review.py, io/_schemas.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date

import pytest
from hypothesis import given

import therapeutic_model as tm
from therapeutic_model.exceptions import InvalidDefinition, TransitionNotAllowed, ValidationError
from therapeutic_model.review import (
    EVENT_TYPES,
    Decision,
    Paused,
    ReviewCycle,
    ReviewMeeting,
    ReviewPolicy,
    Schedule,
    Tracker,
    default_cycle,
)
from therapeutic_model.testing import review_meetings, review_policies, trackers

OpenTracker = Callable[..., Tracker]
Meeting = Callable[..., ReviewMeeting]
RM = "registered_manager"


@given(trackers())
def test_tracker_round_trip(tracker: Tracker) -> None:
    """Any tracker the library can build comes back equal, in the same state."""
    back = tm.loads(tm.dumps(tracker), Tracker)
    assert (tracker, tracker.state) == (back, back.state)


@given(review_meetings())
def test_meeting_round_trip(meeting: ReviewMeeting) -> None:
    """Meetings, with the child's words in any script, come back equal."""
    assert meeting == tm.loads(tm.dumps(meeting), ReviewMeeting)


@given(review_policies())
def test_policy_round_trip(policy: ReviewPolicy) -> None:
    """Review policies come back equal (the cycle is re-checked on the way in)."""
    assert policy == tm.loads(tm.dumps(policy), ReviewPolicy)


def test_every_event_round_trips_alone(active_tracker: OpenTracker, meeting: Meeting) -> None:
    """Each event type of a lived tracker can be stored and loaded on its own."""
    t = active_tracker().hold_meeting(
        meeting(date(2024, 4, 2), [Decision.stop("rhythm", reason="settled")]), actor_role=RM
    )
    t = t.pause(on=date(2024, 4, 3), actor_role=RM, reason="x")
    for event in t.events:
        assert event == tm.loads(tm.dumps(event), type(event))


def test_every_event_type_has_a_schema() -> None:
    """Each event class is registered with its own schema name."""
    names = {json.loads(tm.dumps(_sample(cls)))["schema"] for cls in (Paused,)}
    assert {"therapeutic_model/event/paused"} == names
    assert 13 == len(EVENT_TYPES)


def _sample(cls: type) -> object:
    return cls(on=date(2024, 1, 1), actor_role=RM, reason="x")


def test_stored_events_carry_their_type(active_tracker: OpenTracker) -> None:
    """In a stored tracker each event is tagged with its type."""
    doc = json.loads(tm.dumps(active_tracker()))
    assert ["tracker_opened", "assessment_recorded", "plan_adopted"] == [
        e["type"] for e in doc["events"]
    ]


def test_unknown_event_type_is_named_as_unknown(active_tracker: OpenTracker) -> None:
    """An event with a type the library does not know is named at its type, listing the known."""
    doc = json.loads(tm.dumps(active_tracker()))
    doc["events"][1]["type"] = "teleported"
    with pytest.raises(ValidationError) as caught:
        tm.loads(json.dumps(doc), Tracker)
    assert ("$.events[1].type",) == caught.value.paths
    assert caught.value.errors[0].message.startswith("unknown event type; known: ")
    assert "meeting_held" in caught.value.errors[0].message
    assert "teleported" not in str(caught.value)


def test_missing_event_type_is_named(active_tracker: OpenTracker) -> None:
    """An event without its type is named at $.events[i].type as a missing field."""
    doc = json.loads(tm.dumps(active_tracker()))
    del doc["events"][1]["type"]
    with pytest.raises(ValidationError) as caught:
        tm.loads(json.dumps(doc), Tracker)
    assert ("$.events[1].type: required field is missing",) == tuple(
        str(e) for e in caught.value.errors
    )


def test_stored_tracker_breaking_the_cycle_names_the_event(active_tracker: OpenTracker) -> None:
    """A stored history whose events the cycle does not allow is refused at the event's index."""
    doc = json.loads(tm.dumps(active_tracker()))
    doc["events"] = [doc["events"][0], doc["events"][2]]  # a plan before any assessment
    with pytest.raises(ValidationError) as caught:
        tm.loads(json.dumps(doc), Tracker)
    (error,) = caught.value.errors
    assert "$.events[1]" == error.path
    assert error.message.startswith("can't 'adopt_plan' when in 'referred'; allowed here: ")


def test_replaying_events_the_cycle_refuses_names_the_event(active_tracker: OpenTracker) -> None:
    """Replaying events directly raises TransitionNotAllowed carrying the event's path."""
    events = active_tracker().events
    with pytest.raises(TransitionNotAllowed) as caught:
        Tracker.replay([events[0], events[2]])
    assert ("$.events[1]", "adopt_plan", "referred") == (
        caught.value.path,
        caught.value.event,
        caught.value.state,
    )


def test_stored_meeting_without_quorum_names_the_meeting_attendees(
    active_tracker: OpenTracker, meeting: Meeting
) -> None:
    """A stored meeting missing a required role is named at $.events[i].meeting.attendees."""
    t = active_tracker().hold_meeting(meeting(date(2024, 4, 2)), actor_role=RM)
    doc = json.loads(tm.dumps(t))
    i = next(k for k, e in enumerate(doc["events"]) if e["type"] == "meeting_held")
    doc["events"][i]["meeting"]["attendees"] = []
    with pytest.raises(ValidationError) as caught:
        tm.loads(json.dumps(doc), Tracker)
    assert {f"$.events[{i}].meeting.attendees"} == set(caught.value.paths)


def test_stored_tracker_out_of_date_order_fails_to_load(active_tracker: OpenTracker) -> None:
    """A stored history whose dates go back is refused."""
    doc = json.loads(tm.dumps(active_tracker()))
    doc["events"][2]["on"] = "2024-03-02"
    doc["events"][2]["plan"]["on"] = "2024-03-02"
    doc["events"][2]["plan"]["history"][0]["on"] = "2024-03-02"
    with pytest.raises(ValidationError, match="must not be before the previous event"):
        tm.loads(json.dumps(doc), Tracker)


def test_malformed_meeting_names_every_path() -> None:
    """A meeting document with a bad date and an unknown field names both paths."""
    doc = json.loads(tm.dumps(ReviewMeeting(date(2024, 4, 2), [])))
    doc["on"] = 20240402
    doc["mood"] = "fine"
    with pytest.raises(ValidationError) as caught:
        tm.loads(json.dumps(doc), ReviewMeeting)
    assert {"$.on", "$.mood"} == set(caught.value.paths)


def test_invalid_cycle_in_a_document_is_an_invalid_definition() -> None:
    """A stored cycle with a trap state fails as InvalidDefinition naming the state."""
    doc = json.loads(tm.dumps(default_cycle()))
    doc["transitions"] = [t for t in doc["transitions"] if t["source"] != "escalated"]
    with pytest.raises(InvalidDefinition, match="not reachable from state 'escalated'"):
        tm.loads(json.dumps(doc), ReviewCycle)


def test_schedule_round_trip() -> None:
    """A rolling schedule comes back equal."""
    s = Schedule(cadence="rolling_days", every_days=28, grace_days=3)
    assert s == tm.loads(tm.dumps(s), Schedule)
