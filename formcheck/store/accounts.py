"""Accounts: sign-up with argon2-hashed passwords, log-in, invite codes and patient lists."""

from __future__ import annotations

import datetime as dt
import re
import secrets

from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from formcheck.errors import AuthenticationError, NotFound, StoreError
from formcheck.store.access import acting_user, require_patient, require_role
from formcheck.store.database import Store
from formcheck.store.models import CareLink, ExerciseSession, InviteCode, Role, User, now_or
from formcheck.store.records import InviteInfo, PatientSummary, UserInfo

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._@-]{2,79}$")
MIN_PASSWORD = 8
INVITE_VALID_DAYS = 14
# Invite codes: no 0/O or 1/I/L to misread; 8 characters of 31 is about 40 bits.
INVITE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
INVITE_LENGTH = 8


def user_info(user: User) -> UserInfo:
    return UserInfo(user.id, user.username, user.display_name, user.role)


def create_account(
    store: Store,
    username: str,
    password: str,
    role: Role | str,
    display_name: str = "",
    *,
    now: dt.datetime | None = None,
) -> UserInfo:
    """Creates a therapist or patient account; the password is stored as an argon2id hash.

    Args:
        username: 3-80 characters: lower-case letters, digits and ``. _ @ -`` (case is
            ignored: ``Ana`` and ``ana`` are one account).
        password: At least 8 characters.
        role: ``therapist`` or ``patient``.
        display_name: The name shown to others; default the username.

    Raises:
        StoreError: the username is taken or malformed, the password too short, or the role
            unknown.

    Example:
        >>> ana = create_account(store, "ana", "correct horse", "therapist", "Ana Silva")
    """
    name = username.strip().lower()
    if not USERNAME.match(name):
        raise StoreError(
            f"username {username!r}: use 3-80 lower-case letters, digits and . _ @ - "
            "(starting with a letter or digit)"
        )
    if len(password) < MIN_PASSWORD:
        raise StoreError(f"password: use at least {MIN_PASSWORD} characters")
    try:
        role = Role(role)
    except ValueError:
        raise StoreError(f"role {role!r}: must be 'therapist' or 'patient'") from None
    user = User(
        username=name,
        display_name=display_name.strip() or name,
        role=role,
        password_hash=store.hasher.hash(password),
        created_at=now_or(now),
    )
    try:
        with store.sessions.begin() as db:
            db.add(user)
            db.flush()
            return user_info(user)
    except IntegrityError:
        raise StoreError(f"username {name!r} is taken: choose another") from None


def authenticate(store: Store, username: str, password: str) -> UserInfo:
    """The account for this username and password.

    Raises:
        AuthenticationError: unknown username or wrong password (the message does not say
            which).
    """
    refused = AuthenticationError("wrong username or password")
    with store.transaction() as db:
        user = db.scalar(select(User).where(User.username == username.strip().lower()))
        if user is None:
            raise refused
        try:
            store.hasher.verify(user.password_hash, password)
        except (VerificationError, InvalidHashError):
            raise refused from None
        if store.hasher.check_needs_rehash(user.password_hash):
            # The hashing cost went up since this password was set: upgrade it now.
            user.password_hash = store.hasher.hash(password)
        return user_info(user)


def create_invite(
    store: Store,
    actor: UserInfo,
    *,
    valid_days: int = INVITE_VALID_DAYS,
    now: dt.datetime | None = None,
) -> InviteInfo:
    """A new single-use invite code from a therapist, valid for ``valid_days``.

    Raises:
        AccessDenied: ``actor`` is not a therapist.
        StoreError: ``valid_days`` is not 1-365.
    """
    if not 1 <= valid_days <= 365:
        raise StoreError(f"valid_days must be 1-365 (got {valid_days})")
    created = now_or(now)
    code = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(INVITE_LENGTH))
    with store.transaction() as db:
        user = acting_user(db, actor)
        require_role(user, Role.THERAPIST, "create invite codes")
        invite = InviteCode(
            code=code,
            therapist_id=user.id,
            created_at=created,
            expires_at=created + dt.timedelta(days=valid_days),
        )
        db.add(invite)
    return InviteInfo(_display_code(code), user.id, invite.expires_at)


def _display_code(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def _normalise_code(code: str) -> str:
    return re.sub(r"[\s-]", "", code).upper()


def redeem_invite(
    store: Store, actor: UserInfo, code: str, *, now: dt.datetime | None = None
) -> UserInfo:
    """Links the patient ``actor`` to the therapist who made ``code``; returns the therapist.

    Codes are case-insensitive and the dash is optional.

    Raises:
        AccessDenied: ``actor`` is not a patient.
        NotFound: no such code.
        StoreError: the code has expired or was already used.
    """
    when = now_or(now)
    with store.transaction() as db:
        user = acting_user(db, actor)
        require_role(user, Role.PATIENT, "redeem an invite code")
        invite = db.scalar(select(InviteCode).where(InviteCode.code == _normalise_code(code)))
        if invite is None:
            raise NotFound(f"invite code {code.strip()!r} does not exist: check it for typos")
        if invite.redeemed_by is not None:
            raise StoreError(f"invite code {code.strip()!r} was already used: ask for a new one")
        if invite.expires_at <= when:
            raise StoreError(f"invite code {code.strip()!r} has expired: ask for a new one")
        invite.redeemed_by, invite.redeemed_at = user.id, when
        linked = db.scalar(
            select(CareLink).where(
                CareLink.therapist_id == invite.therapist_id, CareLink.patient_id == user.id
            )
        )
        if linked is None:
            db.add(CareLink(therapist_id=invite.therapist_id, patient_id=user.id, created_at=when))
        therapist = db.get(User, invite.therapist_id)
        assert therapist is not None  # the foreign key cascades deletes
        return user_info(therapist)


def list_patients(store: Store, actor: UserInfo) -> list[PatientSummary]:
    """The therapist's linked patients, by display name, with their session counts.

    Raises:
        AccessDenied: ``actor`` is not a therapist.
    """
    with store.transaction() as db:
        user = acting_user(db, actor)
        require_role(user, Role.THERAPIST, "list patients")
        counts = (
            select(
                ExerciseSession.patient_id,
                func.count(ExerciseSession.id).label("sessions"),
                func.max(ExerciseSession.started_at).label("last"),
            )
            .group_by(ExerciseSession.patient_id)
            .subquery()
        )
        rows = db.execute(
            select(User, CareLink.created_at, counts.c.sessions, counts.c.last)
            .join(CareLink, CareLink.patient_id == User.id)
            .outerjoin(counts, counts.c.patient_id == User.id)
            .where(CareLink.therapist_id == user.id)
            .order_by(User.display_name, User.id)
        ).all()
        return [
            PatientSummary(
                id=patient.id,
                username=patient.username,
                display_name=patient.display_name,
                linked_at=linked_at,
                sessions=sessions or 0,
                last_session_at=last,
            )
            for patient, linked_at, sessions, last in rows
        ]


def patient_info(store: Store, actor: UserInfo, patient_id: int) -> UserInfo:
    """A patient's account details (name for report headings), if ``actor`` may see them.

    Raises:
        AccessDenied: ``actor`` is another patient, or a therapist not linked to this one.
    """
    with store.transaction() as db:
        return user_info(require_patient(db, acting_user(db, actor), patient_id))
