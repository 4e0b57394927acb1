"""Reading instruments from TOML and JSON files, and the shipped instrument data."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import therapeutic_model as tm
from therapeutic_model.io import BUILTIN_INSTRUMENTS, ENTRY_POINT_GROUP, builtin_instruments

TOML = textwrap.dedent(
    """
    schema = "therapeutic_model/instrument"
    schema_version = 1
    id = "mood"
    version = "1"
    title = "Mood check"

    [[items]]
    id = "a"
    min = 0
    max = 4

    [[items]]
    id = "b"
    min = 0
    max = 4
    reverse = true

    [[domains]]
    id = "mood"
    items = ["a", "b"]
    """
)


def test_load_toml_file(tmp_path: Path) -> None:
    """A TOML file is read into a checked, scoring InstrumentSpec."""
    path = tmp_path / "mood.toml"
    path.write_text(TOML)
    spec = tm.load_instrument(path)
    assert 5.0 == spec.score({"a": 3, "b": 2}, age_months=100).value("mood")


def test_load_json_file(tmp_path: Path) -> None:
    """A JSON file (as dumps writes it) is read the same way."""
    path = tmp_path / "mood.json"
    path.write_text(tm.dumps(tm.load_instrument(_write(tmp_path, TOML))))
    assert "mood" == tm.load_instrument(str(path)).id


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.toml"
    path.write_text(text)
    return path


def test_missing_file_is_a_validation_error(tmp_path: Path) -> None:
    """A file that cannot be read is refused as input, not with a bare OSError."""
    with pytest.raises(tm.ValidationError, match="cannot read file"):
        tm.load_instrument(tmp_path / "nope.toml")


def test_malformed_file_names_the_path(tmp_path: Path) -> None:
    """A wrongly typed field in a file is named by path."""
    text = TOML.replace("max = 4", 'max = "four"', 1)
    assert text != TOML
    path = _write(tmp_path, text)
    with pytest.raises(tm.ValidationError) as caught:
        tm.load_instrument(path)
    assert ("$.items[0].max",) == caught.value.paths


def test_inconsistent_file_is_an_invalid_definition(tmp_path: Path) -> None:
    """A well-formed file for an inconsistent spec lists every problem."""
    text = TOML.replace('items = ["a", "b"]', 'items = ["a", "c"]')
    with pytest.raises(tm.InvalidDefinition) as caught:
        tm.load_instrument(_write(tmp_path, text))
    assert ("domain 'mood': unknown item 'c'", "item 'b' is in no domain") == (
        caught.value.problems
    )


def test_builtin_instruments_are_the_shipped_files() -> None:
    """Four data files ship; the SDQ splits into three informant variants when registered."""
    assert ("neurosequential", "sdq", "ace", "proqol") == BUILTIN_INSTRUMENTS
    assert BUILTIN_INSTRUMENTS == tuple(s.id for s in builtin_instruments())
    assert ("parent", "teacher", "self") == builtin_instruments()[1].informants


def test_entry_point_group_name() -> None:
    """Plugins are found in the group DESIGN.md names."""
    assert "therapeutic_model.instruments" == ENTRY_POINT_GROUP
