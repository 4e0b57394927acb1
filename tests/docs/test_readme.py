"""The README's commands are the two the project promises, and its tour runs."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

README = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")


def test_the_two_commands_are_there() -> None:
    """The README keeps exactly the main command and the test command."""
    assert "python3 -m pip install . && therapeutic-model demo" in README
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest" in README


def test_the_tour_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python tour in the README runs as written."""
    blocks = re.findall(r"```python\n(.*?)```", README, flags=re.S)
    assert blocks
    monkeypatch.chdir(tmp_path)
    for i, code in enumerate(blocks):
        script = tmp_path / f"readme_{i}.py"
        script.write_text(code, encoding="utf-8")
        runpy.run_path(str(script), run_name="readme")
    assert (tmp_path / "home-report" / "index.html").exists()
