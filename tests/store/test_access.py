"""Access control: nobody reads or changes another patient's records through any function.

Every public store function that takes an acting user is called by each intruder on Ben's
data (Ben is Ana's patient): Cat (another patient), Dan (a patient with no therapist) and Eve
(a therapist not linked to Ben). All must raise AccessDenied. A coverage test fails when a new
function taking ``actor`` is added without an entry here.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pytest

import formcheck.store as api
from formcheck.specs import get_spec
from formcheck.store import AccessDenied, PrescribedExercise, Store, UserInfo, get_session
from tests.store.backends import BACKENDS, open_test_store
from tests.store.world import (
    SetRecord,
    World,
    build_world,
    plank_upload,
    rep_events,
    set_recording,
)

Call = Callable[[Store, UserInfo, World], Any]


@pytest.fixture(scope="module", params=BACKENDS)
def clinic(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, World]]:
    """One clinic per backend for the whole module: refused calls change nothing, and the
    allowed ones only add rows no test here counts."""
    with open_test_store(request.param, tmp_path_factory.mktemp("access")) as store:
        yield store, build_world(store)


def _ben_rep(store: Store, world: World) -> int:
    return get_session(store, world.ana, world.ben_session).rep_rows[0].id


def _ben_flag(store: Store, world: World) -> int:
    return get_session(store, world.ana, world.ben_session).events[0].id


def _ben_set(store: Store, world: World) -> int:
    return get_session(store, world.ana, world.ben_session).sets[0].id


UPLOAD = plank_upload()
RECORDING = set_recording(rep_events([30.0]))

# What each function does to Ben's data when an intruder calls it.
ON_BENS_DATA: dict[str, Call] = {
    "list_sessions": lambda s, a, w: api.list_sessions(s, a, w.ben.id),
    "get_session": lambda s, a, w: api.get_session(s, a, w.ben_session),
    "start_live_session": lambda s, a, w: api.start_live_session(
        s, a, get_spec("glute_bridge"), patient_id=w.ben.id
    ),
    "save_live_set": lambda s, a, w: api.save_live_set(
        s, a, w.ben_session, SetRecord("x", 1, 1, False, 1, None, False, ""), rep_events([30.0])
    ),
    "save_upload_review": lambda s, a, w: api.save_upload_review(
        s, a, UPLOAD, recording=RECORDING, patient_id=w.ben.id
    ),
    # Landmark recordings: saving one onto Ben's set, reading his back, importing a file for him.
    "save_recording": lambda s, a, w: api.save_recording(s, a, _ben_set(s, w), RECORDING),
    "session_recordings": lambda s, a, w: api.session_recordings(s, a, w.ben_session),
    "session_recording_bytes": lambda s, a, w: api.session_recording_bytes(s, a, w.ben_session, 1),
    "import_recording": lambda s, a, w: api.import_recording(s, a, w.ben.id, RECORDING),
    "review_flag": lambda s, a, w: api.review_flag(s, a, _ben_flag(s, w), "overruled"),
    "add_note": lambda s, a, w: api.add_note(s, a, w.ben.id, "hello"),
    "list_notes": lambda s, a, w: api.list_notes(s, a, w.ben.id),
    "patient_info": lambda s, a, w: api.patient_info(s, a, w.ben.id),
    "prescribe_programme": lambda s, a, w: api.prescribe_programme(
        s, a, w.ben.id, [PrescribedExercise("glute_bridge", 1, 10)]
    ),
    "programme_history": lambda s, a, w: api.programme_history(s, a, w.ben.id),
    "current_programme": lambda s, a, w: api.current_programme(s, a, w.ben.id),
    "programme_progress": lambda s, a, w: api.programme_progress(s, a, w.ben.id),
    "record_reference_rep": lambda s, a, w: api.record_reference_rep(s, a, _ben_rep(s, w)),
    "reference_for": lambda s, a, w: api.reference_for(s, a, w.ben.id, "glute_bridge"),
    "compare_rep": lambda s, a, w: api.compare_rep(s, a, _ben_rep(s, w)),
    # Role-bound acts: a patient cannot list patients or make invites; a therapist cannot redeem.
    "list_patients": lambda s, a, w: api.list_patients(s, w.ben),
    "create_invite": lambda s, a, w: api.create_invite(s, w.ben),
    "redeem_invite": lambda s, a, w: api.redeem_invite(s, w.eve, "AAAA-AAAA"),
}
INTRUDERS = ("cat", "dan", "eve")
# Acts only Ben's therapist may do, so Ben himself is refused too.
THERAPIST_ONLY = ("review_flag", "prescribe_programme")


def test_every_function_taking_an_actor_is_covered() -> None:
    taking_actor = {
        name
        for name in api.__all__
        if inspect.isfunction(getattr(api, name))
        and "actor" in inspect.signature(getattr(api, name)).parameters
    }
    assert taking_actor == set(ON_BENS_DATA)


@pytest.mark.parametrize("intruder", INTRUDERS)
@pytest.mark.parametrize("name", sorted(ON_BENS_DATA))
def test_intruders_are_refused(clinic: tuple[Store, World], name: str, intruder: str) -> None:
    store, world = clinic
    with pytest.raises(AccessDenied):
        ON_BENS_DATA[name](store, getattr(world, intruder), world)


@pytest.mark.parametrize("name", THERAPIST_ONLY)
def test_patients_cannot_do_their_therapists_acts(clinic: tuple[Store, World], name: str) -> None:
    store, world = clinic
    with pytest.raises(AccessDenied, match="only a therapist"):
        ON_BENS_DATA[name](store, world.ben, world)


@pytest.mark.parametrize(
    "name", sorted(set(ON_BENS_DATA) - {"list_patients", "create_invite", "redeem_invite"})
)
def test_ben_and_his_therapist_are_allowed(clinic: tuple[Store, World], name: str) -> None:
    store, world = clinic
    for actor in (world.ana, world.ben):
        if name in THERAPIST_ONLY and actor is world.ben:
            continue
        ON_BENS_DATA[name](store, actor, world)  # no AccessDenied


def test_a_stale_or_forged_actor_is_refused(clinic: tuple[Store, World]) -> None:
    store, world = clinic
    forged = UserInfo(world.cat.id, world.cat.username, "Cat", api.Role.THERAPIST)
    with pytest.raises(AccessDenied, match="log in again"):
        api.list_patients(store, forged)
    ghost = UserInfo(9999, "ghost", "Ghost", api.Role.PATIENT)
    with pytest.raises(AccessDenied, match="log in again"):
        api.list_sessions(store, ghost, 9999)
