"""Adjustments for the monthly meeting to consider. The library suggests; people decide.

Three prompts, each explained:

- **taper or stop** an active intervention when every domain it serves (through the plan's
  goals) is in the typical band at the latest assessment: the seed article notes that a child
  who has met a developmental goal may no longer need the short-term intervention behind it;
- **re-formulate** the response when the last N meetings (the policy's
  ``reviews_without_change``) each saw no reliable improvement in a domain still outside the
  typical band, and **escalate** when such a domain is reliably worse (reliable change after
  Jacobson & Truax 1991);
- **reassess** when the scheduled reassessment is due or overdue.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal, get_args

import attrs

from therapeutic_model.response import split_domain
from therapeutic_model.review._meeting import DomainProgress
from therapeutic_model.review._progress import ChangeClass

if TYPE_CHECKING:
    from therapeutic_model.response import Catalogue, Goal, IndividualResponse, PlannedIntervention
    from therapeutic_model.review._tracker import Tracker

__all__ = ["AdjustmentKind", "AdjustmentSuggestion", "suggest_adjustments"]

AdjustmentKind = Literal["taper_or_stop", "reformulate", "escalate", "reassess"]
"""What an adjustment suggestion proposes the meeting consider."""

_IMPROVED = ChangeClass.RELIABLY_IMPROVED.label
_WORSE = ChangeClass.RELIABLY_WORSE.label


def _strs(value: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class AdjustmentSuggestion:
    """Something the meeting may want to change, and why. A prompt, never a decision.

    Attributes:
        kind: see :data:`AdjustmentKind`.
        rationale: why, in words naming ids, bands, counts and dates only.
        intervention_id: the intervention concerned, for taper_or_stop.
        domains: the domains concerned, instrument-qualified (``"neurosequential:relational"``).
    """

    kind: AdjustmentKind = attrs.field(validator=attrs.validators.in_(get_args(AdjustmentKind)))
    rationale: str
    intervention_id: str | None = None
    domains: tuple[str, ...] = attrs.field(default=(), converter=_strs)


def suggest_adjustments(
    tracker: Tracker, *, on: date, catalogue: Catalogue | None = None
) -> tuple[AdjustmentSuggestion, ...]:
    """Adjustments for a meeting on ``on`` to consider, from the tracker's own records.

    An intervention serves the domains of the plan's goals it is linked to and, when a
    catalogue is given, the domains the catalogue says it serves (those of them that have been
    assessed: a catalogue names domains of every instrument). It is suggested for tapering only
    when every goal domain has been assessed and every domain it serves is in the typical band.

    Args:
        tracker: the child's tracker.
        on: the meeting date; only what was recorded up to it is used.
        catalogue: the provider's catalogue, for the domains each intervention serves.

    Returns:
        Suggestions in the order taper_or_stop, reformulate/escalate, reassess.
    """
    rows = _latest_rows(tracker, on)
    out = list(_taper_or_stop(tracker.plan, rows, catalogue))
    out += _stalled(tracker, on, rows)
    out += _reassess(tracker, on)
    return tuple(out)


def _latest_rows(tracker: Tracker, on: date) -> dict[str, DomainProgress]:
    instruments = dict.fromkeys(a.assessment.instrument_id for a in tracker.assessments)
    return {
        f"{row.instrument_id}:{row.domain}": row
        for inst in instruments
        for row in tracker.domain_progress(inst, on=on)
    }


def _domain_key(ref: str, rows: dict[str, DomainProgress]) -> str | None:
    """The instrument-qualified key of a domain reference, if that domain has been assessed."""
    instrument, domain = split_domain(ref)
    for key, row in rows.items():
        if row.domain == domain and instrument in (None, row.instrument_id):
            return key
    return None


def _served(
    pi: PlannedIntervention,
    goals: dict[str, Goal],
    catalogue: Catalogue | None,
    rows: dict[str, DomainProgress],
) -> list[str | None]:
    """Keys of the assessed domains an intervention serves; None for a goal's unassessed one.

    A goal's domain is a target the team set, so an unassessed one blocks the suggestion; the
    catalogue's domains span every instrument, so only those assessed are counted.
    """
    keys = [_domain_key(d, rows) for g in pi.goal_ids if (d := _goal_ref(goals.get(g)))]
    if catalogue is not None and pi.intervention_id in catalogue:
        found = (_domain_key(ref, rows) for ref in catalogue.get(pi.intervention_id).domains)
        keys += [k for k in found if k is not None]
    return list(dict.fromkeys(keys))


def _goal_ref(goal: Goal | None) -> str | None:
    return None if goal is None else goal.domain


def _taper_or_stop(
    plan: IndividualResponse | None,
    rows: dict[str, DomainProgress],
    catalogue: Catalogue | None,
) -> list[AdjustmentSuggestion]:
    if plan is None:
        return []
    goals = {g.id: g for g in plan.goals}
    out = []
    for pi in plan.active_interventions():
        keys = _served(pi, goals, catalogue, rows)
        if not keys or any(k is None for k in keys):
            continue
        domains = tuple(dict.fromkeys(k for k in keys if k is not None))
        if all(_is_typical(rows[k]) for k in domains):
            bands = ", ".join(f"{k} ({rows[k].latest_band})" for k in domains)
            out.append(
                AdjustmentSuggestion(
                    kind="taper_or_stop",
                    rationale=(
                        "every domain this intervention serves is in the typical band at the "
                        f"latest assessment: {bands}; consider tapering or stopping it"
                    ),
                    intervention_id=pi.intervention_id,
                    domains=domains,
                )
            )
    return out


def _is_typical(row: DomainProgress) -> bool:
    return row.latest_rank == 0


def _stalled(
    tracker: Tracker, on: date, rows: dict[str, DomainProgress]
) -> list[AdjustmentSuggestion]:
    n = tracker.policy.reviews_without_change
    meetings = [m for m in tracker.meetings if m.on <= on][-n:]
    if len(meetings) < n:
        return []
    per_meeting = [_latest_rows(tracker, m.on) for m in meetings]
    stalled = [
        key
        for key, row in rows.items()
        if row.rci is not None
        and not _is_typical(row)
        and all(key in seen and seen[key].change not in (None, _IMPROVED) for seen in per_meeting)
    ]
    if not stalled:
        return []
    worse = [k for k in stalled if per_meeting[-1][k].change == _WORSE]
    listing = ", ".join(stalled)
    if worse:
        return [
            AdjustmentSuggestion(
                kind="escalate",
                rationale=(
                    f"no reliable improvement at any of the last {n} reviews in {listing}, and "
                    f"reliably worse in {', '.join(worse)}; consider escalating for a senior "
                    "clinical review"
                ),
                domains=tuple(stalled),
            )
        ]
    return [
        AdjustmentSuggestion(
            kind="reformulate",
            rationale=(
                f"no reliable improvement at any of the last {n} reviews in {listing}; "
                "consider re-formulating the response for these domains"
            ),
            domains=tuple(stalled),
        )
    ]


def _reassess(tracker: Tracker, on: date) -> list[AdjustmentSuggestion]:
    out = []
    for item in tracker.obligations(on=on):
        if item.what == "reassessment" and item.status != "upcoming":
            late = f", {item.days_overdue} days overdue" if item.days_overdue else ""
            out.append(
                AdjustmentSuggestion(
                    kind="reassess",
                    rationale=(
                        f"the reassessment with {item.instrument_id} is due on "
                        f"{item.due_on.isoformat()}{late}"
                    ),
                    domains=(),
                )
            )
    return out
