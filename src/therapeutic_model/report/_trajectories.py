"""Trajectories: each domain over the placement, against its bands and the reliable-change band.

A change smaller than the minimum reliable change (Jacobson & Truax 1991: ``z · √2 · SD ·
√(1 − r)``) could be measurement error; the grey band around the entry score shows that range,
so a line leaving it is a reliable change. Meetings are marked along the time axis and plan
changes as labelled vertical lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from therapeutic_model.assessment import Band, Instrument, InstrumentSpec, Profile
from therapeutic_model.report._style import (
    INK,
    MUTED,
    band_colour,
    band_tint,
    heading,
    new_figure,
    rc,
    spec_bands,
    value_span,
)
from therapeutic_model.report._text import given_title, wrap_words

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["trajectories"]


def trajectories(
    series: Sequence[tuple[date, Profile]],
    instrument: Instrument | None = None,
    *,
    scores: Sequence[str] | None = None,
    minimum_change: Mapping[str, float] | None = None,
    meetings: Sequence[date] = (),
    plan_changes: Sequence[tuple[date, str]] = (),
    title: str | None = None,
    subtitle: str | None = None,
) -> Figure:
    """Draw each score of a child's assessments over time.

    Args:
        series: ``(date, profile)`` pairs of one instrument, in any order.
        instrument: the instrument, for titles and band ranges (optional).
        scores: which score ids to draw (default: the levelled domains, top level first, or
            every banded score).
        minimum_change: the minimum reliable change per score id, in score units; draws the
            reliable-change band around the entry score.
        meetings: dates of review meetings, marked along the time axis.
        plan_changes: ``(date, label)`` of plan versions, drawn as labelled vertical lines.
        title: the figure's title.
        subtitle: a line under the title.

    Returns:
        A matplotlib Figure (Agg canvas).

    Raises:
        ValueError: if ``series`` is empty.
    """
    import matplotlib as mpl

    if not series:
        msg = "series must hold at least one assessment"
        raise ValueError(msg)
    ordered = sorted(series, key=lambda dp: dp[0])
    ids = list(scores) if scores is not None else _default_scores(ordered[-1][1])
    with mpl.rc_context(rc()):
        fig = new_figure(10.0, 1.15 + 1.55 * len(ids))
        height = fig.get_figheight()
        axes = fig.subplots(
            len(ids),
            1,
            sharex=True,
            squeeze=False,
            gridspec_kw={
                "left": 0.24,
                "right": 0.8,
                "top": 1 - 0.85 / height,
                "bottom": 0.6 / height,
                "hspace": 0.28,
            },
        )[:, 0]
        for ax, sid in zip(axes, ids, strict=True):
            mc = (minimum_change or {}).get(sid)
            _panel(ax, ordered, sid, instrument, mc)
            _mark_meetings(ax, meetings)
            _mark_plans(ax, plan_changes, label=ax is axes[0])
        _date_axis(axes[-1], sorted({d for d, _ in ordered}))
        heading(fig, title or "Progress over the placement", subtitle)
        ratio = any(
            s.band is not None and s.band.basis == "ratio"
            for _, p in ordered
            for s in p.scores.values()
        )
        _key(fig, meetings=bool(meetings), rc_band=bool(minimum_change), ratio=ratio)
    return fig


def _day(d: date) -> float:
    """A date as a number on the time axis (days since 1 January of year 1)."""
    return float(d.toordinal())


def _default_scores(profile: Profile) -> list[str]:
    order = profile.level_order
    levelled = [s for s in profile.scores.values() if s.level is not None]
    if levelled:
        levelled.sort(key=lambda s: -order.get(s.level or "", 0))
        return [s.id for s in levelled]
    return [s.id for s in profile.scores.values() if s.band is not None]


def _title(instrument: Instrument | None, score_id: str) -> str:
    return given_title(instrument, score_id) or score_id.replace("_", " ").capitalize()


def _panel(
    ax: Axes,
    series: Sequence[tuple[date, Profile]],
    sid: str,
    instrument: Instrument | None,
    minimum_change: float | None,
) -> None:
    dates = [d for d, _ in series]
    points = [(d, p.scores[sid]) for d, p in series if sid in p.scores]
    values = [s.value for _, s in points]
    bands = [s.band for _, s in points if s.band is not None]
    n_ranks = max(3, max((b.rank for b in bands), default=0) + 1)
    top = _top(instrument, sid, values)
    ratio_bands = bool(bands) and bands[0].basis == "ratio"
    if ratio_bands:
        expected = [s.expected for _, s in points]
        _ratio_zones(ax, [d for d, _ in points], expected, _band_list(instrument, sid, bands), top)
    elif bands:
        _value_zones(ax, _band_list(instrument, sid, bands), top, n_ranks)
    entry = next((v for v in values if v is not None), None)
    if entry is not None and minimum_change:
        lo, hi = entry - minimum_change, entry + minimum_change
        ax.axhspan(lo, hi, facecolor="#8a94a3", alpha=0.12, edgecolor="none", zorder=1)
        for edge in (lo, hi):
            ax.axhline(edge, color="#6b7785", linewidth=0.7, linestyle=(0, (2, 2)), zorder=1)
        ax.axhline(entry, color="#8a94a3", linewidth=0.8, linestyle=":", zorder=1)
    xs = [_day(d) for d, v in zip([d for d, _ in points], values, strict=True) if v is not None]
    ys = [v for v in values if v is not None]
    ax.plot(xs, ys, color=INK, linewidth=1.6, zorder=3)
    colours = [band_colour(s.rank, n_ranks) for _, s in points if s.value is not None]
    ax.scatter(xs, ys, c=colours, s=26, zorder=4, edgecolors="white", linewidths=0.8)
    ax.set_xlim(_day(min(dates)), _day(max(dates)))
    ax.set_ylim(0, top)
    ax.set_ylabel(
        _wrapped(_title(instrument, sid)), rotation=0, ha="right", va="center", fontsize=9.5
    )
    ax.yaxis.set_label_coords(-0.07, 0.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    _end_note(ax, points, ys, n_ranks)


def _wrapped(text: str, limit: int = 18) -> str:
    # a line may also break after a slash: "sleep/wake" may wrap as "sleep/" and "wake"
    lines = wrap_words(text.replace("/", "/ ").split(), limit)
    return "\n".join(lines).replace("/ ", "/")


def _top(instrument: Instrument | None, sid: str, values: Sequence[float | None]) -> float:
    if isinstance(instrument, InstrumentSpec):
        tops = _domain_tops(instrument)
        if sid in tops:
            return tops[sid]
        for dv in instrument.derived:
            if dv.id == sid:
                return sum(tops.get(c, 0.0) for c in dv.components)
    present = [v for v in values if v is not None]
    return max(present, default=1.0) * 1.2 or 1.0


def _domain_tops(spec: InstrumentSpec) -> dict[str, float]:
    items = {i.id: i.max for i in spec.items}
    out = {}
    for d in spec.domains:
        maxes = [items[i] for i in d.items if i in items]
        out[d.id] = max(maxes) if d.aggregation == "mean" else float(sum(maxes))
    return out


def _band_list(instrument: Instrument | None, sid: str, seen: Sequence[Band]) -> list[Band]:
    published = spec_bands(instrument, sid)
    if published is not None:
        return published
    unique = {(b.rank, b.label): b for b in seen}
    return sorted(unique.values(), key=lambda b: b.lower or 0.0)


def _ratio_zones(
    ax: Axes,
    dates: Sequence[date],
    expected: Sequence[float | None],
    bands: Sequence[Band],
    top: float,
) -> None:
    """Shade each band as the region between multiples of the age-expected curve."""
    n_ranks = max(3, max((b.rank for b in bands), default=0) + 1)
    exp = [e if e is not None else 0.0 for e in expected]
    for b in bands:
        lo = [(b.lower or 0.0) * e for e in exp]
        hi = [top if b.upper is None else min(b.upper * e, top) for e in exp]
        if b.rank == 0:
            hi = [top for _ in exp]
        ax.fill_between(
            [_day(d) for d in dates],
            lo,
            hi,
            color=band_tint(b.rank, n_ranks),
            linewidth=0,
            zorder=0,
        )
    ax.plot([_day(d) for d in dates], exp, color="#3f7f5f", linewidth=1.0, linestyle="--", zorder=2)


def _value_zones(ax: Axes, bands: Sequence[Band], top: float, n_ranks: int) -> None:
    for b in bands:
        lo, hi = value_span(b, top)
        ax.axhspan(lo, min(hi, top), color=band_tint(b.rank, n_ranks), linewidth=0, zorder=0)


def _mark_meetings(ax: Axes, meetings: Sequence[date]) -> None:
    if not meetings:
        return
    ax.plot(
        [_day(d) for d in meetings],
        [0.0] * len(meetings),
        linestyle="none",
        marker="^",
        markersize=5,
        color="#8a94a3",
        clip_on=False,
        zorder=5,
        transform=ax.get_xaxis_transform(),
    )


def _mark_plans(ax: Axes, plans: Sequence[tuple[date, str]], *, label: bool) -> None:
    for when, text in plans:
        d = _day(when)
        ax.axvline(d, color="#5b6b8c", linewidth=1.0, linestyle=(0, (4, 3)), zorder=2)
        if label:
            ax.text(
                d,
                1.02,
                text,
                transform=ax.get_xaxis_transform(),
                fontsize=7.5,
                color="#5b6b8c",
                ha="center",
                va="bottom",
            )


def _end_note(ax: Axes, points: Sequence[tuple[date, object]], ys: Sequence[float], n: int) -> None:
    last = next((s for _, s in reversed(points) if getattr(s, "value", None) is not None), None)
    if last is None or not ys:
        return
    band = getattr(last, "band", None)
    ratio = getattr(last, "ratio", None)
    words = band.label if band is not None else ""
    if ratio is not None and band is not None and band.basis == "ratio":
        words += f"\n{ratio:.0%} of age-typical"
    ax.text(
        1.02,
        0.5,
        f"now {ys[-1]:.2g}\n{words}".strip(),
        transform=ax.transAxes,
        fontsize=8,
        va="center",
        color=band_colour(getattr(last, "rank", None), n),
        weight="bold",
    )


def _date_axis(ax: Axes, dates: Sequence[date]) -> None:
    step = max(1, -(-len(dates) // 13))
    shown = list(dates)[::step]
    ax.set_xticks([_day(d) for d in shown])
    ax.set_xticklabels([d.strftime("%b\n%Y") for d in shown])
    ax.tick_params(axis="x", labelsize=7.5)


def _key(fig: Figure, *, meetings: bool, rc_band: bool, ratio: bool) -> None:
    parts = ["Dots: each assessment, coloured by band"]
    if ratio:
        parts.append("dashed green: age-typical")
    if rc_band:
        parts.append("grey band: within reliable change of entry")
    if meetings:
        parts.append("▲ monthly meeting")
    parts.append("dashed blue: plan version")
    fig.text(0.02, 0.12 / fig.get_figheight(), " · ".join(parts), fontsize=7.5, color=MUTED)
