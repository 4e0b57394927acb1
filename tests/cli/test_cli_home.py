"""Tests of the commands that read a home: simulate --home, review, team-check, report, suggest."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from therapeutic_model.cli import main

EXAMPLES = Path(__file__).parents[2] / "examples"


@pytest.fixture(scope="module")
def home_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("home") / "home-syn"
    argv = ["simulate", "--home", str(folder), "--children", "2", "--months", "3"]
    code = main([*argv, "--seed", "4", "--on", "2025-04-06"])
    assert code == 0
    return folder


def test_simulate_home_writes_the_folder(home_folder: Path) -> None:
    """simulate --home writes the team, a tracker and a history per child, and the period."""
    assert (home_folder / "team.json").exists()
    assert len(list((home_folder / "trackers").glob("*.json"))) == 2
    assert len(list((home_folder / "histories").glob("*.json"))) == 2
    meta = json.loads((home_folder / "home.json").read_text(encoding="utf-8"))
    assert meta["period"] == ["2025-01-06", "2025-04-06"]


def test_simulate_home_ends_on_today_so_review_needs_no_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --on the simulated period ends today, so review (default today) can read it."""
    folder = tmp_path / "home"
    argv = ["simulate", "--home", str(folder), "--children", "1", "--months", "2", "--seed", "4"]
    assert main(argv) == 0
    meta = json.loads((folder / "home.json").read_text(encoding="utf-8"))
    assert date.fromisoformat(meta["period"][1]) <= date.today()
    tracker = sorted((folder / "trackers").glob("*.json"))[0]
    assert main(["review", str(tracker)]) == 0
    assert "people decide" in capsys.readouterr().out


def test_simulate_home_needs_a_month(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A home simulated over no months is refused, naming --months."""
    assert main(["simulate", "--home", str(tmp_path / "h"), "--months", "0"]) == 2
    assert "--months: must be at least 1" in capsys.readouterr().err


def test_review_prints_progress_and_prompts(
    home_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """review reads a tracker and prints progress and what the meeting may consider."""
    tracker = sorted((home_folder / "trackers").glob("*.json"))[0]
    assert main(["review", str(tracker), "--on", "2025-04-06"]) == 0
    out = capsys.readouterr().out
    assert "reliable change" in out
    assert "people decide" in out


def test_review_json(home_folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """review --to json gives the state, what is due, progress and adjustments."""
    tracker = sorted((home_folder / "trackers").glob("*.json"))[0]
    main(["review", str(tracker), "--on", "2025-04-06", "--to", "json"])
    doc = json.loads(capsys.readouterr().out)
    assert {"state", "due", "progress", "adjustments"} <= set(doc)


def test_team_check_json_is_a_team_report(
    home_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """team-check --to json writes a schema-versioned TeamReport."""
    assert (
        main(["team-check", str(home_folder / "team.json"), "--on", "2025-04-06", "--to", "json"])
        == 0
    )
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "therapeutic_model/team_report"
    assert doc["status"] in ("green", "amber", "red")


def test_report_from_a_folder(
    home_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """report writes the evidence report of a home folder and prints where."""
    out = tmp_path / "report"
    assert main(["report", str(home_folder), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str((out / "index.html").resolve())
    assert len(list(out.glob("child-*.html"))) == 2


def test_report_of_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder that does not exist gives exit 2 and names it."""
    assert main(["report", str(tmp_path / "nope"), "--out", str(tmp_path / "r")]) == 2
    assert "nope: is not a folder" in capsys.readouterr().err


def test_bad_tracker_names_file_and_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A malformed tracker document gives exit 2, naming the file and the path."""
    f = tmp_path / "t.json"
    f.write_text(json.dumps({"schema": "therapeutic_model/tracker", "schema_version": 1}), "utf-8")
    assert main(["review", str(f), "--on", "2025-01-01"]) == 2
    err = capsys.readouterr().err
    assert f"{f}: $.events" in err
    assert err.count("\n") == 1


def test_suggest_in_phases(capsys: pytest.CaptureFixture[str]) -> None:
    """suggest prints the suggestions phase by phase and can draft the plan."""
    files = [str(EXAMPLES / "child-neurosequential.json"), str(EXAMPLES / "child-sdq.json")]
    assert main(["suggest", *files, "--age-months", "136", "--draft-plan"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Phase 1: regulate")
    assert "Draft plan v1" in out


def test_tracker_breaking_the_cycle_names_the_event(
    home_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A stored tracker with an event its state does not allow names the file and the event."""
    tracker = sorted((home_folder / "trackers").glob("*.json"))[0]
    doc = json.loads(tracker.read_text(encoding="utf-8"))
    meeting = next(i for i, e in enumerate(doc["events"]) if e["type"] == "meeting_held")
    doc["events"] = [doc["events"][0], doc["events"][meeting]]
    f = tmp_path / "t.json"
    f.write_text(json.dumps(doc), encoding="utf-8")
    assert main(["review", str(f), "--on", "2026-01-01"]) == 2
    err = capsys.readouterr().err
    assert f"{f}: $.events[1]: can't 'hold_meeting' when in 'referred'" in err
    assert err.count("\n") == 1


def test_suggest_refuses_two_assessments_of_one_instrument(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Two files of one instrument are refused, naming the second file and the first."""
    f = str(EXAMPLES / "child-sdq.json")
    assert main(["suggest", f, f, "--age-months", "136"]) == 2
    assert f"{f}: $.instrument_id: the same instrument as {f}" in capsys.readouterr().err
