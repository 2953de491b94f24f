"""The app's pages: titles, icons and URLs in one table, so pages can link to each other."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st
from streamlit.navigation.page import StreamlitPage

# module of the page's render() -> (title, icon, URL path)
_PAGES: dict[str, tuple[str, str, str]] = {
    "formcheck.app.safety_page": ("Safety check", ":material/health_and_safety:", "safety"),
    "formcheck.app.library_page": ("Exercise library", ":material/menu_book:", "library"),
    "formcheck.app.live_page": ("Live coaching", ":material/videocam:", "live"),
    "formcheck.app.review_page": ("Upload and review", ":material/video_file:", "review"),
    "formcheck.app.replay_page": ("Session replay", ":material/replay:", "replay"),
    "formcheck.app.my_sessions_page": ("My sessions", ":material/history:", "my-sessions"),
    "formcheck.app.patients_page": ("Patients", ":material/group:", "patients"),
    "formcheck.app.session_page": ("Session", ":material/assignment:", "session"),
    "formcheck.app.account_page": ("Account", ":material/account_circle:", "account"),
}
DEFAULT = "formcheck.app.safety_page"
# Reached from other pages only (a saved session is opened from a list), not from the menu.
_HIDDEN = {"formcheck.app.session_page"}


def page(render: Callable[[], None]) -> StreamlitPage:
    """The page object for a page module's ``render`` (equal each time, as links need)."""
    title, icon, url = _PAGES[render.__module__]
    default = render.__module__ == DEFAULT
    return st.Page(
        render,
        title=title,
        icon=icon,
        url_path=None if default else url,
        default=default,
        visibility="hidden" if render.__module__ in _HIDDEN else "visible",
    )


def go(render: Callable[[], None]) -> None:
    """Switches to another page (inside a running app with navigation)."""
    st.switch_page(page(render))
