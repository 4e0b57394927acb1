"""Reading instruments: from files, from the shipped data, and from entry-point plugins."""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from therapeutic_model.assessment import Instrument, InstrumentRegistry, InstrumentSpec
from therapeutic_model.assessment._registry import PluginFailure
from therapeutic_model.exceptions import PluginError
from therapeutic_model.io._codec import load_file, loads_toml

if TYPE_CHECKING:
    from importlib import metadata

# importlib.metadata and importlib.resources are imported where used: import stays fast.

__all__ = [
    "BUILTIN_INSTRUMENTS",
    "ENTRY_POINT_GROUP",
    "builtin_instruments",
    "default_registry",
    "load_instrument",
]

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "therapeutic_model.instruments"
BUILTIN_INSTRUMENTS = ("neurosequential", "sdq", "ace", "proqol")


def load_instrument(path: str | Path) -> InstrumentSpec:
    """Read an :class:`InstrumentSpec` from a TOML or JSON file.

    Raises:
        ValidationError: if the file cannot be read or a field is malformed (with its path).
        InvalidDefinition: if the spec is well-formed but inconsistent (every problem listed).
    """
    return load_file(path, InstrumentSpec)


@functools.cache
def _builtin(name: str) -> InstrumentSpec:
    from importlib import resources

    text = resources.files("therapeutic_model.assessment.instruments").joinpath(f"{name}.toml")
    return loads_toml(text.read_text(encoding="utf-8"), InstrumentSpec)


def builtin_instruments() -> tuple[InstrumentSpec, ...]:
    """The shipped instrument specs (before informant variants are split out)."""
    return tuple(_builtin(n) for n in BUILTIN_INSTRUMENTS)


def default_registry(*, strict: bool = False, plugins: bool = True) -> InstrumentRegistry:
    """A new registry with the shipped instruments and any entry-point plugins.

    Each call builds a new registry; changing it changes nothing else.

    Args:
        strict: raise :class:`PluginError` on the first plugin that fails, instead of listing
            it in ``registry.failures``.
        plugins: look for plugins in the ``therapeutic_model.instruments`` entry-point group.

    >>> reg = default_registry(plugins=False)
    >>> reg.ids()
    ('ace', 'neurosequential', 'proqol', 'sdq-parent', 'sdq-self', 'sdq-teacher')
    """
    reg = InstrumentRegistry.of(builtin_instruments())
    if plugins:
        from importlib import metadata

        for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
            _add_plugin(reg, ep, strict=strict)
    return reg


def _add_plugin(reg: InstrumentRegistry, ep: metadata.EntryPoint, *, strict: bool) -> None:
    try:
        reg.register(_instrument_from(ep.load()))
    except Exception as exc:
        reason = f"{type(exc).__name__}: {exc}"
        if strict:
            raise PluginError(ep.name, reason) from exc
        log.warning("instrument plugin %r failed to load: %s", ep.name, reason)
        reg.failures.append(PluginFailure(ep.name, reason))


def _instrument_from(obj: object) -> Instrument:
    if isinstance(obj, Instrument) and not isinstance(obj, type):
        return obj
    if callable(obj):
        made = obj()
        if isinstance(made, Instrument) and not isinstance(made, type):
            return made
    msg = "the entry point names neither an Instrument nor a callable returning one"
    raise TypeError(msg)
