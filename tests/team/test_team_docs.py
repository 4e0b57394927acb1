"""The Python examples in docs/concepts/team.md and docs/concepts/model.md run as written."""

from __future__ import annotations

import re
import runpy
from pathlib import Path

import pytest

DOCS = Path(__file__).resolve().parents[2] / "docs" / "concepts"
BLOCKS = [
    (name, code)
    for name in ("team.md", "model.md")
    if (DOCS / name).exists()
    for code in re.findall(
        r"```python\n(.*?)```", (DOCS / name).read_text(encoding="utf-8"), flags=re.DOTALL
    )
]


@pytest.mark.parametrize(
    ("name", "code"), BLOCKS, ids=[f"{n}-block{i}" for i, (n, _) in enumerate(BLOCKS)]
)
def test_doc_example_runs(name: str, code: str, tmp_path: Path) -> None:
    """Each example block runs as a script without error (its own asserts check the results)."""
    script = tmp_path / "example.py"
    script.write_text(code, encoding="utf-8")
    runpy.run_path(str(script), run_name=f"{name}_doc")
