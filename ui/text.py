"""Show typed or imported text literally in Streamlit's markdown-rendering elements.

``st.subheader``, ``st.success``, ``st.error``, ``st.caption`` and friends read their text
as Markdown with LaTeX (``$...$``), ``:material/...:`` icons and ``:red[...]`` colours, so
an organization named ``*Help* `now` ${1+1}`` would be reformatted. Backslash-escaping every
ASCII punctuation character (CommonMark allows it for all of them) keeps it literal.
``st.text``, ``st.dataframe`` and widget labels of options are plain text already.
"""

from __future__ import annotations

import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$~:&=\"'])")


def literal(value: object) -> str:
    """Return ``value`` as text that Streamlit's markdown shows character for character."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", str(value))
