"""Account: log in or sign up (therapist or patient), and link a patient to a therapist by an
invite code. Live coaching and upload review work without an account; saving needs one."""

from __future__ import annotations

import streamlit as st

from formcheck.app import account
from formcheck.errors import FormCheckError
from formcheck.store import (
    Role,
    Store,
    UserInfo,
    authenticate,
    create_account,
    create_invite,
    redeem_invite,
)

_ROLE_WORDS = {"patient": "Patient", "therapist": "Therapist"}


def _log_in_form(store: Store) -> None:
    with st.form("fc_w.login"):
        username = st.text_input("Username", key="fc_w.login.username")
        password = st.text_input("Password", type="password", key="fc_w.login.password")
        if st.form_submit_button("Log in", type="primary"):
            try:
                account.log_in(authenticate(store, username, password))
            except FormCheckError as exc:
                st.error(f"Could not log in: {exc}", icon=":material/error:")
                return
            st.rerun()


def _sign_up_form(store: Store) -> None:
    with st.form("fc_w.signup"):
        role = st.radio(
            "I am a", list(_ROLE_WORDS), format_func=_ROLE_WORDS.get, horizontal=True,
            key="fc_w.signup.role",
        )  # fmt: skip
        name = st.text_input(
            "Your name (shown to your therapist or patients)", key="fc_w.signup.name"
        )
        username = st.text_input("Username", key="fc_w.signup.username")
        password = st.text_input(
            "Password (at least 8 characters)", type="password", key="fc_w.signup.password"
        )
        if st.form_submit_button("Sign up", type="primary"):
            try:
                user = create_account(store, username, password, role, name)
            except FormCheckError as exc:
                st.error(f"Could not sign up: {exc}", icon=":material/error:")
                return
            account.log_in(user)
            st.rerun()


def _invite(store: Store, user: UserInfo) -> None:
    st.subheader("Invite a patient")
    st.markdown(
        "A patient who enters your code on their Account page is linked to you: you then see "
        "their sessions, review their form flags and prescribe their programme."
    )
    if st.button("Make an invite code", icon=":material/key:"):
        invite = account.attempt(lambda: create_invite(store, user), "No invite code was made")
        if invite is not None:
            st.session_state["fc.account.invite"] = invite
    invite = st.session_state.get("fc.account.invite")
    if invite is not None:
        st.success(
            f"Invite code **{invite.code}** (single use, valid until {invite.expires_at:%d %b %Y})",
            icon=":material/key:",
        )


def _redeem(store: Store, user: UserInfo) -> None:
    st.subheader("Link to your therapist")
    st.markdown(
        "Enter the invite code your therapist gave you. They will then see your saved sessions "
        "and can prescribe your programme."
    )
    with st.form("fc_w.redeem"):
        code = st.text_input("Invite code", placeholder="ABCD-EFGH", key="fc_w.redeem.code")
        if st.form_submit_button("Link"):
            therapist = account.attempt(
                lambda: redeem_invite(store, user, code), "The code was not accepted"
            )
            if therapist is not None:
                st.success(f"You are now linked to {therapist.display_name}.")


def render() -> None:
    st.title("Account")
    store = account.store()
    if store is None:
        return
    user = account.current_user()
    if user is None:
        st.markdown(
            "Live coaching and upload review work without an account. Log in to save your "
            "sets, follow your therapist's programme and share your sessions with them."
        )
        log_in, sign_up = st.tabs(["Log in", "Sign up"])
        with log_in:
            _log_in_form(store)
        with sign_up:
            _sign_up_form(store)
        return
    st.markdown(f"Logged in as **{user.display_name}** ({user.username}, {user.role.value}).")
    if st.button("Log out", icon=":material/logout:"):
        account.log_out()
        st.rerun()
    if user.role is Role.THERAPIST:
        _invite(store, user)
    else:
        _redeem(store, user)
