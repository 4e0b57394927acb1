"""What suggesting gives: explained suggestions, ordered bottom-up into phases.

The library suggests; people decide. A :class:`Suggestion` carries everything a person needs
to judge it: the rules that fired, the conditions that held with the child's values, and, when
the intervention should wait or may be unsafe, why (a *deferral* naming the lower-level domain
in the worst band, or the personal trigger its exposures meet).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal, overload

import attrs

from therapeutic_model.response._catalogue import Intervention, Stage
from therapeutic_model.response._conditions import HeldCondition

__all__ = ["Deferral", "Phase", "Suggestion", "SuggestionStatus", "Suggestions"]

SuggestionStatus = Literal["suggested", "deferred", "withheld"]
"""``suggested``: may start now; ``deferred``: waits for a lower level; ``withheld``: meets a
personal trigger and needs a person's decision with a risk assessment."""


@attrs.frozen
class Deferral:
    """Why a suggestion waits: a lower-level domain is in the worst band.

    Args:
        instrument: the instrument that sequences (``"neurosequential"``).
        domain: the domain in the worst band (``"self_regulation"``).
        stage: that domain's stage (``"regulate"``).
        rank: its band rank (the worst rank).
        label: the band's label (``"red"``).
    """

    instrument: str
    domain: str
    stage: Stage
    rank: int
    label: str = ""

    def describe(self) -> str:
        """A readable reason, e.g. ``self_regulation is red (regulate first)``."""
        band = self.label or f"rank {self.rank}"
        return f"{self.domain} is {band} ({self.stage} first)"


def _evidence(value: Iterable[HeldCondition]) -> tuple[HeldCondition, ...]:
    return tuple(value)


def _deferrals(value: Iterable[Deferral]) -> tuple[Deferral, ...]:
    return tuple(value)


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen
class Suggestion:
    """An intervention proposed for a child, with the rules, facts and values that fired it.

    Args:
        intervention: the intervention from the catalogue.
        rules: the ids of every rule that fired and proposed it.
        rationale: those rules' rationales, in the same order.
        evidence: the conditions that held, each with the child's value, merged across rules.
        priority: the highest priority among those rules.
        phase: the phase of the bottom-up sequence (1 = first).
        withheld_for: the child's trigger tags that the intervention's exposures meet.
        deferred_because: the lower-level domains in the worst band that it waits for.
    """

    intervention: Intervention
    rules: tuple[str, ...] = attrs.field(converter=_strs)
    rationale: tuple[str, ...] = attrs.field(converter=_strs)
    evidence: tuple[HeldCondition, ...] = attrs.field(converter=_evidence)
    priority: int
    phase: int
    withheld_for: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    deferred_because: tuple[Deferral, ...] = attrs.field(default=(), converter=_deferrals)

    @property
    def status(self) -> SuggestionStatus:
        """Withheld (a trigger is met) before deferred (a lower level first) before suggested."""
        if self.withheld_for:
            return "withheld"
        if self.deferred_because:
            return "deferred"
        return "suggested"

    @property
    def stage(self) -> Stage:
        """The stage the intervention works at."""
        return self.intervention.level

    def describe(self) -> str:
        """A few readable lines: what, why, and any reason to wait or withhold."""
        iv = self.intervention
        lines = [f"{iv.name} [{iv.id}; {iv.kind}; {iv.level}] — {self.status}"]
        if self.withheld_for:
            tags = ", ".join(self.withheld_for)
            lines.append(f"  withheld: touches trigger(s) {tags}; decide with the risk assessment")
        lines += [f"  deferred: {d.describe()}" for d in self.deferred_because]
        lines += [f"  because {e.describe()}" for e in self.evidence]
        lines.append(f"  rules: {', '.join(self.rules)}")
        return "\n".join(lines)


@attrs.frozen
class Phase:
    """One phase of the bottom-up sequence: its stages and its suggestions.

    Args:
        number: 1 for the first phase.
        stages: the stages in it (one, unless a provider's sequencing runs stages side by side).
        suggestions: the suggestions in it, in order.
    """

    number: int
    stages: tuple[Stage, ...]
    suggestions: tuple[Suggestion, ...]


def _suggestions(value: Iterable[Suggestion]) -> tuple[Suggestion, ...]:
    return tuple(value)


@attrs.frozen
class Suggestions:
    """A child's suggestions, ordered by phase (regulate → relate → reason), then priority.

    Behaves as a read-only sequence of :class:`Suggestion`.

    Args:
        items: the suggestions in order.
        triggers: the child's trigger tags that were taken into account.
    """

    items: tuple[Suggestion, ...] = attrs.field(converter=_suggestions)
    triggers: tuple[str, ...] = attrs.field(default=(), converter=_strs)

    def __iter__(self) -> Iterator[Suggestion]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @overload
    def __getitem__(self, index: int) -> Suggestion: ...

    @overload
    def __getitem__(self, index: slice) -> tuple[Suggestion, ...]: ...

    def __getitem__(self, index: int | slice) -> Suggestion | tuple[Suggestion, ...]:
        return self.items[index]

    def ids(self) -> tuple[str, ...]:
        """The intervention ids, in order."""
        return tuple(s.intervention.id for s in self.items)

    def with_status(self, status: SuggestionStatus) -> tuple[Suggestion, ...]:
        """The suggestions with one status, in order."""
        return tuple(s for s in self.items if s.status == status)

    def phases(self) -> tuple[Phase, ...]:
        """The suggestions grouped into their phases, lowest first (empty phases left out)."""
        out: list[Phase] = []
        for s in self.items:
            if not out or out[-1].number != s.phase:
                out.append(Phase(s.phase, (), ()))
            last = out[-1]
            stages = last.stages if s.stage in last.stages else (*last.stages, s.stage)
            out[-1] = Phase(last.number, stages, (*last.suggestions, s))
        return tuple(out)

    def describe(self) -> str:
        """The suggestions as readable text, phase by phase."""
        lines: list[str] = []
        for phase in self.phases():
            lines.append(f"Phase {phase.number}: {' and '.join(phase.stages)}")
            lines += ["  " + s.describe().replace("\n", "\n  ") for s in phase.suggestions]
        return "\n".join(lines) if lines else "no suggestions"
