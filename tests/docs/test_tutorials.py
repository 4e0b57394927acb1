"""The tutorials' code runs: every script in examples/ and the example plugin package."""

from __future__ import annotations

import runpy
import sys
import tomllib
from pathlib import Path

import pytest

import therapeutic_model as tm

ROOT = Path(__file__).parents[2]
EXAMPLES = ROOT / "examples"
SCRIPTS = sorted(EXAMPLES.glob("*.py"))


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_example_script_runs(script: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each tutorial script runs to the end and prints something."""
    runpy.run_path(str(script), run_name="__main__")
    assert capsys.readouterr().out.strip()


def test_plugin_package_declares_the_entry_point() -> None:
    """The example plugin registers in the therapeutic_model.instruments entry-point group."""
    meta = tomllib.loads((EXAMPLES / "provider_instruments" / "pyproject.toml").read_text("utf-8"))
    points = meta["project"]["entry-points"]["therapeutic_model.instruments"]
    assert points == {"settling-in": "provider_instruments:settling_in"}


def test_plugin_builds_an_instrument(monkeypatch: pytest.MonkeyPatch) -> None:
    """The plugin's entry point returns an instrument the registry takes and scores with."""
    monkeypatch.syspath_prepend(str(EXAMPLES / "provider_instruments" / "src"))
    sys.modules.pop("provider_instruments", None)
    from provider_instruments import settling_in

    registry = tm.InstrumentRegistry.of([settling_in()])
    profile = registry.get("settling-in").score(
        {"sleeps": 3, "eats": 3, "seeks_adult": 2, "joins_in": 2}, age_months=150
    )
    assert profile.scores["total"].band is not None
    assert profile.scores["total"].band.label == "settling"
