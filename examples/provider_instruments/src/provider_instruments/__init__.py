"""A provider's instruments, offered to therapeutic_model through an entry point."""

from __future__ import annotations

from importlib import resources

from therapeutic_model import InstrumentSpec
from therapeutic_model.io import loads_toml

__all__ = ["settling_in"]


def settling_in() -> InstrumentSpec:
    """The settling-in check, read from the TOML shipped in this package."""
    text = resources.files(__package__).joinpath("settling_in.toml").read_text(encoding="utf-8")
    return loads_toml(text, InstrumentSpec)
