"""FormCheck's Streamlit app, a thin shell over the core (``make app`` runs it).

One module per page (``safety_page``, ``library_page``, ``live_page``, ``review_page``), each
with a ``render()``; ``main`` wires them into navigation. The logic the pages show lives in
Streamlit-free modules tested on their own: ``safety`` (red flags, pain rules), ``live_state``
(the thread-safe live set shared by the video callback and the page) and ``review`` (tables,
timeline, plots of an analysed upload). The core never imports this package.
"""
