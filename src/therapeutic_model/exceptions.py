"""The exceptions of therapeutic_model: one root, and a subclass for each way things go wrong.

Every exception the library raises on purpose is a :class:`TherapeuticModelError`. Where an error
refines a builtin (a bad value is a ``ValueError``, a missing name a ``LookupError``) it inherits
that builtin too, so callers may catch either.

Messages never echo a child's identifying or free-text values: they name *paths* and *rules*,
and state what would have been accepted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

__all__ = [
    "FieldError",
    "InvalidDefinition",
    "InvalidValue",
    "PluginError",
    "TherapeuticModelError",
    "TransitionNotAllowed",
    "UnknownInstrument",
    "ValidationError",
]


class TherapeuticModelError(Exception):
    """Root of every error raised on purpose by therapeutic_model."""


@attrs.frozen
class FieldError:
    """One bad field in outside input.

    Args:
        path: where the field is, JSONPath-style (``$.responses.7``).
        message: what is wrong and what would be accepted; never the offending personal value.
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class ValidationError(TherapeuticModelError, ValueError):
    """Raised when input from outside the library is malformed.

    Carries every failing field, not only the first, in :attr:`errors`; :attr:`paths` lists
    their paths. The message names paths and the rule broken, never the personal values.
    """

    def __init__(self, errors: Iterable[FieldError], *, what: str = "input") -> None:
        self.errors: tuple[FieldError, ...] = tuple(errors)
        self.what = what
        lines = "\n".join(f"  {e}" for e in self.errors)
        n = len(self.errors)
        super().__init__(f"{n} invalid field{'s' if n != 1 else ''} in {what}:\n{lines}")

    @property
    def paths(self) -> tuple[str, ...]:
        """The path of every failing field, in the order found."""
        return tuple(e.path for e in self.errors)

    @classmethod
    def single(cls, path: str, message: str, *, what: str = "input") -> ValidationError:
        """Build the error for one bad field."""
        return cls([FieldError(path, message)], what=what)


class InvalidValue(TherapeuticModelError, ValueError):
    """Raised by a record's own validators when a field breaks a rule of the domain.

    The message states the rule (``"must be 0 to 3"``), never the value given, so it is safe to
    show when the record came from outside. :attr:`field` names the field, so that a document
    reader can report the path (``$.id``) rather than the whole record.

    >>> str(InvalidValue("id must be an opaque id", field="id"))
    'id must be an opaque id'
    """

    def __init__(self, message: str, *, field: str | None = None) -> None:
        self.field = field
        super().__init__(message)


class InvalidDefinition(TherapeuticModelError, ValueError):
    """Raised when a definition (instrument, rule set, review cycle, model) is inconsistent.

    Definitions are checked when they are built; :attr:`problems` lists every problem found,
    each naming the offending id, so that one run shows everything to fix.
    """

    def __init__(self, what: str, problems: Sequence[str]) -> None:
        self.what = what
        self.problems: tuple[str, ...] = tuple(problems)
        listing = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"invalid {what}:\n{listing}")


class UnknownInstrument(TherapeuticModelError, LookupError):
    """Raised when a registry is asked for an instrument id it does not hold."""

    def __init__(self, instrument_id: str, known: Iterable[str]) -> None:
        self.instrument_id = instrument_id
        self.known: tuple[str, ...] = tuple(sorted(known))
        super().__init__(
            f"no instrument {instrument_id!r}; known instruments: {', '.join(self.known) or 'none'}"
        )


class PluginError(TherapeuticModelError, ImportError):
    """Raised in strict mode when an entry-point plugin fails to load or build.

    :attr:`name` is the entry point's name; :attr:`reason` says what went wrong.
    """

    def __init__(self, name: str, reason: str) -> None:
        # ImportError.__init__ sets .name itself (to None unless given): pass it through
        super().__init__(f"plugin {name!r} failed: {reason}", name=name)
        self.reason = reason


class TransitionNotAllowed(TherapeuticModelError, RuntimeError):
    """Raised when a review-cycle event is not allowed in the current state.

    :attr:`rule` says what was refused and what is allowed. When the event was one of a list
    being replayed (a stored tracker's events), :attr:`path` names it (``$.events[7]``), the
    message starts with that path, and a document reader reports the error at that path.

    >>> str(TransitionNotAllowed("hold_meeting", "referred", ["assess"], path="$.events[7]"))
    "$.events[7]: can't 'hold_meeting' when in 'referred'; allowed here: assess"
    """

    def __init__(
        self, event: str, state: str, allowed: Iterable[str], *, path: str | None = None
    ) -> None:
        self.event = event
        self.state = state
        self.allowed: tuple[str, ...] = tuple(sorted(allowed))
        self.path = path
        self.rule = (
            f"can't {event!r} when in {state!r}; allowed here: {', '.join(self.allowed) or 'none'}"
        )
        super().__init__(self.rule if path is None else f"{path}: {self.rule}")
