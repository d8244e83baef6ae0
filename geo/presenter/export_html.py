"""A story as one self-contained HTML file: opens from a USB stick, no server, no internet.

Each slide's map is a complete folium page kept as a string in the file and loaded into one
iframe when its slide is shown (a map drawn while hidden would have no size). Leaflet's
JavaScript and CSS come from the project's vendored npm copy (``static/vendor``) and are
inlined; every other script or stylesheet folium would link from a CDN is left out, because
slide maps use only plain Leaflet (GeoJSON, circle markers, tooltips, the scale bar).
The page's own words (buttons, slide counter) are in the ``language`` asked for, and the page
reads right to left in Arabic; captions and figures are shown as given. Under each slide's
caption, folded in a ``<details>``, its legend as text and its map's layers as tables
(:mod:`geo.presenter.export_tables`), for the keyboard and screen readers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path

import folium

from geo.config import PROJECT_ROOT
from geo.errors import VendorAssetsMissing
from geo.i18n import DEFAULT, N_, is_rtl, translator
from geo.messages import Message
from geo.presenter.export_tables import SORT_SCRIPT, slide_tables_html
from geo.presenter.slide_tables import SlideTables

LEAFLET_DIR = PROJECT_ROOT / "static" / "vendor" / "leaflet" / "dist"
_EXTERNAL = re.compile(r"<(script|link)\b[^>]*\b(src|href)=\"https?://[^\"]*\"[^>]*>(</script>)?")


@dataclass(frozen=True, kw_only=True)
class ExportSlide:
    """A slide ready for export: caption, figure lines (± MOE), its folium map and the
    map as text and tables (in the export's language)."""

    caption: str
    figures: tuple[str, ...]
    map: folium.Map
    tables: SlideTables | None = None


def standalone_map_html(m: folium.Map, leaflet_dir: Path = LEAFLET_DIR) -> str:
    """The map as a page with Leaflet inlined and no link to anything outside the file.

    Raises
    ------
    VendorAssetsMissing
        If Leaflet is not in ``static/vendor`` (run ``python -m geo vendor``).
    """
    try:
        js = (leaflet_dir / "leaflet.js").read_text(encoding="utf-8")
        css = (leaflet_dir / "leaflet.css").read_text(encoding="utf-8")
    except FileNotFoundError as err:
        words = N_("Leaflet is missing from {folder}; run `python -m geo vendor` first.")
        raise VendorAssetsMissing(Message(words, folder=str(leaflet_dir))) from err
    html = _EXTERNAL.sub("", m.get_root().render())
    safe_js = js.replace("</script", "<\\/script")
    inline = f"<style>{css}</style><script>{safe_js}</script>"
    return html.replace("<head>", "<head>" + inline, 1)


def export_story_html(
    title: str, slides: list[ExportSlide], *, stamp: str, language: str = DEFAULT
) -> str:
    """The story as one HTML page: full-window map, large caption, Previous/Next and keys,
    its own words in ``language``."""
    tr = translator(language).gettext
    maps = [standalone_map_html(s.map) for s in slides]
    cards = "".join(
        f'<section class="slide" data-index="{i}"><h2>{escape(s.caption)}</h2><ul>'
        + "".join(f"<li>{escape(f)}</li>" for f in s.figures)
        + "</ul>"
        + (slide_tables_html(s.tables, translate=tr, code=language) if s.tables else "")
        + "</section>"
        for i, s in enumerate(slides)
    )
    data = json.dumps(maps).replace("</", "<\\/")
    words = {
        "lang": escape(language),
        "dir": "rtl" if is_rtl(language) else "ltr",
        "map_title": escape(tr(N_("Map of the slide"))),
        "previous": escape(tr(N_("◀ Previous"))),
        "next": escape(tr(N_("Next ▶"))),
        # the counter's template, filled in the browser ("Slide 2 of 5")
        "counter": json.dumps(tr(N_("Slide {number} of {count}")), ensure_ascii=False).replace(
            "</", "<\\/"
        ),
    }
    return _DECK.format(
        title=escape(title),
        stamp=escape(stamp),
        cards=cards,
        data=data,
        count=len(slides),
        sort=SORT_SCRIPT,
        **words,
    )


_DECK = """<!DOCTYPE html>
<html lang="{lang}" dir="{dir}"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
html,body{{margin:0;height:100%;font-family:system-ui,sans-serif;background:#111;color:#fff}}
#map{{position:fixed;inset:0 0 0 0;width:100%;height:100%;border:0;background:#eee}}
#panel{{position:fixed;inset-inline-start:64px;top:16px;max-width:38%;background:rgba(0,0,0,.72);
padding:14px 20px;border-radius:8px;max-height:calc(100% - 72px);overflow:auto}}
#panel:has(details[open]){{max-width:max(38%,calc(100% - 580px));background:#1a1a1a}}
h1{{font-size:18px;font-weight:500;margin:0 0 6px;opacity:.8}}
h2{{font-size:34px;line-height:1.2;margin:0 0 10px}}
ul{{font-size:20px;margin:0;padding-inline-start:22px}}
details{{margin-top:12px;font-size:15px}} summary{{cursor:pointer;font-size:17px}}
summary:focus-visible,button:focus-visible{{outline:3px solid #ffd54f;outline-offset:2px}}
details ul{{font-size:15px}} .legend-title{{margin:10px 0 4px}}
table{{border-collapse:collapse;margin:14px 0;font-size:14px}}
caption{{text-align:start;font-weight:700;font-size:16px;padding:4px 0}}
th,td{{border:1px solid #666;padding:3px 7px;text-align:start;vertical-align:top}}
thead th{{background:#333}} th[scope=row]{{font-weight:400}} td.num{{text-align:end}}
th button{{font:inherit;font-weight:700;color:inherit;background:none;border:0;padding:0;
text-align:start;cursor:pointer}}
th[aria-sort=ascending] button::after{{content:" ▲"}}
th[aria-sort=descending] button::after{{content:" ▼"}}
h2{{unicode-bidi:plaintext}}
.slide{{display:none}} .slide.on{{display:block}}
#nav{{position:fixed;right:16px;top:16px;display:flex;gap:10px;align-items:center;font-size:22px}}
#count{{unicode-bidi:plaintext;background:rgba(0,0,0,.72);padding:4px 10px;border-radius:6px}}
[dir=rtl] #nav{{right:auto;left:64px}}
button{{font-size:22px;padding:8px 18px;border-radius:6px;border:0;cursor:pointer}}
#stamp{{position:fixed;left:50%;transform:translateX(-50%);bottom:6px;font-size:13px;
background:rgba(0,0,0,.6);padding:2px 8px;border-radius:4px}}
</style></head><body>
<iframe id="map" title="{map_title}"></iframe>
<div id="panel"><h1>{title}</h1>{cards}</div>
<div id="nav" dir="ltr"><button id="prev">{previous}</button><span id="count"></span>
<button id="next">{next}</button></div>
<div id="stamp">{stamp}</div>
<script>
var maps = {data}; var at = 0; var counter = {counter};
function show(i) {{
  at = Math.max(0, Math.min({count} - 1, i));
  document.querySelectorAll('.slide').forEach(function(s) {{
    s.classList.toggle('on', Number(s.dataset.index) === at); }});
  document.getElementById('map').srcdoc = maps[at];
  document.getElementById('count').textContent =
    counter.replace('{{number}}', at + 1).replace('{{count}}', {count});
}}
document.getElementById('prev').onclick = function() {{ show(at - 1); }};
document.getElementById('next').onclick = function() {{ show(at + 1); }};
document.addEventListener('keydown', function(e) {{
  // inside an open table, the page keys scroll it
  if (e.target.closest && e.target.closest('details[open]')) {{ return; }}
  if (e.key === 'PageDown') {{ e.preventDefault(); show(at + 1); }}
  if (e.key === 'PageUp') {{ e.preventDefault(); show(at - 1); }}
}});
window.addEventListener('message', function(e) {{
  if (e.data && e.data.deck) {{ show(at + e.data.deck); }}
}});
{sort}
show(0);
</script></body></html>
"""
