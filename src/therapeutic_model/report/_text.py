"""Plain-text tables of profiles, for terminals and logs (no third-party dependency)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from therapeutic_model.assessment import DomainScore, Instrument, InstrumentSpec, Profile

__all__ = ["format_age", "profile_table", "table"]


def format_age(months: float | None) -> str:
    """An age in months as years and months (``11 y 4 m``); ``–`` when unknown.

    >>> format_age(136)
    '11 y 4 m'
    """
    if months is None:
        return "–"
    m = round(months)
    return f"{m // 12} y {m % 12} m"


def table(
    header: Sequence[str], rows: Sequence[Sequence[str]], *, right: set[int] | None = None
) -> str:
    """Rows aligned in columns under a header and a rule; ``right`` lists right-aligned columns.

    >>> print(table(["a", "b"], [["x", "1"]], right={1}))
    a  b
    -  -
    x  1
    """
    right = right or set()
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        parts = [
            str(c).rjust(w) if i in right else str(c).ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "  ".join(parts).rstrip()

    rule = ["-" * w for w in widths]
    return "\n".join([line(header), line(rule), *(line(r) for r in rows)])


def wrap_words(words: Iterable[str], limit: int) -> list[str]:
    """Words in lines of at most ``limit`` characters; a longer word has a line of its own.

    >>> wrap_words("the brainstem and the cortex".split(), 10)
    ['the', 'brainstem', 'and the', 'cortex']
    """
    lines, line = [], ""
    for w in words:
        if line and len(line) + 1 + len(w) > limit:
            lines.append(line)
            line = w
        else:
            line = f"{line} {w}".strip()
    lines.append(line)
    return lines


def _num(x: float | None, digits: int = 1) -> str:
    if x is None:
        return "–"
    return f"{x:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{x:.0f}"


def _fixed(x: float | None) -> str:
    return "–" if x is None else f"{x:.2f}"


def given_title(instrument: Instrument | None, score_id: str) -> str | None:
    """The title an instrument spec gives a domain or derived score; ``None`` if it gives none."""
    if isinstance(instrument, InstrumentSpec):
        titles = {d.id: d.title for d in instrument.domains}
        titles |= {d.id: d.title for d in instrument.derived}
        return titles.get(score_id) or None
    return None


def score_title(instrument: Instrument | None, score_id: str) -> str:
    """A score's title: the instrument's own, else its id in words (``total difficulties``)."""
    return given_title(instrument, score_id) or score_id.replace("_", " ")


def profile_table(profile: Profile, instrument: Instrument | None = None) -> str:
    """A profile as a readable table.

    Instruments with levels are listed from the top level down (as a brain map is read, with
    the brainstem at the base), with ratio to age-typical and functional age; others list each
    score with its band and the band's thresholds.
    """
    if profile.level_order:
        return _levelled(profile, instrument)
    rows = [
        [
            score_title(instrument, s.id),
            _num(s.value),
            s.band.label if s.band else "–",
            _thresholds(s),
        ]
        for s in profile.scores.values()
    ]
    return table(["score", "value", "band", "band range"], rows, right={1})


def _thresholds(s: DomainScore) -> str:
    if s.band is None:
        return ""
    lo, hi = s.band.lower, s.band.upper
    if hi is None:
        return f"≥ {_num(lo)}"
    if lo is None:
        return f"≤ {_num(hi)}"
    return f"{_num(lo)}–{_num(hi)}" if lo != hi else _num(lo)


def _levelled(profile: Profile, instrument: Instrument | None) -> str:
    order = profile.level_order
    scores = sorted(
        (s for s in profile.scores.values() if s.level is not None),
        key=lambda s: -order.get(s.level or "", 0),
    )
    rows = [
        [
            s.level or "",
            score_title(instrument, s.id),
            _fixed(s.value),
            _fixed(s.expected),
            "–" if s.ratio is None else f"{s.ratio:.0%}",
            s.band.label if s.band else "–",
            format_age(s.functional_age_months),
        ]
        for s in scores
    ]
    header = ["level", "domain", "score", "age-typical", "ratio", "band", "functional age"]
    return table(header, rows, right={2, 3, 4})
