"""Small HTML building blocks for the evidence report: escaped text, tables, embedded figures.

Every page is self-contained: figures are embedded as ``data:`` URIs, the stylesheet is inline,
and nothing is fetched from the network. The print stylesheet lays pages out on A4.
"""

from __future__ import annotations

import base64
import html
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from therapeutic_model.report._style import rc

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["CSS", "embed_svg", "esc", "page", "svg_bytes", "table"]


def esc(text: object) -> str:
    """Text escaped for HTML."""
    return html.escape(str(text), quote=True)


def table(
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    numeric: Iterable[int] = (),
    caption: str | None = None,
    raw: bool = False,
) -> str:
    """An HTML table; cells are escaped unless ``raw`` (for cells built with :func:`esc`)."""
    right = set(numeric)
    cell = (lambda c: c) if raw else esc
    head = "".join(
        f'<th class="num">{esc(h)}</th>' if i in right else f"<th>{esc(h)}</th>"
        for i, h in enumerate(header)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="num">{cell(c)}</td>' if i in right else f"<td>{cell(c)}</td>"
            for i, c in enumerate(r)
        )
        + "</tr>"
        for r in rows
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def svg_bytes(fig: Figure) -> bytes:
    """A figure rendered as SVG, text kept as text, with no creation date."""
    import matplotlib as mpl

    buf = io.BytesIO()
    with mpl.rc_context(rc()):
        fig.savefig(buf, format="svg", facecolor="white", metadata={"Date": None})
    return buf.getvalue()


def embed_svg(svg: bytes, alt: str) -> str:
    """An SVG as an inline ``<img>`` with a ``data:`` URI (crisp when printed)."""
    data = base64.b64encode(svg).decode("ascii")
    return (
        f'<figure><img src="data:image/svg+xml;base64,{data}" alt="{esc(alt)}">'
        f"<figcaption>{esc(alt)}</figcaption></figure>"
    )


CSS = """
:root { --ink:#1f2933; --muted:#5f6b7a; --rule:#d9dee4; --green:#3f9f6b; --amber:#c98a12;
        --red:#c43d3d; --panel:#f5f7f9; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Segoe UI", Helvetica, Arial, sans-serif; color: var(--ink);
       margin: 0 auto; max-width: 60rem; padding: 1.5rem 2rem 3rem; line-height: 1.45;
       font-size: 10.5pt; }
header.top { border-bottom: 3px solid var(--ink); margin-bottom: 1rem; padding-bottom: .5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .2rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .5rem; padding-top: .4rem;
     border-top: 1px solid var(--rule); }
h3 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
p.meta, .muted { color: var(--muted); }
.banner { background: #fff4d6; border: 1px solid #e8c468; padding: .5rem .8rem; margin: .8rem 0;
          font-weight: bold; }
.element { display: inline-block; font-size: .75rem; text-transform: uppercase;
           letter-spacing: .06em; color: var(--muted); margin-right: .4rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: 9.5pt; }
caption { text-align: left; color: var(--muted); font-size: 9pt; padding-bottom: .25rem; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .45rem; text-align: left;
         vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: .6rem 0 1.2rem; }
figure img { width: 100%; height: auto; border: 1px solid var(--rule); }
figcaption { color: var(--muted); font-size: 9pt; margin-top: .2rem; }
.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(12.5rem, 1fr));
        gap: .6rem; margin: .8rem 0 1.2rem; }
.kpi { background: var(--panel); border-left: 4px solid var(--ink); padding: .5rem .7rem; }
.kpi b { display: block; font-size: 1.35rem; }
.kpi span { color: var(--muted); font-size: 9pt; }
.kpi.green { border-color: var(--green); } .kpi.amber { border-color: var(--amber); }
.kpi.red { border-color: var(--red); }
.band { font-weight: 600; white-space: nowrap; }
.rank-0 { color: var(--green); } .rank-1 { color: var(--amber); }
.rank-2, .rank-3 { color: var(--red); }
.improved { color: var(--green); font-weight: 600; } .worse { color: var(--red); font-weight: 600; }
ul.compact { margin: .3rem 0 1rem; padding-left: 1.2rem; }
nav.toc { background: var(--panel); padding: .5rem 1rem; margin: 1rem 0; }
nav.toc a { margin-right: 1rem; }
a { color: #2f6690; }
footer { margin-top: 2.5rem; border-top: 1px solid var(--rule); padding-top: .5rem;
         color: var(--muted); font-size: 8.5pt; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 9.5pt; }
  nav.toc, a.back { display: none; }
  h2 { break-before: page; border-top: none; }
  h2.first { break-before: auto; }
  figure, table, .kpis, .kpi { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  .banner { background: none; }
}
"""


def page(title: str, body: str, *, notice: str | None) -> str:
    """A complete, self-contained HTML page."""
    banner = f'<div class="banner">{esc(notice)}</div>' if notice else ""
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{esc(title)}</title><style>{CSS}</style></head>"
        f"<body>{banner}{body}"
        "<footer>Made with therapeutic_model. The library suggests, measures and reminds; "
        "decisions about a child's care stay with the people who know the child. Norms of "
        "the neurosequential-style instrument are illustrative, not clinically validated."
        "</footer></body></html>\n"
    )
