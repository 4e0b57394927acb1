"""The team picture: monthly compliance with each policy line, and wellbeing bands over time.

Carers can only offer the regulation they have (the article's element 4): the top panel shows,
month by month, the share of staff in scope whose supervision, wellbeing check and training
were up to date, and the share of regulation 35 timers met; the lower panels show the ProQOL 5
bands of the wellbeing checks each quarter.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from therapeutic_model.report._style import INK, MUTED, band_colour, heading, new_figure, rc
from therapeutic_model.team import TeamRecords, TeamReport, WellbeingCheck

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["team_chart"]

_LINE_STYLE = {
    "clinical_supervision": ("Clinical supervision", "#2f6690", "-"),
    "practice_supervision": ("Practice supervision", "#3a7d44", "-"),
    "wellbeing_check": ("Wellbeing check", "#9b5094", "-"),
    "training": ("Trauma-informed training", "#b07d2b", "--"),
    "appraisal": ("Appraisal", "#6b7785", "--"),
    "reg35_record": ("Reg 35: record in 24 h", "#c2473f", ":"),
    "reg35_staff_spoken_to": ("Reg 35: staff spoken to in 48 h", "#e07b39", ":"),
    "reg35_child_spoken_to": ("Reg 35: child spoken to in 5 days", "#8c3b3b", ":"),
}
_WELLBEING_SCALES = (
    ("burnout", "Burnout"),
    ("secondary_traumatic_stress", "Secondary traumatic stress"),
    ("compassion_satisfaction", "Compassion satisfaction"),
)


def team_chart(
    report: TeamReport,
    records: TeamRecords | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> Figure:
    """Draw a team check: monthly compliance per policy line, then wellbeing bands by quarter.

    Args:
        report: the :class:`~therapeutic_model.team.TeamReport` of a check over a period.
        records: the team's records, for the wellbeing checks (optional; without them only
            compliance is drawn).
        title: the figure's title.
        subtitle: a line under the title.

    Returns:
        A matplotlib Figure (Agg canvas).
    """
    import matplotlib as mpl

    checks = list(records.wellbeing) if records is not None else []
    with mpl.rc_context(rc()):
        fig = new_figure(10.0, 7.4 if checks else 4.4)
        height = fig.get_figheight()
        top = 1 - 0.85 / height
        if checks:
            comp_ax = fig.add_axes((0.08, top - 3.0 / height, 0.6, 3.0 / height))
            _compliance(comp_ax, report)
            _wellbeing(fig, checks, top=top - 4.0 / height, height=2.2 / height)
        else:
            comp_ax = fig.add_axes((0.08, 0.12, 0.6, top - 0.12))
            _compliance(comp_ax, report)
        sub = subtitle or f"Team check of {report.home_id} on {report.on:%d %b %Y}"
        heading(fig, title or "Team regulation", sub)
        status = str(report.status)
        fig.text(
            0.98,
            1 - 0.35 / height,
            f"status {status.upper()}",
            ha="right",
            fontsize=11,
            weight="bold",
            color=_status_colour(status),
        )
    return fig


def _status_colour(status: str) -> str:
    rank = {"green": 0, "amber": 1, "red": 2}.get(status.lower())
    return band_colour(rank, 3)


def _compliance(ax: Axes, report: TeamReport) -> None:
    comp = report.compliance
    months = list(comp.months)
    xs = list(range(len(months)))
    for line in comp.lines:
        rates = comp.rates(line)
        ys = [rates[m] for m in months]
        if all(y is None for y in ys):
            continue
        label, colour, style = _LINE_STYLE.get(line, (line.replace("_", " "), MUTED, "-"))
        pts = [(x, 100 * y) for x, y in zip(xs, ys, strict=True) if y is not None]
        timer = line.startswith("reg35")  # few events a month: points, not a trend line
        ax.plot(
            [p[0] for p in pts],
            [p[1] for p in pts],
            color=colour,
            linestyle="none" if timer else style,
            marker="o" if timer else None,
            linewidth=1.8,
            markersize=5,
            label=label,
        )
    ax.set_ylim(-3, 103)
    ax.set_xlim(-0.3, len(months) - 0.7)
    ax.set_xticks(xs, [_month_label(m) for m in months], fontsize=7.5)
    ax.set_ylabel("% of staff (or timers) up to date", color=INK)
    ax.axhline(100, color="#c8ced6", linewidth=0.8, zorder=0)
    ax.grid(axis="y", color="#eef1f4")
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.set_title("Compliance with the team policy, month by month", loc="left")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1.0), frameon=False, fontsize=8)


def _month_label(m: date) -> str:
    return m.strftime("%b\n%Y")


def _quarter(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def _wellbeing(fig: Figure, checks: Sequence[WellbeingCheck], *, top: float, height: float) -> None:
    quarters = sorted({_quarter(c.on) for c in checks})
    width = 0.84 / len(_WELLBEING_SCALES)
    for k, (scale, name) in enumerate(_WELLBEING_SCALES):
        ax = fig.add_axes((0.08 + k * (width + 0.01), top - height, width - 0.04, height))
        _wellbeing_panel(ax, checks, quarters, scale, name)
        if k == 0:
            ax.set_ylabel("staff checked", color=INK)
    fig.text(
        0.02,
        top + 0.045,
        "Wellbeing (ProQOL 5) by quarter: staff in each band",
        fontsize=10,
        weight="bold",
    )


def _wellbeing_panel(
    ax: Axes,
    checks: Sequence[WellbeingCheck],
    quarters: Sequence[tuple[int, int]],
    scale: str,
    name: str,
) -> None:
    counts: dict[tuple[int, int], Counter[tuple[int, str]]] = {q: Counter() for q in quarters}
    for c in checks:
        s = c.profile.scores.get(scale)
        if s is not None and s.band is not None:
            counts[_quarter(c.on)][(s.band.rank, s.band.label)] += 1
    bands = sorted({b for cnt in counts.values() for b in cnt})
    n_ranks = max(3, max((r for r, _ in bands), default=0) + 1)
    xs = list(range(len(quarters)))
    bottom = [0] * len(quarters)
    for rank, label in bands:
        heights = [counts[q][(rank, label)] for q in quarters]
        ax.bar(xs, heights, bottom=bottom, color=band_colour(rank, n_ranks), width=0.7, label=label)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    ax.set_xticks(xs, [f"Q{q} {y % 100:02d}" for y, q in quarters], fontsize=7)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    ax.legend(fontsize=7, frameon=False, loc="lower left", bbox_to_anchor=(0.0, 1.0), ncols=3)
    ax.set_title(name, loc="left", fontsize=9, pad=16)
