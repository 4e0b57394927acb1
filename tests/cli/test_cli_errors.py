"""Tests of the command line's errors: exit 2, one line naming the file and path, no traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import therapeutic_model
from therapeutic_model.cli import main

EXAMPLES = Path(__file__).parents[2] / "examples"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _assessment(responses: object) -> dict[str, object]:
    return {
        "schema": "therapeutic_model/assessment",
        "schema_version": 1,
        "child_id": "c-1",
        "instrument_id": "sdq-parent",
        "on": "2025-01-06",
        "responses": responses,
    }


def test_missing_file(capsys: pytest.CaptureFixture[str]) -> None:
    """A file that does not exist gives exit 2 and names the file."""
    code, _, err = _run(["score", "nowhere.json", "--age-months", "120"], capsys)
    assert code == 2
    assert err == "therapeutic-model: error: nowhere.json: no such file\n"


def test_malformed_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Malformed JSON names the file and where the syntax broke."""
    f = tmp_path / "bad.json"
    f.write_text('{"schema": ', encoding="utf-8")
    code, _, err = _run(["score", str(f), "--age-months", "120"], capsys)
    assert code == 2
    assert f"{f}: $: not valid JSON (line 1" in err
    assert err.count("\n") == 1


def test_response_off_scale_names_the_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A response off its item's scale names the file and $.responses.<item>."""
    f = tmp_path / "child.json"
    f.write_text(json.dumps(_assessment({"1": 7, "2": 1})), encoding="utf-8")
    code, _, err = _run(["score", str(f), "--age-months", "120"], capsys)
    assert code == 2
    assert err.startswith(f"therapeutic-model: error: {f}: $.responses.1: must be")
    assert err.count("\n") == 1


def test_error_inside_an_array_names_the_element(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a JSON array, the path names the element: $[1].responses.9."""
    f = tmp_path / "many.json"
    docs = [_assessment({"1": 1}), _assessment({"9": "two"})]
    f.write_text(json.dumps(docs), encoding="utf-8")
    code, _, err = _run(["score", str(f), "--age-months", "120"], capsys)
    assert code == 2
    assert f"{f}: $[1].responses.9" in err


def test_unknown_field_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown field in the document is named by its path."""
    f = tmp_path / "child.json"
    f.write_text(json.dumps({**_assessment({}), "name": "x"}), encoding="utf-8")
    code, _, err = _run(["score", str(f), "--age-months", "120"], capsys)
    assert code == 2
    assert f"{f}: $.name: unknown field" in err


def test_values_are_never_echoed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad identifying value is not repeated in the message."""
    f = tmp_path / "child.json"
    doc = {**_assessment({}), "on": "Jane Smith 12/03/2011"}
    f.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = _run(["score", str(f), "--age-months", "120"], capsys)
    assert code == 2
    assert "$.on" in err
    assert "Jane" not in err


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "child_id,age_months,1,2\nc-1,120,1,0\nc-2,130,x,1\n",
            "line 3, column '1': must be a number",
            id="bad-cell",
        ),
        pytest.param(
            "child_id,age_months,1,2\nc-1,120,1,0\nc-2,130,1,5\n",
            "line 3, column '2': must be a whole number from 0 to 2",
            id="off-scale",
        ),
        pytest.param(
            "child_id,age_months,q99\nc-1,120,1\n",
            "line 1, column 'q99': not an item of 'sdq-parent'",
            id="unknown-column",
        ),
    ],
)
def test_csv_error_names_line_and_column(
    text: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad cell, a response off its scale or an unknown column names the line and column."""
    f = tmp_path / "cohort.csv"
    f.write_text(text, encoding="utf-8")
    code, _, err = _run(["score", str(f), "--instrument", "sdq-parent"], capsys)
    assert code == 2
    assert f"{f}: {expected}" in err


def test_unknown_instrument(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown instrument id gives exit 2 and lists the known ones on one line."""
    code, _, err = _run(["instruments", "nope"], capsys)
    assert code == 2
    assert "no instrument 'nope'" in err
    assert err.count("\n") == 1


def test_age_is_required(capsys: pytest.CaptureFixture[str]) -> None:
    """Scoring a document without an age says how to give one."""
    code, _, err = _run(["score", str(EXAMPLES / "child-sdq.json")], capsys)
    assert code == 2
    assert "--age-months or --born" in err


def test_bad_option_value_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed date option is refused by the parser with exit 2."""
    with pytest.raises(SystemExit) as exc:
        main(["demo", "--on", "yesterday"])
    assert exc.value.code == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_no_traceback_from_a_real_process(tmp_path: Path) -> None:
    """Run as a process, a bad file gives exit 2 and no traceback; --debug shows one."""
    f = tmp_path / "bad.json"
    f.write_text("[", encoding="utf-8")
    cmd = [sys.executable, "-m", "therapeutic_model", "score", str(f), "--age-months", "1"]
    env = {**os.environ, "PYTHONPATH": str(Path(therapeutic_model.__file__).parents[1])}
    plain = subprocess.run(cmd, capture_output=True, text=True, check=False, env=env)  # noqa: S603
    assert plain.returncode == 2
    assert "Traceback" not in plain.stderr
    debug = subprocess.run(  # noqa: S603
        [*cmd[:3], "--debug", *cmd[3:]], capture_output=True, text=True, check=False, env=env
    )
    assert "Traceback" in debug.stderr
