"""The instrument registry: an object the caller makes, holding instruments by id."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import attrs

from therapeutic_model.assessment._spec import Instrument, InstrumentSpec
from therapeutic_model.exceptions import InvalidDefinition, UnknownInstrument

__all__ = ["InstrumentRegistry", "PluginFailure"]


@attrs.frozen
class PluginFailure:
    """A plugin that could not be loaded: its entry-point name and why."""

    name: str
    reason: str


@attrs.define
class InstrumentRegistry:
    """Instruments by id. Make one, or take :func:`therapeutic_model.default_registry`.

    An instrument spec with informants is registered once per informant
    (``sdq`` → ``sdq-parent``, ``sdq-teacher``, ``sdq-self``).

    >>> reg = InstrumentRegistry()
    >>> "sdq-parent" in reg
    False
    """

    _instruments: dict[str, Instrument] = attrs.field(factory=dict, alias="_instruments")
    failures: list[PluginFailure] = attrs.field(factory=list)

    def register(self, instrument: Instrument, *, replace: bool = False) -> None:
        """Add an instrument (each informant variant of a spec with informants).

        Raises:
            InvalidDefinition: if an instrument of that id is held and ``replace`` is false;
                nothing registered is silently overwritten.
        """
        variants = _variants(instrument)
        clashes = [v.id for v in variants if v.id in self._instruments and not replace]
        if clashes:
            raise InvalidDefinition(
                "instrument registry",
                [f"an instrument {i!r} is already registered" for i in clashes],
            )
        for v in variants:
            self._instruments[v.id] = v

    def get(self, instrument_id: str) -> Instrument:
        """The instrument with this id.

        Raises:
            UnknownInstrument: naming the ids that are known.
        """
        try:
            return self._instruments[instrument_id]
        except KeyError:
            raise UnknownInstrument(instrument_id, self._instruments) from None

    def ids(self) -> tuple[str, ...]:
        """Every registered id, sorted."""
        return tuple(sorted(self._instruments))

    def __contains__(self, instrument_id: object) -> bool:
        return instrument_id in self._instruments

    def __iter__(self) -> Iterator[Instrument]:
        return iter(self._instruments[i] for i in self.ids())

    def __len__(self) -> int:
        return len(self._instruments)

    @classmethod
    def of(cls, instruments: Iterable[Instrument]) -> InstrumentRegistry:
        """A registry holding the given instruments."""
        reg = cls()
        for inst in instruments:
            reg.register(inst)
        return reg


def _variants(instrument: Instrument) -> list[Instrument]:
    if isinstance(instrument, InstrumentSpec) and instrument.informants:
        return [instrument.for_informant(i) for i in instrument.informants]
    return [instrument]
