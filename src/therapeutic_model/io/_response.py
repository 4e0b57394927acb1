"""Reading catalogues and rule sets: from files, and from the shipped data.

Rules are data. A rules file is a TOML (or JSON) document with ``schema =
"therapeutic_model/rules"``; each rule's ``when`` is a condition table keyed by ``kind``,
structured by the one converter through cattrs' tagged-union strategy. Nothing in a file is
evaluated as code.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from therapeutic_model.assessment import Instrument
from therapeutic_model.exceptions import InvalidValue, ValidationError
from therapeutic_model.io._codec import configure, load_file, loads_toml
from therapeutic_model.io._instruments import default_registry
from therapeutic_model.response import CONDITION_KINDS, Catalogue, Condition, RuleSet, RuleSetSpec
from therapeutic_model.response._conditions import FactValue, Leaf

if TYPE_CHECKING:
    import cattrs

__all__ = [
    "default_catalogue",
    "default_rules",
    "load_catalogue",
    "load_rules",
    "read_rules_spec",
]

_KIND_OF = {cls: kind for kind, cls in CONDITION_KINDS.items()}


class _UnknownKind:
    """Stands for a condition table whose ``kind`` is missing or not a known kind."""


def _unknown_kind(_: object, __: type) -> object:
    msg = f"a condition must be a table with a 'kind', one of: {', '.join(CONDITION_KINDS)}"
    raise InvalidValue(msg)


def _fact_value(value: object, _: type) -> FactValue:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError("value")


@configure
def _configure_response(c: cattrs.Converter) -> None:
    """Conditions as a tagged union keyed by ``kind``; explanation values as plain JSON values."""
    from cattrs.strategies import configure_tagged_union  # cattrs loads on first use

    c.register_structure_hook(_UnknownKind, _unknown_kind)
    for union in (Condition, Leaf):
        configure_tagged_union(
            union, c, tag_name="kind", tag_generator=_KIND_OF.__getitem__, default=_UnknownKind
        )
    c.register_structure_hook(FactValue, _fact_value)


def load_catalogue(path: str | Path) -> Catalogue:
    """Read a :class:`Catalogue` from a TOML or JSON file.

    The document has ``schema = "therapeutic_model/catalogue"`` and ``schema_version = 1``.

    Raises:
        ValidationError: if the file cannot be read or a field is malformed (with its path).
        InvalidDefinition: if two interventions share an id (every one listed).
    """
    return load_file(path, Catalogue)


def read_rules_spec(path: str | Path) -> RuleSetSpec:
    """Read a rules file as a :class:`RuleSetSpec`, not yet bound to a catalogue.

    Raises:
        ValidationError: naming the path inside the file of every unknown key, wrong type or
            unknown condition kind (``$.rules[2].when.conditions[0].at_least``).
    """
    return load_file(path, RuleSetSpec)


def load_rules(
    path: str | Path,
    *,
    catalogue: Catalogue | None = None,
    instruments: Iterable[Instrument] | None = None,
    check_instruments: bool = True,
) -> RuleSet:
    """Read a rules file and bind it to a catalogue, checking it.

    A rule set is checked when it is built: every intervention id against the catalogue, and
    every instrument, domain and level id against instruments.

    Args:
        path: a TOML or JSON rules file (``schema = "therapeutic_model/rules"``).
        catalogue: the interventions the rules may suggest (by default the shipped catalogue).
        instruments: a registry or list of the instruments the rules may name. By default the
            shipped instruments (``tm.default_registry(plugins=False)``); pass
            ``tm.default_registry()`` to allow the instruments of installed plugins too, or
            the provider's own registry.
        check_instruments: ``False`` leaves instrument, domain and level ids unchecked (for
            rules written before their instrument is registered); ``instruments`` must then
            be left out.

    Raises:
        ValidationError: naming the path of every malformed field inside the file, or if
            ``instruments`` is given with ``check_instruments=False``.
        InvalidDefinition: listing every unknown intervention, duplicate rule id and unknown
            instrument, domain or level, each with its path.
    """
    if not check_instruments and instruments is not None:
        msg = "instruments are given, so they are checked: leave out one or the other"
        raise ValidationError.single("$.check_instruments", msg, what="load_rules options")
    spec = read_rules_spec(path)
    if check_instruments and instruments is None:
        instruments = default_registry(plugins=False)
    return spec.build(catalogue or default_catalogue(), instruments=instruments)


def _data(name: str) -> str:
    return resources.files("therapeutic_model.response").joinpath("data", name).read_text("utf-8")


@functools.cache
def default_catalogue() -> Catalogue:
    """The shipped catalogue: original wording, every kind of response at every stage.

    >>> len(default_catalogue()) >= 40
    True
    """
    return loads_toml(_data("catalogue.toml"), Catalogue)


@functools.cache
def default_rules() -> RuleSet:
    """The shipped rule set over :func:`default_catalogue`, checked against shipped instruments.

    Illustrative: written for the open ``neurosequential`` instrument (whose norms are
    illustrative), the parent/carer SDQ, developmental history, triggers and team status.

    >>> rules = default_rules()
    >>> len(rules.rules) >= 30
    True
    """
    spec = loads_toml(_data("rules.toml"), RuleSetSpec)
    return spec.build(default_catalogue(), instruments=default_registry(plugins=False))
