"""Tests of the pictures: brain map, banded bars, trajectories and the team chart."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import therapeutic_model as tm
from therapeutic_model import report, simulate
from therapeutic_model.team import check_team

ON = date(2025, 1, 6)


@pytest.fixture(scope="module")
def home() -> simulate.SimulatedHome:
    return simulate.home(4, 6, seed=9, on=ON, n_staff=5)


def _series(home: simulate.SimulatedHome, iid: str) -> list[tuple[date, tm.Profile]]:
    t = home.trackers[0]
    return [(a.assessment.on, a.profile) for a in t.assessments if a.profile.instrument_id == iid]


def test_brain_map_draws_both_maps(home: simulate.SimulatedHome) -> None:
    """A levelled profile gives a figure with this child's map and the age-typical map."""
    profile = _series(home, "neurosequential")[0][1]
    fig = report.brain_map(profile, tm.default_registry().get("neurosequential"))
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert any(t.startswith("This child") for t in titles)
    assert any(t.startswith("Age-typical") for t in titles)


def test_brain_map_writes_functional_ages(home: simulate.SimulatedHome) -> None:
    """The functional age of each domain is written on the map."""
    profile = _series(home, "neurosequential")[0][1]
    fig = report.brain_map(profile)
    texts = [t.get_text() for ax in fig.axes for t in ax.texts]
    assert sum(t.startswith("functional age") for t in texts) == 4


def test_instrument_without_levels_gets_bars(home: simulate.SimulatedHome) -> None:
    """An SDQ profile is drawn as banded bars, one row per banded score."""
    profile = _series(home, "sdq-parent")[0][1]
    fig = report.brain_map(profile, tm.default_registry().get("sdq-parent"))
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert "Total difficulties" in labels


def test_save_figure_writes_png_and_svg(tmp_path: Path, home: simulate.SimulatedHome) -> None:
    """save_figure writes a PNG and an SVG beside each other."""
    fig = report.trajectories(_series(home, "neurosequential"))
    png, svg = report.save_figure(fig, tmp_path / "traj")
    assert png.read_bytes().startswith(b"\x89PNG")
    assert b"<svg" in svg.read_bytes()[:500]


def test_trajectories_one_panel_per_domain(home: simulate.SimulatedHome) -> None:
    """Trajectories draw one panel per levelled domain, with plan changes marked."""
    series = _series(home, "neurosequential")
    fig = report.trajectories(series, plan_changes=[(series[2][0], "v2")])
    assert len(fig.axes) == 4
    assert any(t.get_text() == "v2" for t in fig.axes[0].texts)


def test_trajectories_need_a_series() -> None:
    """An empty series is refused."""
    with pytest.raises(ValueError, match="at least one"):
        report.trajectories([])


def test_team_chart_shows_status(home: simulate.SimulatedHome) -> None:
    """The team chart writes the team's status and has the wellbeing panels."""
    checked = check_team(home.team, on=home.period[1], period=home.period)
    fig = report.team_chart(checked, home.team)
    texts = [t.get_text() for t in fig.texts]
    assert f"status {checked.status.upper()}" in texts
    assert len(fig.axes) == 4
