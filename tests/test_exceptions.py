"""Exceptions: one root; each refines a builtin; messages carry data and name paths."""

from __future__ import annotations

import pytest

from therapeutic_model import (
    FieldError,
    InvalidDefinition,
    InvalidValue,
    PluginError,
    TherapeuticModelError,
    TransitionNotAllowed,
    UnknownInstrument,
    ValidationError,
)


@pytest.mark.parametrize(
    ("exc", "builtin"),
    [
        (ValidationError([FieldError("$", "bad")]), ValueError),
        (InvalidValue("x must be 0 to 3"), ValueError),
        (InvalidDefinition("instrument 'x'", ["p"]), ValueError),
        (UnknownInstrument("x", ["a"]), LookupError),
        (PluginError("p", "boom"), ImportError),
        (TransitionNotAllowed("close", "open", ["hold"]), RuntimeError),
    ],
)
def test_every_error_has_one_root_and_a_builtin(exc: Exception, builtin: type) -> None:
    """Callers may catch the library's root or the builtin an error refines."""
    assert isinstance(exc, TherapeuticModelError)
    assert isinstance(exc, builtin)


def test_validation_error_lists_every_field() -> None:
    """All failing fields are kept, with their paths, in order."""
    exc = ValidationError(
        [FieldError("$.responses.7", "must be 0 to 2"), FieldError("$.born", "must be a date")],
        what="Assessment document",
    )
    assert ("$.responses.7", "$.born") == exc.paths
    assert (
        "2 invalid fields in Assessment document:\n"
        "  $.responses.7: must be 0 to 2\n"
        "  $.born: must be a date"
    ) == str(exc)


def test_single_field_error() -> None:
    """One bad field reads in the singular."""
    assert "1 invalid field in input:\n  $: bad" == str(ValidationError.single("$", "bad"))


def test_invalid_definition_lists_every_problem() -> None:
    """Each problem is on its own line after what is invalid."""
    exc = InvalidDefinition("instrument 'x'", ["item 'a' is in no domain", "no bands"])
    assert ("item 'a' is in no domain", "no bands") == exc.problems
    assert "invalid instrument 'x':\n  - item 'a' is in no domain\n  - no bands" == str(exc)


def test_invalid_value_names_its_field() -> None:
    """A record validator's error carries the field name for the document path."""
    exc = InvalidValue("adversity must be 0 to 3", field="adversity")
    assert ("adversity", "adversity must be 0 to 3") == (exc.field, str(exc))


def test_unknown_instrument_names_the_known_ones() -> None:
    """The message says which ids would be accepted, sorted."""
    exc = UnknownInstrument("sdq", ["sdq-self", "ace"])
    assert ("sdq", ("ace", "sdq-self")) == (exc.instrument_id, exc.known)
    assert "no instrument 'sdq'; known instruments: ace, sdq-self" == str(exc)


def test_plugin_error_keeps_the_entry_point_name() -> None:
    """ImportError's own name attribute is the failing entry point's name."""
    exc = PluginError("provider-tool", "RuntimeError: boom")
    assert ("provider-tool", "RuntimeError: boom") == (exc.name, exc.reason)
    assert "plugin 'provider-tool' failed: RuntimeError: boom" == str(exc)


def test_transition_not_allowed_says_what_is_allowed() -> None:
    """The message names the event, the state and the events allowed there."""
    exc = TransitionNotAllowed("close", "open", ["review", "hold"])
    assert "can't 'close' when in 'open'; allowed here: hold, review" == str(exc)


def test_transition_not_allowed_in_a_replay_names_the_event() -> None:
    """Given the path of a replayed event, the message starts with it; the rule stays apart."""
    exc = TransitionNotAllowed("close", "open", ["hold"], path="$.events[7]")
    assert ("$.events[7]", "can't 'close' when in 'open'; allowed here: hold") == (
        exc.path,
        exc.rule,
    )
    assert f"$.events[7]: {exc.rule}" == str(exc)


def test_field_error_reads_as_path_and_message() -> None:
    """A field error prints as ``path: message``."""
    assert "$.items[3].min: must be a number" == str(
        FieldError("$.items[3].min", "must be a number")
    )
