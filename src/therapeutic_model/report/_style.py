"""The look shared by every picture: band colours and ranges, fonts, and saving as PNG and SVG."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from therapeutic_model.assessment import Band, Instrument, InstrumentSpec

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "INK",
    "MUTED",
    "band_colour",
    "band_tint",
    "heading",
    "new_figure",
    "save_figure",
    "spec_bands",
    "value_span",
]

INK: Final = "#1f2933"
MUTED: Final = "#6b7785"
GRID: Final = "#d9dee4"
TYPICAL: Final = "#3f7f5f"

# Traffic-light colours (the brain map's green / amber / red), from typical to far from it.
# Colour is never the only cue: every band is also written in words.
_BANDS: Final = {
    2: ("#3f9f6b", "#d64545"),
    3: ("#3f9f6b", "#f0a830", "#d64545"),
    4: ("#3f9f6b", "#f3d250", "#f0902c", "#d64545"),
}
_TINTS: Final = {
    2: ("#dcefe3", "#f6d5d5"),
    3: ("#dcefe3", "#fbe8c6", "#f6d5d5"),
    4: ("#dcefe3", "#faf1c8", "#fbdcc0", "#f6d5d5"),
}
MISSING: Final = "#c8ced6"


def band_colour(rank: int | None, n_ranks: int) -> str:
    """The strong colour of a band rank among ``n_ranks`` (grey when missing)."""
    if rank is None or rank < 0:
        return MISSING
    palette = _BANDS[min(max(n_ranks, 2), 4)]
    return palette[min(rank, len(palette) - 1)]


def band_tint(rank: int | None, n_ranks: int) -> str:
    """The light background tint of a band rank among ``n_ranks``."""
    if rank is None or rank < 0:
        return "#eef1f4"
    palette = _TINTS[min(max(n_ranks, 2), 4)]
    return palette[min(rank, len(palette) - 1)]


def spec_bands(instrument: Instrument | None, score_id: str) -> list[Band] | None:
    """Every band an instrument spec publishes for a score (for its informant), or ``None``."""
    if isinstance(instrument, InstrumentSpec):
        for bs in instrument.bands:
            if bs.score == score_id and bs.informant in (None, instrument.informant):
                return [bs.band_at(i) for i in range(len(bs.bands))]
    return None


def value_span(band: Band, top: float) -> tuple[float, float]:
    """Where a band on whole-number values lies: from its lower bound to just past its upper.

    An open lower end starts at 0 and an open upper end stops at ``top``; an inclusive upper
    bound owns the unit cell above it, so adjacent bands meet without a gap.
    """
    lo = band.lower if band.lower is not None else 0.0
    hi = top if band.upper is None else band.upper + (1.0 if band.upper_inclusive else 0.0)
    return lo, hi


def new_figure(width: float, height: float) -> Figure:
    """A figure on the Agg canvas (no display needed), in the report's fonts.

    matplotlib is imported here, not at module import, so ``import therapeutic_model`` stays
    fast and matplotlib is needed only by those who draw (the ``plot`` extra).
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=110, layout=None)
    FigureCanvasAgg(fig)
    return fig


def heading(
    fig: Figure,
    title: str,
    subtitle: str | None,
    *,
    size: float = 12,
    lines: tuple[float, float] = (0.3, 0.55),
) -> None:
    """Write a figure's title and, if given, a muted subtitle, ``lines`` inches from the top."""
    height = fig.get_figheight()
    fig.text(0.02, 1 - lines[0] / height, title, fontsize=size, weight="bold")
    if subtitle:
        fig.text(0.02, 1 - lines[1] / height, subtitle, fontsize=9, color=MUTED)


def rc() -> dict[Any, Any]:
    """The rcParams every picture is drawn with."""
    return {
        "font.family": "DejaVu Sans",
        "font.size": 9,
        "axes.edgecolor": GRID,
        "axes.labelcolor": INK,
        "axes.titlecolor": INK,
        "axes.titlesize": 10,
        "axes.titleweight": "bold",
        "xtick.color": MUTED,
        "ytick.color": MUTED,
        "text.color": INK,
        "svg.fonttype": "none",
        "svg.hashsalt": "therapeutic_model",
        "path.simplify": True,
    }


def save_png(fig: Figure, path: Path, *, dpi: int = 150) -> Path:
    """Save a figure as PNG at ``dpi``, white background, no software stamp."""
    import matplotlib as mpl

    with mpl.rc_context(rc()):
        fig.savefig(path, dpi=dpi, facecolor="white", metadata={"Software": None})
    return path


def save_figure(fig: Figure, stem: str | Path) -> tuple[Path, Path]:
    """Save a figure as ``stem.png`` (150 dpi) and ``stem.svg``; return both paths.

    The SVG keeps text as text (searchable, accessible) and carries no creation date, so the
    same figure always gives the same file.
    """
    import matplotlib as mpl

    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    png, svg = stem.with_suffix(".png"), stem.with_suffix(".svg")
    save_png(fig, png)
    with mpl.rc_context(rc()):
        fig.savefig(svg, facecolor="white", metadata={"Date": None, "Creator": None})
    return png, svg
