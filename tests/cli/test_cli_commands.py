"""Tests of the command line's commands on good input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

import therapeutic_model as tm
from therapeutic_model.cli import main

EXAMPLES = Path(__file__).parents[2] / "examples"
COMMANDS = (
    "demo",
    "score",
    "suggest",
    "review",
    "team-check",
    "report",
    "check-model",
    "instruments",
    "simulate",
)


@pytest.mark.parametrize("command", COMMANDS)
def test_help_has_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    """Every command's --help ends with an example."""
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert "example:\n  therapeutic-model " + command in capsys.readouterr().out


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """Without a command the help goes to stderr with exit 2."""
    assert main([]) == 2
    assert "commands" in capsys.readouterr().err


def test_demo_runs_the_four_elements_and_writes_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo prints each element and says where it wrote the evidence report."""
    out_dir = tmp_path / "demo"
    assert main(["demo", "--on", "2026-01-06", "--out", str(out_dir)]) == 0
    out = capsys.readouterr().out
    assert "SYNTHETIC" in out
    for words in ("brainstem", "functional age", "Total difficulties", "reliable change"):
        assert words in out
    assert "Team check" in out
    assert f"Evidence report: {(out_dir / 'index.html').resolve()}" in out
    assert len(list(out_dir.glob("child-*.html"))) == 8


def test_score_json_round_trips_a_profile(capsys: pytest.CaptureFixture[str]) -> None:
    """Scoring an Assessment document writes a Profile document that loads back."""
    assert main(["score", str(EXAMPLES / "child-sdq.json"), "--age-months", "136"]) == 0
    profile = tm.loads(capsys.readouterr().out, tm.Profile)
    assert profile.instrument_id == "sdq-parent"
    assert profile.scores["total_difficulties"].value is not None


def test_score_born_gives_the_age(capsys: pytest.CaptureFixture[str]) -> None:
    """--born computes the age in months on the assessment's date."""
    main(["score", str(EXAMPLES / "child-sdq.json"), "--born", "2013-09-06"])
    assert json.loads(capsys.readouterr().out)["age_months"] == 136.0


def test_score_csv_to_csv(capsys: pytest.CaptureFixture[str]) -> None:
    """A cohort CSV is scored into one CSV row per child with bands."""
    f = EXAMPLES / "cohort-sdq.csv"
    assert main(["score", str(f), "--instrument", "sdq-parent"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [r["child_id"] for r in rows] == [f"c-00{i}" for i in range(1, 7)]
    assert all(r["total_difficulties_band"] for r in rows)


def test_score_csv_to_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--to json writes a list of Profile documents."""
    f = EXAMPLES / "cohort-sdq.csv"
    main(["score", str(f), "--instrument", "sdq-parent", "--to", "json"])
    docs = json.loads(capsys.readouterr().out)
    assert len(docs) == 6
    assert {d["schema"] for d in docs} == {"therapeutic_model/profile"}


def test_score_to_output_file(tmp_path: Path) -> None:
    """--output writes the result to a file."""
    out = tmp_path / "profile.json"
    code = main(
        [
            "score",
            str(EXAMPLES / "child-neurosequential.json"),
            "--age-months",
            "136",
            "-o",
            str(out),
        ]
    )
    assert code == 0
    assert tm.loads(out.read_text(encoding="utf-8"), tm.Profile).instrument_id == "neurosequential"


def test_instruments_lists_shipped(capsys: pytest.CaptureFixture[str]) -> None:
    """The instruments command lists the shipped instruments with their origin."""
    assert main(["instruments", "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    shipped = {r["id"] for r in doc["instruments"] if r["origin"] == "shipped"}
    assert {"neurosequential", "sdq-parent", "ace", "proqol"} <= shipped
    assert isinstance(doc["plugin_failures"], list)


def test_simulate_csv_is_tidy(capsys: pytest.CaptureFixture[str]) -> None:
    """simulate writes one row per child, instrument, month and score."""
    assert main(["simulate", "--children", "2", "--months", "1", "--on", "2025-01-06"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    months = {(r["child_id"], r["instrument"], r["month"]) for r in rows}
    assert ("syn-001", "neurosequential", "1") in months
    assert ("syn-002", "sdq-parent", "0") in months


def test_simulate_cohort_ends_on_the_date_given(tmp_path: Path) -> None:
    """--on is the last day of the simulated period: it starts --months earlier."""
    out = tmp_path / "cohort.json"
    argv = ["simulate", "--children", "2", "--months", "3", "--on", "2025-04-06"]
    assert main([*argv, "-o", str(out)]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["start"] == "2025-01-06"
    dates = [a["on"] for c in doc["children"] for a in c["assessments"]]
    assert max(dates) <= "2025-04-06"


def test_simulate_json_has_the_notice(tmp_path: Path) -> None:
    """The JSON export of a cohort carries the synthetic-data notice."""
    out = tmp_path / "cohort.json"
    main(["simulate", "--children", "2", "--months", "0", "--on", "2025-01-06", "-o", str(out)])
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["notice"].startswith("SYNTHETIC")
    assert len(doc["children"]) == 2


def test_check_model_tier_passes(capsys: pytest.CaptureFixture[str]) -> None:
    """The TIER preset has all four elements in place."""
    assert main(["check-model", "--preset", "tier"]) == 0
    assert "all four elements in place" in capsys.readouterr().out


def test_check_model_therapy_only_names_the_gaps(capsys: pytest.CaptureFixture[str]) -> None:
    """The therapy-only preset fails every element, each with why it matters, and exits 1."""
    assert main(["check-model", "--preset", "therapy-only"]) == 1
    out = capsys.readouterr().out
    assert "gaps in elements 1, 2, 3, 4" in out
    assert "why:" in out


@pytest.mark.parametrize(("preset", "status"), [("tier", 0), ("therapy-only", 1)])
def test_check_model_json_exits_as_the_table_does(
    preset: str, status: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """--to json exits 0 for a model with all four elements in place, 1 for one with gaps."""
    assert main(["check-model", "--preset", preset, "--to", "json"]) == status
    assert json.loads(capsys.readouterr().out)["model"]


def test_check_model_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed model file gives exit 2 naming the file and the path inside it."""
    f = tmp_path / "model.toml"
    f.write_text('schema = "therapeutic_model/model"\nschema_version = 1\nname = 3\n', "utf-8")
    assert main(["check-model", str(f)]) == 2
    err = capsys.readouterr().err
    assert f"{f}: $.name" in err
    assert err.count("\n") == 1
