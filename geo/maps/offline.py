"""Point a folium map's JavaScript and CSS links at the app's own copies (no CDN).

streamlit-folium loads every ``default_js``/``default_css`` URL of a map and its plugins
inside its iframe; :func:`localize_map` swaps folium's CDN URLs for the files that
:mod:`geo.maps.vendor` copied into ``static/vendor/`` (served at ``/app/static/vendor/``),
and links the Noto web fonts' stylesheet, so popups, tooltips, legends and labels draw
Chinese, Arabic, Devanagari and Korean on a machine without those fonts.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import branca.colormap
import branca.element
import folium
import folium.elements

from geo.errors import UnvendoredAsset
from geo.maps import webfonts
from geo.maps.vendor import CDN_TO_LOCAL, DEFAULT_BASE_URL

__all__ = ["localize_map"]


def _walk(element: branca.element.Element) -> Iterator[branca.element.Element]:
    """Yield element and all its descendants, as streamlit-folium walks them."""
    yield element
    for child in element._children.values():
        yield from _walk(child)


def _local_links(links: Sequence[tuple[str, str]], base_url: str) -> list[tuple[str, str]]:
    """Map (name, CDN URL) pairs to local URLs; drop the unused ones."""
    local = []
    for name, url in links:
        if url.startswith((base_url + "/", "/")):  # our own files, served by the app
            local.append((name, url))
            continue
        if url not in CDN_TO_LOCAL:
            raise UnvendoredAsset(
                f"The map needs '{url}' ({name}), which has no local copy, so it "
                "would not load offline. Add the npm package to package.json and "
                "the URL to geo.maps.vendor.CDN_TO_LOCAL, or drop the element."
            )
        path = CDN_TO_LOCAL[url]
        if path is not None:
            local.append((name, f"{base_url}/{path}"))
    return local


def localize_map(m: folium.Map, base_url: str = DEFAULT_BASE_URL) -> folium.Map:
    """Point every JS/CSS link of a map at the copies in static/vendor/.

    Sets instance attributes ``default_js``/``default_css`` on the map and on
    every plugin in its element tree (streamlit-folium reads them with
    ``getattr``), and removes CDN links a previous render left in the figure
    header. The map's own CSS ends with the web fonts' stylesheet (a link: the
    browser fetches only the font slices its text needs). The map is changed in
    place and returned.

    Parameters
    ----------
    m : folium.Map
        The map, with all its layers and plugins already added.
    base_url : str, default "/app/static/vendor"
        URL under which Streamlit serves ``static/vendor/``. Change it if the app
        runs under ``server.baseUrlPath``.

    Returns
    -------
    folium.Map
        The same map.

    Raises
    ------
    UnvendoredAsset
        If an element links to a URL not in :data:`CDN_TO_LOCAL`, or the map
        holds a branca ColorMap (streamlit-folium then loads d3 from a CDN).

    Examples
    --------
    >>> m = localize_map(folium.Map(tiles=None, maxZoom=18))
    >>> m.default_js[0]
    ('leaflet', '/app/static/vendor/leaflet/dist/leaflet.js')
    """
    base_url = base_url.rstrip("/")
    for element in _walk(m):
        if isinstance(element, branca.colormap.ColorMap):
            raise UnvendoredAsset(
                f"The map holds a colour scale ({type(element).__name__}, added by "
                "folium.Choropleth or colormap.add_to), which makes streamlit-folium "
                "load d3 from the internet. Draw the legend as HTML instead."
            )
        if isinstance(element, folium.elements.JSCSSMixin):
            element.default_js = _local_links(element.default_js, base_url)
            element.default_css = _local_links(element.default_css, base_url)
    fonts = ("atlas_webfonts", f"{base_url}/{webfonts.STYLESHEET}")
    if fonts not in m.default_css:
        m.default_css = [*m.default_css, fonts]
    _drop_cdn_header_links(m.get_root())
    return m


def _drop_cdn_header_links(root: branca.element.Element) -> None:
    """Remove header links to known CDN URLs left by an earlier render."""
    header = getattr(root, "header", None)
    if header is None:
        return
    for name, child in list(header._children.items()):
        is_link = isinstance(child, branca.element.Link)
        if is_link and getattr(child, "url", None) in CDN_TO_LOCAL:
            del header._children[name]
