"""Tests of the review cycle as data (review/_cycle.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import therapeutic_model
from therapeutic_model.exceptions import InvalidDefinition, TransitionNotAllowed
from therapeutic_model.review import PREVIOUS, ReviewCycle, Transition, default_cycle

T = Transition


def small_cycle(*extra: Transition, **options: object) -> ReviewCycle:
    """A three-state cycle: referred --assess--> active --end--> ended, plus ``extra``."""
    transitions = [T("referred", "assess", "active"), T("referred", "end", "ended")]
    transitions += [T("active", "end", "ended"), *extra]
    fields: dict[str, object] = {
        "states": ("referred", "active", "ended"),
        "events": ("assess", "end"),
        "transitions": transitions,
        "suspended": (),
    }
    fields.update(options)
    return ReviewCycle(**fields)  # type: ignore[arg-type]


def test_default_cycle_walks_the_monthly_loop() -> None:
    """referred → assessed → active → review_due → reviewed → active, as in the issue."""
    cycle = default_cycle()
    state = cycle.start
    steps = ["assess", "adopt_plan", "review_falls_due", "hold_meeting", "continue_plan"]
    seen = [state]
    for event in steps:
        state = cycle.next_state(state, event, {})
        seen.append(state)
    assert ["referred", "assessed", "active", "review_due", "reviewed", "active"] == seen


def test_default_cycle_has_the_issue_states() -> None:
    """The default names every state the issue lists."""
    expected = {
        "referred",
        "assessed",
        "active",
        "review_due",
        "reviewed",
        "reassessment_due",
        "escalated",
        "paused",
        "ended",
    }
    assert expected == set(default_cycle().states)


def test_default_cycle_is_built_once() -> None:
    """default_cycle() gives the same frozen object each time (no repeated checking)."""
    assert default_cycle() is default_cycle()


def test_disallowed_event_names_state_and_allowed_events() -> None:
    """An event not allowed raises TransitionNotAllowed with the state and the allowed events."""
    with pytest.raises(TransitionNotAllowed) as caught:
        default_cycle().next_state("referred", "hold_meeting", {})
    err = caught.value
    assert ("hold_meeting", "referred") == (err.event, err.state)
    assert ("assess", "end", "pause") == err.allowed
    assert "can't 'hold_meeting' when in 'referred'" in str(err)


def test_ended_allows_nothing() -> None:
    """The final state has no way out."""
    assert () == default_cycle().allowed_events("ended", {})


def test_guard_picks_the_first_transition_that_holds() -> None:
    """In reassessment_due, assessing with the reassessment instrument returns to active."""
    cycle = default_cycle()
    assert "active" == cycle.next_state("reassessment_due", "assess", {"reassessment_done": True})
    assert "reassessment_due" == cycle.next_state("reassessment_due", "assess", {})


def test_negated_guard() -> None:
    """A guard written 'not has_plan' holds when the fact is false."""
    cycle = small_cycle(T("active", "assess", "active", ("not has_plan",)))
    assert cycle.allows("active", "assess", {"has_plan": False})
    assert not cycle.allows("active", "assess", {"has_plan": True})


def test_resume_returns_to_the_previous_state() -> None:
    """resume goes back to the state held before the pause."""
    cycle = default_cycle()
    assert "escalated" == cycle.next_state("paused", "resume", {}, previous="escalated")


def test_guards_lists_the_facts_used() -> None:
    """A cycle says which guard facts its transitions read."""
    assert ("reassessment_done", "reassessment_outstanding") == default_cycle().guards


@pytest.mark.parametrize(
    ("extra", "state", "problem"),
    [
        pytest.param(
            (T("limbo", "end", "ended"),),
            "limbo",
            "state 'limbo' is not reachable from the start state 'referred'",
            id="unreachable-state",
        ),
        pytest.param(
            (T("active", "assess", "stuck"), T("stuck", "assess", "stuck")),
            "stuck",
            "the final state 'ended' is not reachable from state 'stuck'",
            id="trap-state",
        ),
    ],
)
def test_reachability_problem_is_named(
    extra: tuple[Transition, ...], state: str, problem: str
) -> None:
    """A state the start cannot reach, or one that cannot reach the final state, is named."""
    with pytest.raises(InvalidDefinition) as caught:
        small_cycle(*extra, states=("referred", "active", state, "ended"))
    assert [problem] == list(caught.value.problems)


def test_every_unknown_name_is_listed() -> None:
    """Unknown states, events and guards are each named, all in one error."""
    with pytest.raises(InvalidDefinition) as caught:
        small_cycle(
            T("active", "assess", "nowhere"),
            T("active", "teleport", "ended"),
            T("active", "end", "ended", ("is_tuesday",)),
        )
    problems = "\n".join(caught.value.problems)
    assert "unknown state 'nowhere'" in problems
    assert "unknown event 'teleport'" in problems
    assert "unknown guard 'is_tuesday'" in problems


def test_event_the_tracker_cannot_fire_is_unknown() -> None:
    """Declaring an event the tracker never fires is an error naming it."""
    with pytest.raises(InvalidDefinition, match="unknown event 'teleport'"):
        small_cycle(T("active", "teleport", "ended"), events=("assess", "end", "teleport"))


def test_unused_event_is_named() -> None:
    """A declared event no transition uses is reported."""
    with pytest.raises(InvalidDefinition, match="'pause' is declared but no transition uses it"):
        small_cycle(events=("assess", "end", "pause"))


def test_final_state_must_have_no_way_out() -> None:
    """A transition leaving the final state is reported."""
    with pytest.raises(InvalidDefinition, match="must have no way out"):
        small_cycle(T("ended", "assess", "active"))


def test_shadowed_transition_is_named() -> None:
    """A transition that an earlier unguarded one always beats is reported."""
    with pytest.raises(InvalidDefinition, match=r"transition 4 .* is never taken"):
        small_cycle(T("active", "assess", "active"), T("active", "assess", "ended", ("has_plan",)))


def test_start_and_final_must_be_declared() -> None:
    """Start and final states outside the declared states are both named."""
    with pytest.raises(InvalidDefinition) as caught:
        small_cycle(start="begin", final="finish")
    problems = caught.value.problems
    assert "start state 'begin' is not a declared state" in problems
    assert "final state 'finish' is not a declared state" in problems


def test_previous_target_counts_for_reachability() -> None:
    """A state left only by resume-to-previous still reaches the end through where it came from."""
    cycle = small_cycle(
        T("active", "pause", "paused"),
        T("paused", "resume", PREVIOUS),
        states=("referred", "active", "paused", "ended"),
        events=("assess", "end", "pause", "resume"),
    )
    assert "active" == cycle.next_state("paused", "resume", {}, previous="active")


def test_state_names_must_be_tags() -> None:
    """A state that is not a lower-case tag is rejected (so PREVIOUS never collides)."""
    with pytest.raises(InvalidDefinition, match="must be a lower-case tag"):
        small_cycle(
            T("active", "assess", "Bad State"),
            T("Bad State", "end", "ended"),
            states=("referred", "active", "Bad State", "ended"),
        )


def test_mermaid_diagram_names_every_moving_transition() -> None:
    """The Mermaid text has the start arrow and the monthly loop."""
    text = default_cycle().to_mermaid()
    assert text.startswith("stateDiagram-v2\n    [*] --> referred")
    assert "    review_due --> reviewed: hold_meeting" in text


def test_networkx_is_not_imported_with_the_package() -> None:
    """Importing therapeutic_model does not import networkx (it is loaded when a cycle is built)."""
    code = "import sys, therapeutic_model.review; print('networkx' in sys.modules)"
    src = str(Path(therapeutic_model.__file__).parents[1])
    out = subprocess.run(  # noqa: S603 -- runs this interpreter on a fixed snippet
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": src},
    )
    assert "False" == out.stdout.strip()
