"""Who is logged in, and the session store the pages talk to.

The store is opened once per server (``$FORMCHECK_DB_URL`` or the default SQLite file); the
logged-in user is kept in this browser session only. Every read or write goes through the
store's service functions, which check access themselves: the pages never decide who may see
what, they only pass the logged-in user along.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from formcheck.errors import FormCheckError
from formcheck.store import Role, Store, UserInfo, default_db_url, open_store

USER_KEY = "fc.user"
T = TypeVar("T")


@st.cache_resource(show_spinner="Opening the session store...")
def _open(url: str) -> Store:
    return open_store(url)


def store() -> Store | None:
    """The session store, or None after showing why it cannot be opened."""
    try:
        return _open(default_db_url())
    except FormCheckError as exc:
        st.error(f"The session store is not available, so nothing can be saved or opened.\n\n{exc}")
        return None


def current_user() -> UserInfo | None:
    user: UserInfo | None = st.session_state.get(USER_KEY)
    return user


def log_in(user: UserInfo) -> None:
    st.session_state[USER_KEY] = user


def log_out() -> None:
    # Everything a user opened goes with them; the safety answers and live sets stay.
    for key in [k for k in st.session_state if str(k).startswith(("fc.account.", "fc.replay."))]:
        del st.session_state[key]
    st.session_state.pop(USER_KEY, None)


def require_user(role: Role | None = None, doing: str = "open this page") -> UserInfo | None:
    """The logged-in user (of ``role``, if given), or None after saying what to do."""
    user = current_user()
    if user is None:
        st.info(f"Log in (or sign up) on the Account page to {doing}.", icon=":material/login:")
        return None
    if role is not None and user.role is not role:
        st.warning(f"Only a {role.value} account can {doing}.", icon=":material/block:")
        return None
    return user


def attempt(action: Callable[[], T], failure: str) -> T | None:
    """Runs a store call; a FormCheckError (refused, not found, invalid) is shown, not raised."""
    try:
        return action()
    except FormCheckError as exc:
        st.error(f"{failure}: {exc}", icon=":material/error:")
        return None
