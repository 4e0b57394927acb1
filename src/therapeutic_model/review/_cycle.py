"""The review cycle of elements 2 and 3 as data: states, events, transitions and guards.

A :class:`ReviewCycle` is checked when it is built (with networkx, imported inside the check):
every state must be reachable from the start, the final state must be reachable from every
state, and every transition must name declared states, declared events the tracker knows how
to fire, and known guards. Every problem is listed in one
:class:`~therapeutic_model.exceptions.InvalidDefinition`.

The default cycle follows the seed article's TIER system: a referred child is assessed, a plan
is adopted (active), the monthly therapeutic management meeting falls due, is held (reviewed)
and the plan is continued or revised (active again), for the whole placement; reassessment falls
due every few months; a meeting overdue past its grace period escalates; a placement may be
paused (the child missing or in hospital) and finally ends.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence

import attrs

from therapeutic_model.exceptions import InvalidDefinition, TransitionNotAllowed

__all__ = [
    "CYCLE_EVENTS",
    "GUARDS",
    "PREVIOUS",
    "ReviewCycle",
    "Transition",
    "default_cycle",
]

PREVIOUS = "@previous"
"""A transition target meaning "the state held before the current one was entered".

Used by ``resume``: a placement that was paused goes back to where it stood (review due,
escalated …), so nothing is lost by a pause. It cannot be a state's name (states are
lower-case tags).
"""

CYCLE_EVENTS: tuple[str, ...] = (
    "assess",
    "adopt_plan",
    "rate_goals",
    "review_falls_due",
    "reassessment_falls_due",
    "hold_meeting",
    "continue_plan",
    "request_reassessment",
    "escalate",
    "pause",
    "resume",
    "end",
)
"""Every cycle event the :class:`~therapeutic_model.review.Tracker` can fire.

A cycle may declare fewer (an operation it does not declare is never allowed); it may not
declare others, since nothing would ever fire them.
"""

GUARDS: Mapping[str, str] = {
    "has_assessment": "an assessment has been recorded",
    "has_plan": "a plan has been adopted",
    "reassessment_done": "the assessment being recorded uses the reassessment instrument",
    "reassessment_outstanding": "the scheduled reassessment is due or overdue on the event's date",
}
"""The facts a transition may be guarded by; write ``"not has_plan"`` for the negation."""

_NAME = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Transition:
    """One arrow of the cycle: on ``event`` in ``source``, go to ``target`` if the guards hold.

    Args:
        source: the state the arrow leaves.
        event: the cycle event that takes it (one of :data:`CYCLE_EVENTS`).
        target: the state it enters, or :data:`PREVIOUS` for the state held before ``source``.
        guards: facts that must all hold (names from :data:`GUARDS`, optionally ``"not "``
            before one). Where several transitions leave a state on the same event, the first
            whose guards hold is taken.
    """

    source: str
    event: str
    target: str
    guards: tuple[str, ...] = attrs.field(default=(), converter=_strs)

    def holds(self, facts: Mapping[str, bool]) -> bool:
        """Whether every guard holds for these facts (unknown facts count as false)."""
        return all(_guard_holds(g, facts) for g in self.guards)


def _guard_holds(guard: str, facts: Mapping[str, bool]) -> bool:
    negated, name = _split_guard(guard)
    return bool(facts.get(name, False)) != negated


def _split_guard(guard: str) -> tuple[bool, str]:
    if guard.startswith("not "):
        return True, guard[4:].strip()
    return False, guard.strip()


def _transitions(value: Iterable[Transition]) -> tuple[Transition, ...]:
    return tuple(value)


@attrs.frozen
class ReviewCycle:
    """The state machine of the individual response and its review, as data.

    Checked when built: see the module docstring. Use :func:`default_cycle` for the TIER cycle,
    or build your own from the same pieces.

    Args:
        states: every state, e.g. ``("referred", "assessed", "active", …)``.
        events: the cycle events used (a subset of :data:`CYCLE_EVENTS`).
        transitions: the arrows, in priority order for guarded alternatives.
        start: the state of a newly opened tracker.
        final: the state a placement ends in; it has no way out.
        suspended: states in which the schedule stands still (nothing falls due), e.g. paused.

    Raises:
        InvalidDefinition: listing every unknown state, event or guard, every state not
            reachable from the start, every state from which the final state cannot be
            reached, and every transition that can never be taken.

    >>> cycle = default_cycle()
    >>> cycle.next_state("referred", "assess", {})
    'assessed'
    >>> cycle.allowed_events("referred", {})
    ('assess', 'end', 'pause')
    """

    states: tuple[str, ...] = attrs.field(converter=_strs)
    events: tuple[str, ...] = attrs.field(converter=_strs)
    transitions: tuple[Transition, ...] = attrs.field(converter=_transitions)
    start: str = "referred"
    final: str = "ended"
    suspended: tuple[str, ...] = attrs.field(default=("paused",), converter=_strs)

    def __attrs_post_init__(self) -> None:
        problems = _cycle_problems(self)
        if problems:
            raise InvalidDefinition("review cycle", problems)

    @property
    def guards(self) -> tuple[str, ...]:
        """The guard facts this cycle's transitions use, sorted."""
        return tuple(sorted({_split_guard(g)[1] for t in self.transitions for g in t.guards}))

    def allowed_events(self, state: str, facts: Mapping[str, bool]) -> tuple[str, ...]:
        """The events that would be accepted in ``state`` with these facts, sorted."""
        return tuple(
            sorted({t.event for t in self.transitions if t.source == state and t.holds(facts)})
        )

    def next_state(
        self,
        state: str,
        event: str,
        facts: Mapping[str, bool],
        *,
        previous: str | None = None,
    ) -> str:
        """The state an event leads to from ``state``.

        Args:
            state: the current state.
            event: the cycle event.
            facts: the guard facts (see :data:`GUARDS`) as they would be after the event.
            previous: the state held before ``state`` was entered, for :data:`PREVIOUS`.

        Returns:
            The target state of the first transition whose guards hold.

        Raises:
            TransitionNotAllowed: if no transition from ``state`` takes ``event``; it names
                the state and the events that are allowed there.
        """
        for t in self.transitions:
            if t.source == state and t.event == event and t.holds(facts):
                if t.target == PREVIOUS:
                    return previous if previous is not None else self.start
                return t.target
        raise TransitionNotAllowed(event, state, self.allowed_events(state, facts))

    def allows(self, state: str, event: str, facts: Mapping[str, bool]) -> bool:
        """Whether ``event`` would be accepted in ``state`` with these facts."""
        return any(
            t.source == state and t.event == event and t.holds(facts) for t in self.transitions
        )

    def to_mermaid(self) -> str:
        """The cycle as a Mermaid state diagram, for docs and meeting papers."""
        lines = ["stateDiagram-v2", f"    [*] --> {self.start}"]
        for t in self.transitions:
            if t.source == t.target:
                continue
            target = "previous state" if t.target == PREVIOUS else t.target
            guard = f" [{', '.join(t.guards)}]" if t.guards else ""
            lines.append(f"    {t.source} --> {target.replace(' ', '_')}: {t.event}{guard}")
        lines.append(f"    {self.final} --> [*]")
        return "\n".join(lines)


# ---------------------------------------------------------------------------------------------
# Checking a definition


def _cycle_problems(cycle: ReviewCycle) -> list[str]:
    out = _name_problems(cycle)
    out += _reference_problems(cycle)
    out += _shadow_problems(cycle)
    if not out:
        # Reachability only means something once every name is known.
        out += _reachability_problems(cycle)
    return out


def _name_problems(cycle: ReviewCycle) -> list[str]:
    out = [f"state {s!r} must be a lower-case tag" for s in cycle.states if not _NAME.match(s)]
    out += _duplicates("state", cycle.states)
    out += _duplicates("event", cycle.events)
    out += [
        f"unknown event {e!r}: the tracker fires only {', '.join(CYCLE_EVENTS)}"
        for e in cycle.events
        if e not in CYCLE_EVENTS
    ]
    states = set(cycle.states)
    if cycle.start not in states:
        out.append(f"start state {cycle.start!r} is not a declared state")
    if cycle.final not in states:
        out.append(f"final state {cycle.final!r} is not a declared state")
    out += [
        f"suspended state {s!r} is not a declared state" for s in cycle.suspended if s not in states
    ]
    return out


def _reference_problems(cycle: ReviewCycle) -> list[str]:
    out: list[str] = []
    states, events = set(cycle.states), set(cycle.events)
    used_events: set[str] = set()
    for i, t in enumerate(cycle.transitions):
        where = f"transition {i} ({t.source} --{t.event}--> {t.target})"
        if t.source not in states:
            out.append(f"{where}: unknown state {t.source!r}")
        if t.target != PREVIOUS and t.target not in states:
            out.append(f"{where}: unknown state {t.target!r}")
        if t.event not in events:
            out.append(f"{where}: unknown event {t.event!r}")
        used_events.add(t.event)
        out += [
            f"{where}: unknown guard {g!r}; guards: {', '.join(GUARDS)}"
            for g in t.guards
            if _split_guard(g)[1] not in GUARDS
        ]
        if t.source == cycle.final:
            out.append(f"{where}: the final state {cycle.final!r} must have no way out")
    out += [
        f"event {e!r} is declared but no transition uses it"
        for e in cycle.events
        if e not in used_events
    ]
    return out


def _shadow_problems(cycle: ReviewCycle) -> list[str]:
    out: list[str] = []
    seen: dict[tuple[str, str], list[frozenset[str]]] = {}
    for i, t in enumerate(cycle.transitions):
        earlier = seen.setdefault((t.source, t.event), [])
        guards = frozenset(t.guards)
        # An earlier arrow whose guards are a subset of this one's holds whenever this one does.
        if any(g <= guards for g in earlier):
            out.append(
                f"transition {i} ({t.source} --{t.event}--> {t.target}) is never taken: an "
                "earlier transition on the same event from the same state always wins"
            )
        earlier.append(guards)
    return out


def _reachability_problems(cycle: ReviewCycle) -> list[str]:
    import networkx as nx

    graph = nx.DiGraph()
    graph.add_nodes_from(cycle.states)
    entered_from: dict[str, set[str]] = {}
    for t in cycle.transitions:
        if t.target != PREVIOUS:
            graph.add_edge(t.source, t.target)
            if t.source != t.target:
                entered_from.setdefault(t.target, set()).add(t.source)
    for t in cycle.transitions:
        if t.target == PREVIOUS:
            # Back to wherever the source state can be entered from.
            graph.add_edges_from((t.source, s) for s in entered_from.get(t.source, ()))
    reachable = nx.descendants(graph, cycle.start) | {cycle.start}
    can_end = nx.ancestors(graph, cycle.final) | {cycle.final}
    out = [
        f"state {s!r} is not reachable from the start state {cycle.start!r}"
        for s in cycle.states
        if s not in reachable
    ]
    out += [
        f"the final state {cycle.final!r} is not reachable from state {s!r}"
        for s in cycle.states
        if s not in can_end
    ]
    return out


def _duplicates(kind: str, names: Sequence[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for n in names:
        if n in seen:
            out.append(f"duplicate {kind} {n!r}")
        seen.add(n)
    return out


# ---------------------------------------------------------------------------------------------
# The default TIER cycle

_STATES = (
    "referred",
    "assessed",
    "active",
    "review_due",
    "reviewed",
    "reassessment_due",
    "escalated",
    "paused",
    "ended",
)

# States with a plan in force, where the monthly review work goes on.
_IN_CYCLE = ("active", "review_due", "reviewed", "reassessment_due", "escalated")


def _each(sources: Iterable[str], event: str, target: str | None = None) -> list[Transition]:
    """``event`` from each source state to ``target`` (``None``: each stays where it is)."""
    return [Transition(s, event, s if target is None else target) for s in sources]


def _default_transitions() -> list[Transition]:
    t = Transition
    return [
        t("referred", "assess", "assessed"),
        t("assessed", "assess", "assessed"),
        t("assessed", "adopt_plan", "active"),
        *_each(("active", "review_due", "reviewed", "escalated"), "assess"),
        t("reassessment_due", "assess", "active", ("reassessment_done",)),
        t("reassessment_due", "assess", "reassessment_due"),
        # A plan may be revised between meetings; the review work goes on where it stood.
        *_each(("active", "review_due", "reassessment_due", "escalated"), "adopt_plan"),
        # After a meeting the cycle goes back to waiting for a reassessment still owed.
        t("reviewed", "adopt_plan", "reassessment_due", ("reassessment_outstanding",)),
        t("reviewed", "adopt_plan", "active"),
        t("reviewed", "continue_plan", "reassessment_due", ("reassessment_outstanding",)),
        t("reviewed", "continue_plan", "active"),
        t("active", "review_falls_due", "review_due"),
        *_each(("active", "review_due"), "reassessment_falls_due", "reassessment_due"),
        *_each(
            ("active", "review_due", "reassessment_due", "escalated"), "hold_meeting", "reviewed"
        ),
        *_each(
            ("active", "reviewed", "reassessment_due"), "request_reassessment", "reassessment_due"
        ),
        *_each(("active", "review_due", "reviewed", "reassessment_due"), "escalate", "escalated"),
        t("paused", "resume", PREVIOUS),
        *_each(_IN_CYCLE, "rate_goals"),
        *_each([s for s in _STATES if s not in ("paused", "ended")], "pause", "paused"),
        *_each([s for s in _STATES if s != "ended"], "end", "ended"),
    ]


@functools.cache
def default_cycle() -> ReviewCycle:
    """The TIER review cycle.

    referred → assessed → active (plan adopted) → review_due → reviewed → active …, with
    reassessment_due, escalated (a meeting overdue past its grace period, or a meeting's
    decision), paused (e.g. the child missing or in hospital; ``resume`` returns to the state
    held before) and ended. Built once and shared: a cycle is frozen.
    """
    return ReviewCycle(
        states=_STATES,
        events=CYCLE_EVENTS,
        transitions=_default_transitions(),
    )
