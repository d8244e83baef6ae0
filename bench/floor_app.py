"""Streamlit's own floor for a filter change on this machine (issue 16, ``bench/crowd.py``).

One list of class-break names and one line saying which is shown, in a fragment, and no
project code: what a change costs when the page does nothing but Streamlit's round trip
(the click, the rerun, the frontend redrawing the list). ``bench/run.py`` runs the same
crowd against this page right after the asset map, so our figures are read beside what no
Streamlit page can beat on the same machine. Not part of the app.
"""

import streamlit as st

# The app's three class breaks (the default first, as on the map) and one more, so the
# list is about as long as the lead's prototype's.
BREAKS = (
    "Quantiles",
    "Natural breaks (Fisher-Jenks)",
    "Fewest tracts across a break (margins of error)",
    "Equal intervals",
)


@st.fragment
def _one_list() -> None:
    shown = st.selectbox("Class breaks", BREAKS)
    st.markdown(f"Shown: {shown}")


_one_list()
