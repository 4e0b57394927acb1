"""Tests of the meeting records (review/_meeting.py) and the review policy (review/_policy.py)."""

from __future__ import annotations

import doctest
from datetime import date

import pytest

from therapeutic_model.exceptions import InvalidDefinition, InvalidValue
from therapeutic_model.response import Frequency
from therapeutic_model.review import (
    DEFAULT_REQUIRED_ROLES,
    Attendee,
    ChildView,
    Decision,
    DecisionKind,
    Psychometrics,
    ReviewMeeting,
    ReviewPolicy,
    _cycle,
    _meeting,
    _schedule,
    _tracker,
)


def test_default_required_roles_are_the_articles() -> None:
    """The TIER meeting needs the clinical assessor and the registered manager."""
    assert ("clinical_assessor", "registered_manager") == DEFAULT_REQUIRED_ROLES


def test_missing_roles_in_the_order_required() -> None:
    """missing_roles lists the required roles nobody held."""
    m = ReviewMeeting(date(2024, 4, 2), [Attendee("key_worker"), Attendee("registered_manager")])
    assert ("clinical_assessor",) == m.missing_roles(DEFAULT_REQUIRED_ROLES)


def test_roles_are_listed_once() -> None:
    """Two key workers make one role."""
    m = ReviewMeeting(date(2024, 4, 2), [Attendee("key_worker", "s-1"), Attendee("key_worker")])
    assert ("key_worker",) == m.roles


@pytest.mark.parametrize("role", ["Registered Manager", "", "manager!"])
def test_role_must_be_a_tag(role: str) -> None:
    """A role is a lower-case tag; a name-like value is refused without being echoed."""
    with pytest.raises(InvalidValue, match="role must be a lower-case role tag") as caught:
        Attendee(role)
    assert role not in str(caught.value) or role == ""


def test_decision_needs_a_reason() -> None:
    """A decision without a reason is refused."""
    with pytest.raises(InvalidValue, match="reason must be a non-empty text"):
        Decision.stop("rhythm", reason="  ")


def test_intervention_decision_needs_an_intervention() -> None:
    """continue/adjust/start/stop name an intervention."""
    with pytest.raises(InvalidValue, match="intervention_id is needed"):
        Decision(DecisionKind.STOP, "settled")


def test_escalate_takes_no_intervention() -> None:
    """An escalation naming an intervention is malformed."""
    with pytest.raises(InvalidValue, match="and only there"):
        Decision(DecisionKind.ESCALATE, "worse", intervention_id="rhythm")


def test_goal_met_needs_a_goal() -> None:
    """goal_met names a goal."""
    with pytest.raises(InvalidValue, match="goal_id is needed for goal_met"):
        Decision(DecisionKind.GOAL_MET, "done")


def test_frequency_only_for_start_and_adjust() -> None:
    """A stop decision cannot carry a new frequency."""
    with pytest.raises(InvalidValue, match="frequency and responsible_role"):
        Decision(DecisionKind.STOP, "x", intervention_id="rhythm", frequency=Frequency(1, "week"))


def test_adjust_status_is_limited() -> None:
    """Adjust may pause, resume or complete; stopping is its own decision."""
    with pytest.raises(InvalidValue, match="status may be set only for adjust"):
        Decision.adjust("rhythm", reason="x", status="stopped")


def test_decision_summary_names_ids_only() -> None:
    """The summary of a decision names its kind and target, not its reason."""
    d = Decision.start("drumming", reason="Her own idea in key work")
    assert ("start 'drumming'", True) == (d.summary(), d.changes_plan)


def test_child_view_keeps_their_words() -> None:
    """The child's words are kept exactly, in any script."""
    view = ChildView(wishes="Je veux nager 🏊", suggestion="drumming club", took_part="attended")
    assert ("Je veux nager 🏊", True) == (view.wishes, view.own_words)


def test_child_view_rejects_unknown_way_of_taking_part() -> None:
    """How the child took part is one of the listed ways."""
    with pytest.raises(ValueError, match="took_part"):
        ChildView(took_part="telepathy")  # type: ignore[arg-type]


def test_psychometrics_lists_every_problem() -> None:
    """Bad SDs, reliabilities and unmatched scores are all named."""
    with pytest.raises(InvalidDefinition) as caught:
        Psychometrics(sd={"a": 0.0, "b": 1.0}, reliability={"a": 1.0, "c": 0.5})
    assert [
        "score 'a': sd must be positive",
        "score 'a': reliability must be in [0, 1)",
        "score 'b': needs both sd and reliability",
        "score 'c': needs both sd and reliability",
    ] == list(caught.value.problems)


def test_policy_needs_at_least_one_review() -> None:
    """reviews_without_change must be at least 1."""
    with pytest.raises(InvalidValue, match="reviews_without_change"):
        ReviewPolicy(reviews_without_change=0)


@pytest.mark.parametrize("module", [_cycle, _meeting, _schedule, _tracker])
def test_docstring_examples_run(module: object) -> None:
    """The examples in the review modules' docstrings run as written."""
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)  # type: ignore[arg-type]
    assert 0 == failures
