"""Tests of the evidence report: pages written, self-contained, printable, honest."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from therapeutic_model import report, simulate

ON = date(2025, 1, 6)


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> report.EvidenceReport:
    home = simulate.home(3, 4, seed=2, on=ON, n_staff=4)
    out = tmp_path_factory.mktemp("evidence")
    return report.evidence(home, home.period, out)


def _pages(written: report.EvidenceReport) -> list[Path]:
    return [written.home_page, *written.child_pages.values()]


def test_one_page_per_home_and_child(written: report.EvidenceReport) -> None:
    """The report has the home page and one page per child."""
    assert written.home_page.name == "index.html"
    assert len(written.child_pages) == 3
    assert all(p.exists() for p in _pages(written))


def test_pages_are_self_contained(written: report.EvidenceReport) -> None:
    """No page refers to anything outside itself: no http(s), no external files."""
    for page in _pages(written):
        html = page.read_text(encoding="utf-8")
        refs = re.findall(r"""(?:src|href)\s*=\s*["']([^"']*)["']""", html)
        assert refs
        for ref in refs:
            assert not ref.startswith(("http:", "https:", "//")), ref
            assert ref.startswith(("data:", "#")) or ref.split("#")[0].endswith(".html"), ref
        assert "@import" not in html
        assert "url(" not in html


def test_images_are_embedded(written: report.EvidenceReport) -> None:
    """Figures are embedded as data URIs in the child pages."""
    html = next(iter(written.child_pages.values())).read_text(encoding="utf-8")
    assert html.count('src="data:image/svg+xml;base64,') >= 3


def test_pages_have_print_css(written: report.EvidenceReport) -> None:
    """Pages carry a print stylesheet on A4."""
    html = written.home_page.read_text(encoding="utf-8")
    assert "@media print" in html
    assert "size: A4" in html


def test_four_elements_and_reg45(written: report.EvidenceReport) -> None:
    """The home page has the reg 45 summary and a section per element."""
    html = written.home_page.read_text(encoding="utf-8")
    for heading in (
        "regulation 45",
        "Trauma assessment",
        "Individual response",
        "Reviewing and monitoring",
        "Team regulation",
    ):
        assert heading in html


def test_synthetic_data_is_labelled(written: report.EvidenceReport) -> None:
    """Every page of a simulated home says the data are synthetic."""
    assert all("SYNTHETIC" in p.read_text(encoding="utf-8") for p in _pages(written))


def test_figures_are_saved_as_files(written: report.EvidenceReport) -> None:
    """Figures are also saved under figures/ for use elsewhere."""
    assert written.figures
    assert all(p.parent.name == "figures" and p.exists() for p in written.figures)


def test_period_must_not_run_backwards(tmp_path: Path) -> None:
    """A period that ends before it starts is refused."""
    home = simulate.home(1, 1, seed=1, on=ON, n_staff=3)
    with pytest.raises(ValueError, match="period"):
        report.evidence(home, (ON, date(2024, 1, 1)), tmp_path)
