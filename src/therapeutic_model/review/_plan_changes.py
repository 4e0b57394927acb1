"""How a meeting's decisions make the next plan version (one version per meeting)."""

from __future__ import annotations

from collections.abc import Container
from datetime import date
from typing import Any

import attrs

from therapeutic_model.exceptions import FieldError
from therapeutic_model.response import (
    STATUS_TRANSITIONS,
    Goal,
    IndividualResponse,
    InterventionStatus,
    PlannedIntervention,
)
from therapeutic_model.review._meeting import Decision, DecisionKind, ReviewMeeting

__all__ = ["plan_after"]


@attrs.define
class _Draft:
    """The plan's goals and interventions as the decisions are applied, in order."""

    plan: IndividualResponse
    on: date
    catalogue: Container[str] | None
    interventions: list[PlannedIntervention]
    goals: list[Goal]
    problems: list[FieldError] = attrs.field(factory=list)
    changed: list[str] = attrs.field(factory=list)

    def find(self, intervention_id: str) -> int | None:
        for i, pi in enumerate(self.interventions):
            if pi.intervention_id == intervention_id:
                return i
        return None

    def problem(self, path: str, message: str) -> None:
        self.problems.append(FieldError(path, message))


def plan_after(
    plan: IndividualResponse | None,
    meeting: ReviewMeeting,
    *,
    author_role: str,
    catalogue: Container[str] | None = None,
) -> tuple[IndividualResponse | None, list[FieldError]]:
    """The plan version a meeting's decisions make, and every problem with the decisions.

    All decisions that change the plan go into one new version, dated the meeting's date, whose
    reason names the meeting and what it changed (ids only).

    Args:
        plan: the plan in force, or None if none was adopted.
        meeting: the meeting.
        author_role: the role recorded as the new version's author.
        catalogue: intervention ids a ``start`` decision may add to the plan.

    Returns:
        ``(new_plan, problems)``: ``new_plan`` is None when nothing changes or when there are
        problems; problems have paths like ``$.decisions[2].intervention_id``.
    """
    decisions = meeting.decisions
    if plan is None:
        problems = [
            FieldError(f"$.decisions[{i}]", "needs a plan in force, and none has been adopted")
            for i, d in enumerate(decisions)
            if d.kind in _NEEDS_PLAN
        ]
        return None, problems
    draft = _Draft(plan, meeting.on, catalogue, list(plan.interventions), list(plan.goals))
    for i, d in enumerate(decisions):
        _APPLY[d.kind](draft, d, f"$.decisions[{i}]")
    if draft.problems:
        return None, draft.problems
    if not draft.changed:
        return None, []
    reason = f"review meeting on {meeting.on.isoformat()}: " + "; ".join(draft.changed)
    new_plan = plan.revise(
        on=meeting.on,
        author_role=author_role,
        reason=reason,
        goals=tuple(draft.goals),
        interventions=tuple(draft.interventions),
    )
    return new_plan, []


def _continue(draft: _Draft, d: Decision, path: str) -> None:
    _in_plan(draft, d, path)


def _stop(draft: _Draft, d: Decision, path: str) -> None:
    _set_status(draft, d, path, "stopped")


def _adjust(draft: _Draft, d: Decision, path: str) -> None:
    i = _in_plan(draft, d, path)
    if i is None:
        return
    if d.status is not None and not _status_ok(draft, i, d.status, path):
        return
    changes: dict[str, Any] = {}
    if d.status is not None:
        changes |= {"status": d.status, "status_since": draft.on}
    _change(draft, i, d, changes)


def _start(draft: _Draft, d: Decision, path: str) -> None:
    intervention_id = d.intervention_id or ""
    i = draft.find(intervention_id)
    if i is None:
        if draft.catalogue is None:
            draft.problem(
                f"{path}.intervention_id",
                "names no intervention in the plan; give the catalogue to start a new one",
            )
            return
        if intervention_id not in draft.catalogue:
            draft.problem(f"{path}.intervention_id", "names no intervention in the catalogue")
            return
        added = PlannedIntervention(
            intervention_id,
            status="active",
            start=draft.on,
            status_since=draft.on,
            frequency=d.frequency,
        )
        if d.responsible_role is not None:
            added = attrs.evolve(added, responsible_role=d.responsible_role)
        draft.interventions.append(added)
        draft.changed.append(d.summary())
        return
    if not _status_ok(draft, i, "active", path):
        return
    changes: dict[str, Any] = {"status": "active", "status_since": draft.on}
    if draft.interventions[i].start is None:
        changes["start"] = draft.on
    _change(draft, i, d, changes)


def _change(draft: _Draft, i: int, d: Decision, changes: dict[str, Any]) -> None:
    """Apply ``changes``, and the decision's frequency and responsible role if it gives them."""
    if d.frequency is not None:
        changes["frequency"] = d.frequency
    if d.responsible_role is not None:
        changes["responsible_role"] = d.responsible_role
    draft.interventions[i] = attrs.evolve(draft.interventions[i], **changes)
    draft.changed.append(d.summary())


def _goal_met(draft: _Draft, d: Decision, path: str) -> None:
    for i, g in enumerate(draft.goals):
        if g.id == d.goal_id:
            if g.status == "met":
                draft.problem(f"{path}.goal_id", "names a goal already met")
                return
            draft.goals[i] = attrs.evolve(g, status="met")
            draft.changed.append(d.summary())
            return
    draft.problem(f"{path}.goal_id", "names no goal of the plan")


def _no_plan_change(draft: _Draft, d: Decision, path: str) -> None:
    """Reassess and escalate move the cycle, not the plan."""


def _in_plan(draft: _Draft, d: Decision, path: str) -> int | None:
    i = draft.find(d.intervention_id or "")
    if i is None:
        draft.problem(f"{path}.intervention_id", "names no intervention in the plan")
    return i


def _set_status(draft: _Draft, d: Decision, path: str, status: InterventionStatus) -> None:
    i = _in_plan(draft, d, path)
    if i is None or not _status_ok(draft, i, status, path):
        return
    draft.interventions[i] = attrs.evolve(
        draft.interventions[i], status=status, status_since=draft.on
    )
    draft.changed.append(d.summary())


def _status_ok(draft: _Draft, i: int, status: InterventionStatus, path: str) -> bool:
    current = draft.interventions[i].status
    if status in STATUS_TRANSITIONS[current]:
        return True
    allowed = ", ".join(sorted(STATUS_TRANSITIONS[current])) or "none"
    draft.problem(
        f"{path}.intervention_id",
        f"can't go from {current} to {status}; from {current} it may go to: {allowed}",
    )
    return False


_APPLY = {
    DecisionKind.CONTINUE: _continue,
    DecisionKind.ADJUST: _adjust,
    DecisionKind.START: _start,
    DecisionKind.STOP: _stop,
    DecisionKind.GOAL_MET: _goal_met,
    DecisionKind.REASSESS: _no_plan_change,
    DecisionKind.ESCALATE: _no_plan_change,
}

_NEEDS_PLAN = frozenset(
    {
        DecisionKind.CONTINUE,
        DecisionKind.ADJUST,
        DecisionKind.START,
        DecisionKind.STOP,
        DecisionKind.GOAL_MET,
    }
)
