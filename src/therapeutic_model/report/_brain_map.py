"""The brain map: a profile drawn bottom-up by level, beside the age-typical map for the same age.

The neurosequential model's brain map colours each function by how organised it is, with the
brainstem at the base and the cortex at the top, beside the map of a typical child of the same
age (Hambrick, Brawner & Perry 2019, Front. Behav. Neurosci. 13:183; practitioner summaries).
Here each function is a cell coloured by its band; a bar inside the cell shows the rating on
the instrument's scale, so the age-typical map shows how far each level is expected to have
matured at this age. The functional age of each domain is written beside its level.
Instruments without levels get a banded bar chart instead.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import attrs

from therapeutic_model.assessment import Band, DomainScore, Instrument, InstrumentSpec, Profile
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
from therapeutic_model.report._text import format_age, score_title, wrap_words

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["brain_map", "score_bars"]

_CELL_COLS = 4
_LEVEL_HEIGHT = 1.0
_LEVEL_GAP = 0.22


@attrs.frozen
class _Cell:
    title: str
    value: float | None
    rank: int | None


@attrs.frozen
class _Row:
    level: str
    title: str
    domain: DomainScore
    cells: tuple[_Cell, ...]


def brain_map(
    profile: Profile,
    instrument: Instrument | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> Figure:
    """Draw a profile as a brain map beside the age-typical map (or as banded bars).

    Args:
        profile: the scored profile; instruments with levels give a brain map, others a
            banded bar chart (:func:`score_bars`).
        instrument: the instrument, for titles and the response scale (optional).
        title: the figure's title (default: the instrument's title).
        subtitle: a line under the title (e.g. the child's id and date).

    Returns:
        A matplotlib Figure (Agg canvas). Save it with :func:`save_figure`.
    """
    if not profile.level_order:
        return score_bars(profile, instrument, title=title, subtitle=subtitle)
    import matplotlib as mpl

    rows = _rows(profile, instrument)
    scale_max = _scale_max(instrument, default=4.0)
    n_ranks = _n_ranks(profile)
    with mpl.rc_context(rc()):
        fig = new_figure(11.5, 1.25 + 1.45 * len(rows))
        height = fig.get_figheight()
        bottom, top = 0.45 / height, 1 - 1.05 / height
        child_ax = fig.add_axes((0.02, bottom, 0.56, top - bottom))
        typical_ax = fig.add_axes((0.63, bottom, 0.35, top - bottom))
        age = format_age(profile.age_months)
        _draw_map(child_ax, rows, scale_max, n_ranks, typical=False, labels=True)
        child_ax.set_title(f"This child, aged {age}", loc="left", pad=6)
        _draw_map(typical_ax, rows, scale_max, n_ranks, typical=True, labels=False)
        typical_ax.set_title(f"Age-typical at {age}", loc="left", pad=6)
        text = title or (instrument.title if instrument else profile.instrument_id)
        heading(fig, text, subtitle, size=13, lines=(0.28, 0.52))
        _legend(fig, n_ranks, profile)
    return fig


def _rows(profile: Profile, instrument: Instrument | None) -> list[_Row]:
    spec = instrument if isinstance(instrument, InstrumentSpec) else None
    item_titles = {i.id: i.title or i.id for i in spec.items} if spec else {}
    domain_items = {d.id: d.items for d in spec.domains} if spec else {}
    domain_titles = {d.id: d.title for d in spec.domains} if spec else {}
    order = profile.level_order
    levelled = [s for s in profile.scores.values() if s.level is not None]
    levelled.sort(key=lambda s: order.get(s.level or "", 0))
    rows = []
    for s in levelled:
        items = domain_items.get(s.id, ())
        cells = tuple(
            _Cell(item_titles.get(i, i), profile.functions[i].value, profile.functions[i].rank)
            for i in items
            if i in profile.functions
        ) or (_Cell(s.id, s.value, s.rank),)
        level_title = _level_title(spec, s.level or "")
        rows.append(_Row(level_title, domain_titles.get(s.id) or s.id, s, cells))
    return rows


def _level_title(spec: InstrumentSpec | None, level: str) -> str:
    for lv in spec.levels if spec else ():
        if lv.id == level:
            return lv.title or lv.id
    return level


def _scale_max(instrument: Instrument | None, *, default: float) -> float:
    if isinstance(instrument, InstrumentSpec) and instrument.items:
        return max(i.max for i in instrument.items)
    return default


def _n_ranks(profile: Profile) -> int:
    ranks = {s.rank for s in (*profile.scores.values(), *profile.functions.values())}
    return max(3, max((r for r in ranks if r is not None), default=2) + 1)


def _draw_map(
    ax: Axes, rows: Sequence[_Row], scale_max: float, n_ranks: int, *, typical: bool, labels: bool
) -> None:
    from matplotlib.collections import PatchCollection
    from matplotlib.patches import FancyBboxPatch, Rectangle

    # Cells and bars go in two collections: one artist each, far faster than a patch apiece.
    cells: list[Rectangle] = []
    cell_colours: list[str] = []
    bars: list[Rectangle] = []
    bar_colours: list[str] = []
    n = len(rows)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, n * (_LEVEL_HEIGHT + _LEVEL_GAP))
    ax.axis("off")
    for k, row in enumerate(rows):
        # Lower levels are narrower, so the stack reads as a brain from stem to cortex.
        span = 0.74 if labels else 0.95
        width = (0.70 + 0.30 * k / max(n - 1, 1)) * span
        x0 = span / 2 - width / 2 + (0.0 if labels else 0.02)
        y0 = k * (_LEVEL_HEIGHT + _LEVEL_GAP)
        ax.add_patch(
            FancyBboxPatch(
                (x0, y0),
                width,
                _LEVEL_HEIGHT,
                boxstyle="round,pad=0.006,rounding_size=0.02",
                facecolor="#f7f8fa",
                edgecolor="#c8ced6",
                linewidth=0.8,
            )
        )
        n_cells = len(row.cells)
        cols = min(_CELL_COLS, n_cells)
        lines = -(-n_cells // cols)
        cw, ch = width / cols, _LEVEL_HEIGHT / lines
        expected = row.domain.expected
        for j, cell in enumerate(row.cells):
            cx = x0 + (j % cols) * cw
            cy = y0 + _LEVEL_HEIGHT - (j // cols + 1) * ch
            value = expected if typical else cell.value
            rank = 0 if typical else cell.rank
            cells.append(Rectangle((cx + 0.004, cy + 0.03), cw - 0.008, ch - 0.06))
            cell_colours.append(band_tint(rank, n_ranks))
            if value is not None:
                frac = max(0.0, min(1.0, value / scale_max))
                bars.append(Rectangle((cx + 0.004, cy + 0.03), (cw - 0.008) * frac, 0.07))
                bar_colours.append(band_colour(rank, n_ranks))
            if labels:
                ax.text(
                    cx + 0.01,
                    cy + ch - 0.09,
                    _wrap(cell.title, cw),
                    fontsize=6.6,
                    va="top",
                    ha="left",
                    color=INK,
                    linespacing=1.05,
                )
                shown = "–" if cell.value is None else f"{cell.value:g}"
                ax.text(cx + cw - 0.01, cy + 0.12, shown, fontsize=7, ha="right", color=MUTED)
        if labels:
            _level_note(ax, row, y0, n_ranks)
        else:
            ax.text(
                0.485,
                y0 + _LEVEL_HEIGHT * 0.78,
                f"{row.title}\nexpected {expected:.2f} / {scale_max:g}" if expected else row.title,
                ha="center",
                va="center",
                fontsize=8,
                color=INK,
                linespacing=1.1,
            )
    ax.add_collection(
        PatchCollection(cells, facecolors=cell_colours, edgecolors="white", linewidths=1.2),
        autolim=False,
    )
    ax.add_collection(
        PatchCollection(bars, facecolors=bar_colours, linewidths=0, zorder=2), autolim=False
    )


def _level_note(ax: Axes, row: _Row, y0: float, n_ranks: int) -> None:
    s = row.domain
    band = s.band.label if s.band else "no band"
    ratio = "" if s.ratio is None else f"{s.ratio:.0%} of age-typical"
    fa = format_age(s.functional_age_months)
    ax.text(0.765, y0 + _LEVEL_HEIGHT - 0.12, row.title, fontsize=9.5, weight="bold", va="top")
    ax.text(0.765, y0 + _LEVEL_HEIGHT - 0.36, row.level, fontsize=7.5, color=MUTED, va="top")
    ax.text(
        0.765,
        y0 + 0.36,
        f"{band.upper()}  {ratio}",
        fontsize=8,
        color=band_colour(s.rank, n_ranks),
        weight="bold",
        va="center",
    )
    ax.text(0.765, y0 + 0.13, f"functional age {fa}", fontsize=8, va="center")


def _wrap(text: str, width: float) -> str:
    limit = max(10, int(width * 118))
    lines = wrap_words(text.split(), limit)
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])[: limit - 1] + "…"]
    return "\n".join(lines)


def _legend(fig: Figure, n_ranks: int, profile: Profile) -> None:
    from matplotlib.patches import Patch

    labels = _band_labels(profile)
    handles = [
        Patch(facecolor=band_colour(r, n_ranks), label=labels.get(r, f"rank {r}"))
        for r in range(n_ranks)
    ]
    fig.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(0.02, 0.0),
        ncols=n_ranks + 1,
        frameon=False,
        fontsize=8,
        handlelength=1.2,
        title=None,
    )
    fig.text(
        0.98,
        0.015,
        "Bar in each cell: the rating on the instrument's scale. Bands read the ratio to "
        "age-typical.",
        ha="right",
        fontsize=7.5,
        color=MUTED,
    )


def _band_labels(profile: Profile) -> Mapping[int, str]:
    out: dict[int, str] = {}
    for s in (*profile.scores.values(), *profile.functions.values()):
        if s.band is not None:
            out.setdefault(s.band.rank, s.band.label)
    return out


def score_bars(
    profile: Profile,
    instrument: Instrument | None = None,
    *,
    title: str | None = None,
    subtitle: str | None = None,
) -> Figure:
    """Draw each banded score as a bar over its band ranges (for instruments without levels).

    Args:
        profile: the scored profile.
        instrument: the instrument, for score titles (optional).
        title: the figure's title (default: the instrument's title).
        subtitle: a line under the title.

    Returns:
        A matplotlib Figure (Agg canvas).
    """
    import matplotlib as mpl

    scores = [s for s in profile.scores.values() if s.band is not None]
    n_ranks = max(3, max((s.rank or 0 for s in scores), default=0) + 1, _max_rank(scores) + 1)
    with mpl.rc_context(rc()):
        fig = new_figure(9.0, 1.45 + 0.48 * max(len(scores), 1))
        height = fig.get_figheight()
        ax = fig.add_axes((0.27, 0.5 / height, 0.55, 1 - 1.35 / height))
        for y, s in enumerate(reversed(scores)):
            _bar_row(ax, y, s, _all_bands(instrument, s), n_ranks)
        ax.set_xlim(0, 1)
        ax.set_xticks([])
        names = [score_title(instrument, s.id) for s in reversed(scores)]
        ax.set_yticks(range(len(scores)), names, fontsize=9, color=INK)
        ax.set_ylim(-0.6, len(scores) - 0.4)
        ax.tick_params(axis="y", length=0)
        for side in ("top", "right", "left"):
            ax.spines[side].set_visible(False)
        heading(fig, title or (instrument.title if instrument else profile.instrument_id), subtitle)
        fig.text(
            0.02,
            0.12 / height,
            "Shaded: the published bands of each scale, from typical (green) to furthest from "
            "typical (red). Each scale is drawn on its own range, 0 to the figure at its end.",
            fontsize=7.5,
            color=MUTED,
        )
    return fig


def _max_rank(scores: Sequence[DomainScore]) -> int:
    return max((s.band.rank for s in scores if s.band is not None), default=0)


def _all_bands(instrument: Instrument | None, s: DomainScore) -> list[Band]:
    published = spec_bands(instrument, s.id)
    if published is not None:
        return published
    return [s.band] if s.band is not None else []


def _bar_row(ax: Axes, y: float, s: DomainScore, bands: Sequence[Band], n_ranks: int) -> None:
    """One score on its own 0–max range, over the tinted ranges of its bands."""
    band = s.band
    if band is None or s.value is None:
        return
    hi = _row_max(s, bands)
    ax.barh(y, 1.0, height=0.62, color="#f2f4f7", zorder=0)
    if band.basis == "value":
        for b in bands:
            lo, up = value_span(b, hi)
            lo_x, up_x = _x(lo, hi), _x(min(up, hi + 1), hi)
            ax.barh(y, up_x - lo_x, left=lo_x, height=0.62, color=band_tint(b.rank, n_ranks))
    ax.barh(y, _x(s.value + 0.5, hi), height=0.24, color=band_colour(band.rank, n_ranks), zorder=2)
    ax.text(
        1.02,
        y,
        f"{s.value:g}  {band.label}",
        va="center",
        fontsize=8.5,
        color=band_colour(band.rank, n_ranks),
        weight="bold",
        clip_on=False,
    )
    ax.text(1.0, y - 0.43, f"{hi:g}", fontsize=6.5, color=MUTED, ha="right", va="bottom")


def _x(value: float, hi: float) -> float:
    """A whole-number score's position: each value owns the unit cell [v, v + 1) of hi + 1."""
    return max(0.0, min(1.0, value / (hi + 1.0)))


def _row_max(s: DomainScore, bands: Sequence[Band]) -> float:
    tops = [b.upper for b in bands if b.upper is not None]
    value = s.value or 0.0
    return max(max(tops, default=value * 1.25), value, 1.0)
