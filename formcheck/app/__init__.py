"""FormCheck's Streamlit app, a thin shell over the core (``make app`` runs it).

Pages, each a module with ``render()``: ``safety_page``, ``library_page``, ``live_page``
(with ``camera``: the streamlit-webrtc plumbing, ``live_panel``: the numbers polled beside the
video, ``live_set``: a set's stages and pain checks) and ``review_page``. ``main`` wires them
into navigation; ``ui`` and ``nav`` hold what the pages share. The logic the pages show lives
in Streamlit-free modules tested on their own: ``safety`` (red flags, pain rules),
``live_state`` (the thread-safe live set shared by the video callback and the page) and
``review`` (tables, timeline, plots of an analysed upload). The core never imports this package.
"""
