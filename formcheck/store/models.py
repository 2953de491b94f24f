"""The session store's tables, as SQLAlchemy 2 ORM models.

Only the store's own modules use these; the service functions hand out frozen records
(:mod:`formcheck.store.records`), so no page holds a live database object. Times are stored
as naive UTC (:class:`UTCDateTime`) so SQLite and PostgreSQL give back the same values.

::

    users ─┬─ care_links (therapist ⇄ patient)      invite_codes (therapist → redeeming patient)
           ├─ programmes ── programme_exercises     reference_reps (patient + exercise targets)
           ├─ sessions ── sets ─┬─ pain_ratings
           │                    ├─ reps
           │                    ├─ form_events ── flag_reviews
           │                    └─ set_recordings (the set's session file, for replay)
           └─ notes (optionally about one session)
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Dialect,
    Enum,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

# Constraint names spelled out, so migrations can refer to (and alter) them on every backend.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def full_metadata() -> MetaData:
    """Every table of the store, including models defined outside this module (each store
    module is imported so its models register): what the migrations must build."""
    import importlib
    import pkgutil

    import formcheck.store

    for module in pkgutil.iter_modules(formcheck.store.__path__, "formcheck.store."):
        if module.name != "formcheck.store.migrations":
            importlib.import_module(module.name)
    return Base.metadata


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A moment in time, stored as naive UTC and returned timezone-aware (UTC).

    SQLite keeps no time zone and PostgreSQL converts to the session's; naive UTC reads back
    the same on both.
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"store times must be timezone-aware (got naive {value})")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


def now_or(given: dt.datetime | None) -> dt.datetime:
    """``given`` if set (callers and tests pin times), else the current time in UTC."""
    return given if given is not None else dt.datetime.now(dt.UTC)


class Role(StrEnum):
    THERAPIST = "therapist"
    PATIENT = "patient"


class Source(StrEnum):
    """Where a session's numbers came from."""

    LIVE = "live"  # the Live coaching page, set by set
    UPLOAD = "upload"  # an uploaded video's review


class EventKind(StrEnum):
    FORM_ISSUE = "form_issue"  # a fault seen frame by frame (FormIssueStarted/Ended)
    REP_FAULT = "rep_fault"  # a fault judged on a whole rep (RepFault)
    INCOMPLETE_REP = "incomplete_rep"  # a rep that turned back before the top


class Verdict(StrEnum):
    """A therapist's word on a form flag."""

    CONFIRMED = "confirmed"
    OVERRULED = "overruled"


class PainMoment(StrEnum):
    BEFORE = "before"
    AFTER = "after"


def _enum(kind: type[StrEnum], name: str) -> Enum:
    # Stored as short strings with a CHECK, not as a PostgreSQL ENUM type: adding a value later is
    # then a plain constraint change on every backend.
    return Enum(
        kind,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=20,
        values_callable=lambda members: [m.value for m in members],
    )


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(_enum(Role, "role"))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class CareLink(Base):
    """A therapist looks after a patient (made when the patient redeems an invite code)."""

    __tablename__ = "care_links"
    __table_args__ = (UniqueConstraint("therapist_id", "patient_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    therapist_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())


class InviteCode(Base):
    __tablename__ = "invite_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    therapist_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    redeemed_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    redeemed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime())


class Programme(Base):
    """One version of a patient's prescription: editing makes a new version and ends the old
    one, so reports judge each day against what was prescribed that day."""

    __tablename__ = "programmes"
    __table_args__ = (CheckConstraint("days_per_week BETWEEN 1 AND 7", name="days_per_week"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    therapist_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    starts_on: Mapped[dt.date] = mapped_column()
    ends_on: Mapped[dt.date | None] = mapped_column()  # exclusive; None while current
    days_per_week: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    exercises: Mapped[list[ProgrammeExercise]] = relationship(
        back_populates="programme",
        cascade="all, delete-orphan",
        order_by="ProgrammeExercise.position",
    )


class ProgrammeExercise(Base):
    __tablename__ = "programme_exercises"
    __table_args__ = (
        CheckConstraint("sets >= 1", name="sets_positive"),
        CheckConstraint("reps IS NULL OR reps >= 1", name="reps_positive"),
        CheckConstraint("hold_s IS NULL OR hold_s > 0", name="hold_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    programme_id: Mapped[int] = mapped_column(
        ForeignKey("programmes.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    exercise_id: Mapped[str] = mapped_column(String(80))
    sets: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int | None] = mapped_column(Integer)
    hold_s: Mapped[float | None] = mapped_column(Float)
    side: Mapped[str | None] = mapped_column(String(20))  # left, right, both; None = the spec's
    # Dotted spec paths to numbers, e.g. {"reps.min_range": 12}: see formcheck.store.adjustments.
    adjustments: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    programme: Mapped[Programme] = relationship(back_populates="exercises")


class ReferenceRep(Base):
    """One good rep recorded for a patient; the newest per exercise gives their targets."""

    __tablename__ = "reference_reps"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    exercise_id: Mapped[str] = mapped_column(String(80))
    recorded_by: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    recorded_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    rep_id: Mapped[int | None] = mapped_column(ForeignKey("reps.id", ondelete="SET NULL"))
    side: Mapped[str | None] = mapped_column(String(20))
    range_of_motion: Mapped[float] = mapped_column(Float)
    duration_s: Mapped[float] = mapped_column(Float)
    up_s: Mapped[float] = mapped_column(Float)  # start to peak
    down_s: Mapped[float] = mapped_column(Float)  # peak to end


class ExerciseSession(Base):
    """One sitting of one exercise: a live session (one or more sets) or an upload review."""

    __tablename__ = "sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    exercise_id: Mapped[str] = mapped_column(String(80))
    exercise_name: Mapped[str] = mapped_column(String(200))
    source: Mapped[Source] = mapped_column(_enum(Source, "source"))
    started_at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), index=True)
    counts_reps: Mapped[bool] = mapped_column()
    video_name: Mapped[str] = mapped_column(String(300), default="")  # the name only, never video
    view: Mapped[str | None] = mapped_column(String(20))
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)

    sets: Mapped[list[ExerciseSet]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="ExerciseSet.number"
    )


class ExerciseSet(Base):
    __tablename__ = "sets"
    __table_args__ = (UniqueConstraint("session_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    ended_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    duration_s: Mapped[float] = mapped_column(Float)
    reps: Mapped[int] = mapped_column(Integer)
    reps_by_side: Mapped[dict[str, int]] = mapped_column(JSON, default=dict)
    hold_s: Mapped[float] = mapped_column(Float)
    judged_fraction: Mapped[float | None] = mapped_column(Float)
    sharp_pain: Mapped[bool] = mapped_column(default=False)
    stopped: Mapped[bool] = mapped_column(default=False)
    note: Mapped[str] = mapped_column(Text, default="")

    session: Mapped[ExerciseSession] = relationship(back_populates="sets")
    pain: Mapped[list[PainRating]] = relationship(
        back_populates="set", cascade="all, delete-orphan"
    )
    rep_rows: Mapped[list[Rep]] = relationship(
        back_populates="set", cascade="all, delete-orphan", order_by="Rep.number"
    )
    events: Mapped[list[FormEvent]] = relationship(
        back_populates="set", cascade="all, delete-orphan", order_by="FormEvent.time_s"
    )
    # Loaded only when asked for: most reads want the numbers, not the landmarks.
    recording: Mapped[SetRecording | None] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class SetRecording(Base):
    """The session file of one set (:mod:`formcheck.sessionfile` bytes: its landmarks,
    metrics and events, no pixels), kept for replay and download."""

    __tablename__ = "set_recordings"

    set_id: Mapped[int] = mapped_column(ForeignKey("sets.id", ondelete="CASCADE"), primary_key=True)
    format_version: Mapped[int] = mapped_column(Integer)
    saved_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    data: Mapped[bytes] = mapped_column(LargeBinary)


class PainRating(Base):
    __tablename__ = "pain_ratings"
    __table_args__ = (
        UniqueConstraint("set_id", "moment"),
        CheckConstraint("score BETWEEN 0 AND 10", name="score_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("sets.id", ondelete="CASCADE"))
    moment: Mapped[PainMoment] = mapped_column(_enum(PainMoment, "pain_moment"))
    score: Mapped[int] = mapped_column(Integer)

    set: Mapped[ExerciseSet] = relationship(back_populates="pain")


class Rep(Base):
    __tablename__ = "reps"
    __table_args__ = (UniqueConstraint("set_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("sets.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    side: Mapped[str | None] = mapped_column(String(20))
    start_s: Mapped[float] = mapped_column(Float)
    peak_s: Mapped[float] = mapped_column(Float)
    end_s: Mapped[float] = mapped_column(Float)
    duration_s: Mapped[float] = mapped_column(Float)
    range_of_motion: Mapped[float] = mapped_column(Float)
    # Each metric's lowest and highest value over the rep (NaN left out).
    metric_min: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    metric_max: Mapped[dict[str, float]] = mapped_column(JSON, default=dict)
    issues: Mapped[list[str]] = mapped_column(JSON, default=list)
    complete: Mapped[bool] = mapped_column(default=True)

    set: Mapped[ExerciseSet] = relationship(back_populates="rep_rows")


class FormEvent(Base):
    """A form flag the engine raised; therapists confirm or overrule it (``reviews``)."""

    __tablename__ = "form_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    set_id: Mapped[int] = mapped_column(ForeignKey("sets.id", ondelete="CASCADE"), index=True)
    kind: Mapped[EventKind] = mapped_column(_enum(EventKind, "event_kind"))
    time_s: Mapped[float] = mapped_column(Float)
    rule_id: Mapped[str] = mapped_column(String(80))
    severity: Mapped[str] = mapped_column(String(20))
    message: Mapped[str] = mapped_column(Text)
    cue: Mapped[str] = mapped_column(Text, default="")
    rep_number: Mapped[int | None] = mapped_column(Integer)
    value: Mapped[float | None] = mapped_column(Float)
    duration_s: Mapped[float | None] = mapped_column(Float)  # frame faults: how long it lasted
    side: Mapped[str | None] = mapped_column(String(20))

    set: Mapped[ExerciseSet] = relationship(back_populates="events")
    reviews: Mapped[list[FlagReview]] = relationship(
        back_populates="event", cascade="all, delete-orphan", order_by="FlagReview.id"
    )


class FlagReview(Base):
    """A therapist's verdict on a flag; every review is kept, the newest one counts."""

    __tablename__ = "flag_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(
        ForeignKey("form_events.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    verdict: Mapped[Verdict] = mapped_column(_enum(Verdict, "verdict"))
    note: Mapped[str] = mapped_column(Text, default="")
    reviewed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())

    event: Mapped[FormEvent] = relationship(back_populates="reviews")


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    patient_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    session_id: Mapped[int | None] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    written_at: Mapped[dt.datetime] = mapped_column(UTCDateTime())
    text: Mapped[str] = mapped_column(Text)
