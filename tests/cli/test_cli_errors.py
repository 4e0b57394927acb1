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
            "$[1].1: must be a number, or empty if not answered (line 3)",
            id="bad-cell",
        ),
        pytest.param(
            "child_id,age_months,1,2\nc-1,120,1,0\nc-2,130,1,5\n",
            "$[1].2: must be a whole number from 0 to 2 (line 3)",
            id="off-scale",
        ),
        pytest.param(
            "child_id,age_months,1,q99\nc-1,120,1,1\n",
            "$.header[3]: column 'q99' is not an item of 'sdq-parent'",
            id="unknown-column",
        ),
        pytest.param(
            "child_id,age_months,1,2,3,3\nc-1,120,1,0,2,0\n",
            "$.header[5]: column '3' is there twice (first at $.header[4])",
            id="duplicate-column",
        ),
        pytest.param(
            "child_id,age_months,1,2\nc-1,120,1,0,2\n",
            "$[0]: has 5 cells, the header 4 (line 2)",
            id="extra-cell",
        ),
        pytest.param(
            "child_id,age_months,1,2\nc-1,120,1\n",
            "$[0]: has 3 cells, the header 4 (line 2)",
            id="missing-cell",
        ),
        pytest.param(
            "child_id,born,on,1\nc-1,2026-01-01,2025-01-06,1\n",
            "$[0].born: must not be after on (line 2)",
            id="born-after-on",
        ),
        pytest.param(
            "child_id,1,2\nc-1,1,0\n",
            "$.header: no age: give an age_months column, or born and on columns, or --age-months",
            id="no-age-column",
        ),
    ],
)
def test_csv_error_names_row_and_column(
    text: str, expected: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bad cell, header or row is named as $[row].column (or $.header[k]) with its line."""
    f = tmp_path / "cohort.csv"
    f.write_text(text, encoding="utf-8")
    code, _, err = _run(["score", str(f), "--instrument", "sdq-parent"], capsys)
    assert code == 2
    assert f"therapeutic-model: error: {f}: {expected}\n" == err


def test_csv_every_bad_cell_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Every bad cell is named in file order, unparsable and off-scale alike, on one line."""
    f = tmp_path / "cohort.csv"
    f.write_text("child_id,age_months,1,2\nc-1,120,x,0\nc-2,130,1,7\nc-3,x,1,1\n", "utf-8")
    code, _, err = _run(["score", str(f), "--instrument", "sdq-parent"], capsys)
    assert code == 2
    assert err.count("\n") == 1
    first, *rest = err.split("; ")
    assert first.endswith(f"{f}: $[0].1: must be a number, or empty if not answered (line 2)")
    assert [r.split(":")[0] for r in rest] == ["$[1].2", "$[2].age_months"]


def test_csv_bad_cells_past_the_cap_are_counted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Past the first five, bad cells are counted: "and N more"."""
    f = tmp_path / "cohort.csv"
    f.write_text("child_id,age_months,1\n" + "c,120,x\n" * 12, "utf-8")
    code, _, err = _run(["score", str(f), "--instrument", "sdq-parent"], capsys)
    assert code == 2
    assert err.count("$[") == 5
    assert err.endswith("; and 7 more\n")


def test_csv_a_name_as_child_id_is_refused_without_echo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A child_id cell that is not an opaque id is refused at $[row].child_id, not echoed."""
    f = tmp_path / "cohort.csv"
    f.write_text("child_id,age_months,1\nc-1,120,1\nJane Smith,120,1\n", "utf-8")
    code, _, err = _run(["score", str(f), "--instrument", "sdq-parent"], capsys)
    assert code == 2
    assert f"{f}: $[1].child_id: must be an opaque id" in err
    assert "Jane" not in err
    assert err.count("\n") == 1


def test_json_a_name_as_child_id_is_refused_without_echo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An Assessment whose child_id is a name gives exit 2 at $.child_id, not echoing it."""
    f = tmp_path / "child.json"
    f.write_text(json.dumps({**_assessment({"1": 1}), "child_id": "Jane Smith"}), "utf-8")
    code, _, err = _run(["score", str(f), "--age-months", "120"], capsys)
    assert code == 2
    assert f"{f}: $.child_id: child_id must be 1-64 letters" in err
    assert "Jane" not in err
    assert err.count("\n") == 1


@pytest.mark.parametrize("command", ["score", "suggest"])
def test_unknown_instrument_in_a_document_names_file_and_path(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An Assessment naming an unknown instrument gives exit 2 at $.instrument_id."""
    f = tmp_path / "child.json"
    f.write_text(json.dumps({**_assessment({"1": 1}), "instrument_id": "nope"}), "utf-8")
    code, _, err = _run([command, str(f), "--age-months", "120"], capsys)
    assert code == 2
    assert err.startswith(f"therapeutic-model: error: {f}: $.instrument_id: not a known instrument")
    assert "sdq-parent" in err
    assert err.count("\n") == 1


def test_unknown_instrument_option_names_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown --instrument is named as the option, with the known instruments."""
    f = str(EXAMPLES / "cohort-sdq.csv")
    code, _, err = _run(["score", f, "--instrument", "nope"], capsys)
    assert code == 2
    assert err.startswith("therapeutic-model: error: --instrument: no instrument 'nope'; known")


def test_bad_trigger_names_the_option(capsys: pytest.CaptureFixture[str]) -> None:
    """A --trigger that is not a tag names the option and which one, without echoing it."""
    f = str(EXAMPLES / "child-sdq.json")
    argv = ["suggest", f, "--age-months", "130", "--trigger", "water", "--trigger", "Jane Smith"]
    code, _, err = _run(argv, capsys)
    assert code == 2
    assert err.startswith("therapeutic-model: error: --trigger: must be a lower-case tag")
    assert "2nd" in err
    assert "Jane" not in err


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["score", "x.json", "--age-months", "nan"], "--age-months"),
        (["score", "x.json", "--age-months", "-3"], "--age-months"),
        (["simulate", "--children", "0"], "--children"),
        (["simulate", "--months", "241"], "--months"),
        (["simulate", "--effect", "11"], "--effect"),
    ],
)
def test_bad_number_option_names_the_option(
    argv: list[str], option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """An option's number out of range is refused by the parser, naming the option."""
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert f"argument {option}: must be" in capsys.readouterr().err


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
