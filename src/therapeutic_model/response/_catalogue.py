"""Interventions and the catalogue of them a provider offers.

An :class:`Intervention` is one thing the home can do for a child: a kind of response (the seed
article's menu: care plan, trauma-informed risk assessment, boundaries and key working,
enrichment and daily therapeutic caregiving, sourced education and psychotherapy), the
domains it serves, the neurosequential stage it works at (regulate, relate or reason), and the
trigger tags it may touch (its *exposures*), so that it can be withheld for a child with that
trigger.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Literal, get_args

import attrs

from therapeutic_model.exceptions import InvalidDefinition, InvalidValue
from therapeutic_model.response._plan import Frequency

__all__ = [
    "INTERVENTION_KINDS",
    "STAGES",
    "Catalogue",
    "Intervention",
    "InterventionKind",
    "Stage",
    "split_domain",
]

InterventionKind = Literal[
    "care_plan",
    "risk_assessment",
    "boundaries",
    "key_working",
    "enrichment",
    "therapeutic_caregiving",
    "education",
    "psychotherapy",
]
"""The kinds of response, after the seed article's list for an individual response."""

INTERVENTION_KINDS: tuple[InterventionKind, ...] = get_args(InterventionKind)

Stage = Literal["regulate", "relate", "reason"]
"""The neurosequential stage an intervention works at, bottom-up (Perry's regulate → relate →
reason)."""

STAGES: tuple[Stage, ...] = get_args(Stage)

_ID = re.compile(r"^[a-z0-9][a-z0-9_.-]{0,63}$")
_TAG = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_DOMAIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9_.-]*:)?[A-Za-z0-9][A-Za-z0-9_.-]*$")


def split_domain(ref: str) -> tuple[str | None, str]:
    """Split a domain reference into (instrument id or ``None``, domain id).

    A reference is instrument-qualified (``"neurosequential:self_regulation"``) or plain
    (``"self_regulation"``, matching that domain on any instrument).

    >>> split_domain("neurosequential:self_regulation")
    ('neurosequential', 'self_regulation')
    >>> split_domain("peer")
    (None, 'peer')
    """
    instrument, sep, domain = ref.rpartition(":")
    return (instrument if sep else None), domain


def _id(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and _ID.match(value)):
        msg = f"{attribute.name} must be 1-64 lower-case letters, digits or _ . - starting with one"
        raise InvalidValue(msg, field=attribute.name)


def _text(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not (isinstance(value, str) and value.strip()):
        msg = f"{attribute.name} must be a non-empty text"
        raise InvalidValue(msg, field=attribute.name)


def _tags(_: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]) -> None:
    if not all(isinstance(t, str) and _TAG.match(t) for t in value):
        msg = f"{attribute.name} must be lower-case tags (letters, digits, _), e.g. 'water'"
        raise InvalidValue(msg, field=attribute.name)


def _domains(
    _: object, attribute: attrs.Attribute[tuple[str, ...]], value: tuple[str, ...]
) -> None:
    if not all(isinstance(d, str) and _DOMAIN.match(d) for d in value):
        msg = f"{attribute.name} must be domain ids, plain or 'instrument:domain'"
        raise InvalidValue(msg, field=attribute.name)


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(cache_hash=True)
class Intervention:
    """One thing the home can do: kind, domains served, stage, exposures, frequency, evidence.

    Args:
        id: the catalogue id (``"rhythmic_walk"``).
        name: a short readable name.
        kind: one of :data:`INTERVENTION_KINDS`.
        level: the stage it works at: ``"regulate"``, ``"relate"`` or ``"reason"``.
        domains: domain references it serves, plain (``"self_regulation"``) or
            instrument-qualified (``"sdq-parent:peer"``).
        exposures: trigger tags it may touch (``"water"``, ``"physical_touch"``,
            ``"raised_voices"``, ``"night_time"`` …); a child with one of these triggers gets
            the intervention back *withheld*, never silently dropped.
        frequency: a hint of how often it is usually offered.
        evidence: a short note on the evidence or rationale behind it.
        description: what is done, in a sentence or two.
    """

    id: str = attrs.field(validator=_id)
    name: str = attrs.field(validator=_text)
    kind: InterventionKind = attrs.field(validator=attrs.validators.in_(INTERVENTION_KINDS))
    level: Stage = attrs.field(validator=attrs.validators.in_(STAGES))
    domains: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=_domains)
    exposures: tuple[str, ...] = attrs.field(default=(), converter=_strs, validator=_tags)
    frequency: Frequency | None = None
    evidence: str = ""
    description: str = ""

    def serves(self, instrument_id: str, domain_id: str) -> bool:
        """Whether it serves a domain of an instrument (plain references match any instrument)."""
        for ref in self.domains:
            inst, dom = split_domain(ref)
            if dom == domain_id and inst in (None, instrument_id):
                return True
        return False


def _interventions(value: Iterable[Intervention]) -> tuple[Intervention, ...]:
    return tuple(value)


@attrs.frozen
class Catalogue:
    """The interventions a provider offers, by id.

    Checked when built: duplicate ids raise
    :class:`~therapeutic_model.exceptions.InvalidDefinition` naming every one.

    Args:
        interventions: every intervention.
        title: a readable name.
        version: the catalogue's version.
        source: where the wording comes from.
        notes: anything users must know.
    """

    interventions: tuple[Intervention, ...] = attrs.field(converter=_interventions)
    title: str = ""
    version: str = ""
    source: str = ""
    notes: str = ""
    _by_id: dict[str, Intervention] = attrs.field(init=False, repr=False, eq=False, alias="_by_id")

    def __attrs_post_init__(self) -> None:
        by_id: dict[str, Intervention] = {}
        problems = []
        for i, iv in enumerate(self.interventions):
            if iv.id in by_id:
                problems.append(f"$.interventions[{i}].id: duplicate intervention id {iv.id!r}")
            by_id.setdefault(iv.id, iv)
        if problems:
            raise InvalidDefinition("catalogue", problems)
        object.__setattr__(self, "_by_id", by_id)

    def __contains__(self, intervention_id: object) -> bool:
        return intervention_id in self._by_id

    def __iter__(self) -> Iterator[Intervention]:
        return iter(self.interventions)

    def __len__(self) -> int:
        return len(self.interventions)

    def get(self, intervention_id: str) -> Intervention:
        """The intervention with an id.

        Raises:
            KeyError: if the catalogue has no such intervention.
        """
        return self._by_id[intervention_id]

    def ids(self) -> tuple[str, ...]:
        """Every intervention id, in catalogue order."""
        return tuple(self._by_id)

    def of_kind(self, kind: InterventionKind) -> tuple[Intervention, ...]:
        """The interventions of one kind."""
        return tuple(iv for iv in self.interventions if iv.kind == kind)

    def at_level(self, level: Stage) -> tuple[Intervention, ...]:
        """The interventions working at one stage."""
        return tuple(iv for iv in self.interventions if iv.level == level)

    def exposure_tags(self) -> tuple[str, ...]:
        """Every trigger tag some intervention may touch, sorted."""
        return tuple(sorted({t for iv in self.interventions for t in iv.exposures}))
