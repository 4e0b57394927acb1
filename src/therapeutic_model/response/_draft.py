"""A first plan draft from suggestions, for people to edit: the library suggests, people decide."""

from __future__ import annotations

from datetime import date

from therapeutic_model.child import ChildId
from therapeutic_model.response._catalogue import InterventionKind
from therapeutic_model.response._plan import (
    Frequency,
    IndividualResponse,
    KeyWorkingSchedule,
    PlannedIntervention,
    PlanRevision,
    Provision,
    RiskAssessment,
    Trigger,
)
from therapeutic_model.response._suggestion import Suggestion, Suggestions

__all__ = ["RESPONSIBLE_ROLES", "draft_plan"]

RESPONSIBLE_ROLES: dict[InterventionKind, str] = {
    "care_plan": "registered manager",
    "risk_assessment": "registered manager",
    "boundaries": "key worker",
    "key_working": "key worker",
    "enrichment": "care team",
    "therapeutic_caregiving": "care team",
    "education": "education lead",
    "psychotherapy": "therapist",
}
"""The role a draft makes responsible for each kind of intervention (edit the draft freely)."""


def draft_plan(
    child_id: str,
    suggestions: Suggestions,
    *,
    on: date,
    author_role: str,
    reason: str = "first draft from suggestions",
) -> IndividualResponse:
    """A first version of a child's plan built from their suggestions.

    Suggested interventions are planned to start ``on``; deferred ones are planned without a
    start, with the reason they wait in their notes; withheld ones are *not* planned — each is
    named in the draft's first revision, for a person to decide with the risk assessment. The
    child's triggers become the risk assessment's triggers (early signs and what helps are left
    for the team to write). Key-working interventions make a weekly key-working schedule;
    education and psychotherapy become provision "to be sourced", with the assessed domains
    that informed them. Goals are left for people to write with the child.

    Args:
        child_id: the child's opaque id.
        suggestions: the child's suggestions from :meth:`RuleSet.suggest`.
        on: the date of the draft.
        author_role: the role of the person drafting it.
        reason: the reason recorded for version 1.

    Returns:
        Version 1 of an :class:`IndividualResponse`.
    """
    planned = [s for s in suggestions if s.status != "withheld"]
    interventions = tuple(_planned(s, on) for s in planned)
    focus = tuple(s.intervention.id for s in planned if s.intervention.kind == "key_working")
    key_working = (
        KeyWorkingSchedule("key worker", Frequency(1, "week"), session_minutes=45, focus=focus)
        if focus
        else None
    )
    provision = tuple(
        _provision(s) for s in planned if s.intervention.kind in ("education", "psychotherapy")
    )
    changes = ["created from suggestions"] + [
        f"withheld pending a risk-assessed decision: {s.intervention.id!r} "
        f"(trigger {', '.join(s.withheld_for)})"
        for s in suggestions
        if s.status == "withheld"
    ]
    return IndividualResponse(
        child_id=ChildId(child_id),
        version=1,
        on=on,
        author_role=author_role,
        reason=reason,
        interventions=interventions,
        risk_assessment=RiskAssessment(triggers=tuple(Trigger(t) for t in suggestions.triggers)),
        key_working=key_working,
        provision=provision,
        history=(PlanRevision(1, on, author_role, reason, tuple(changes)),),
    )


def _planned(s: Suggestion, on: date) -> PlannedIntervention:
    iv = s.intervention
    deferred = s.status == "deferred"
    notes = f"phase {s.phase} ({iv.level})"
    if deferred:
        notes += "; deferred: " + "; ".join(d.describe() for d in s.deferred_because)
    return PlannedIntervention(
        intervention_id=iv.id,
        responsible_role=RESPONSIBLE_ROLES[iv.kind],
        frequency=iv.frequency,
        start=None if deferred else on,
        status="planned",
        status_since=on,
        source="suggested",
        suggested_by=s.rules,
        notes=notes,
    )


def _provision(s: Suggestion) -> Provision:
    iv = s.intervention
    informed: list[str] = []
    for e in s.evidence:
        source = _informed_by(e.condition, e.fact)
        if source not in informed:
            informed.append(source)
    return Provision(
        id=iv.id,
        kind="education" if iv.kind == "education" else "psychotherapy",
        provider="to be sourced",
        type=iv.name,
        frequency=iv.frequency,
        informed_by=tuple(informed),
        intervention_id=iv.id,
    )


def _informed_by(condition: object, fact: str) -> str:
    """A domain (``"neurosequential:cognitive"``) or level reference, else the fact's name."""
    inst = getattr(condition, "instrument", None)
    part = getattr(condition, "domain", None) or getattr(condition, "level", None)
    return f"{inst}:{part}" if inst is not None and part is not None else fact
