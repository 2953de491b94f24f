"""Upload and review: analyse a recorded video on this machine and show what FormCheck found."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

from formcheck.analysis import side_breakdown
from formcheck.app import patient_save, saving, ui
from formcheck.app.review import Review, angle_figure, build_review, frames_csv, result_json
from formcheck.errors import FormCheckError
from formcheck.specs import ExerciseSpec
from formcheck.specs.schema import WorkingSide

REVIEW_KEY = "fc.review"
VIDEO_TYPES = ["mp4", "mov", "webm", "avi"]
_SEVERITY_ICON = {"error": ":red[●]", "warning": ":orange[●]", "info": ":blue[●]"}


@dataclass
class _Outcome:
    key: tuple[str, str]  # (upload id, exercise id)
    review: Review | None
    error: str | None
    saved: saving.Saved | None = None


def max_upload_mb() -> int:
    return int(st.get_option("server.maxUploadSize"))


def _analyse(upload: UploadedFile, spec: ExerciseSpec) -> _Outcome:
    key = (upload.file_id, spec.id)
    model = ui.model_path()
    if model is None:
        return _Outcome(key, None, "the pose model is not available")
    bar = st.progress(0.0, text="Reading the video")
    shown = [-1.0]

    def progress(fraction: float, text: str) -> None:
        if fraction - shown[0] >= 0.01 or fraction >= 1.0:
            shown[0] = fraction
            bar.progress(fraction, text=text)

    # The upload is written to a private temporary folder only while it is analysed.
    with tempfile.TemporaryDirectory(prefix="formcheck-") as folder:
        video = Path(folder) / f"upload{Path(upload.name).suffix.lower()}"
        video.write_bytes(upload.getvalue())
        try:
            review = build_review(video, spec, model, Path(folder), progress)
        except FormCheckError as exc:
            return _Outcome(key, None, str(exc).replace(video.name, upload.name))
        finally:
            bar.empty()
    # Saved once, as the analysis ends (for a logged-in patient; the numbers and landmarks only;
    # a therapist chooses the patient below the review).
    return _Outcome(key, review, None, saving.save_review(review.result, review.track))


def _show(review: Review, spec: ExerciseSpec, name: str) -> None:
    result = review.result
    for warning in result.warnings:
        st.warning(warning, icon=":material/warning:")
    video, numbers = st.columns([3, 2], gap="large")
    video.video(review.annotated_mp4, format="video/mp4")
    with numbers:
        per_side = spec.side is WorkingSide.ALTERNATING
        if result.counts_reps:
            target = spec.dosage.reps
            st.metric("Reps", f"{result.reps}" + (f" / {target}" if target else ""))
            if per_side and result.reps_by_side:
                st.caption(side_breakdown(result.reps_by_side, "{:d}"))
        goal = f" / {spec.dosage.hold_s:g} s" if spec.dosage.hold_s else ""
        if not result.counts_reps:
            st.metric("Held in good form", f"{result.hold_s:.1f} s{goal}")
            if per_side and result.summary.hold_s_by_side:
                st.caption(side_breakdown(result.summary.hold_s_by_side, "{:.1f} s"))
        elif spec.dosage.hold_s:  # a hold at the top of each rep
            longest = max((w.good_form_s for w in result.hold_windows), default=0.0)
            st.metric("Longest hold at the top", f"{longest:.1f} s{goal}")
        st.metric("Video", f"{result.duration_s:.1f} s, {result.fps:.0f} fps analysed")
        st.metric("Frames judged", f"{result.judged_fraction:.0%}")
    if review.rep_table:
        st.subheader("Reps")
        st.dataframe(review.rep_table, hide_index=True)
    st.subheader("Form issues")
    if not review.timeline:
        st.success("No form issues found.", icon=":material/thumb_up:")
    for item, thumb in zip(review.timeline, review.thumbnails, strict=False):
        picture, words = st.columns([1, 3], vertical_alignment="center")
        picture.image(thumb, width="stretch")
        words.markdown(
            f"{_SEVERITY_ICON.get(item.severity, '')} **{item.time_s:.1f} s** · {item.title}  \n"
            f"Cue: *{item.cue}*"
        )
    figure = angle_figure(result, spec)
    if figure is not None:
        st.subheader("Angles over time")
        st.caption(
            "Green bands are counted reps (numbered), blue bands holds, dotted lines issues."
        )
        st.pyplot(figure, width="stretch")
    st.subheader("Downloads")
    stem = Path(name).stem
    a, b, c = st.columns(3)
    a.download_button(
        "Result (JSON)", result_json(result), f"{stem}.formcheck.json", "application/json"
    )
    b.download_button(
        "Angles per frame (CSV)", frames_csv(result), f"{stem}.angles.csv", "text/csv"
    )
    c.download_button(
        "Annotated video (MP4)", review.annotated_mp4, f"{stem}.annotated.mp4", "video/mp4"
    )


def render() -> None:
    st.title("Upload and review")
    limit = max_upload_mb()
    st.markdown(
        f"Upload a video of one exercise ({', '.join(VIDEO_TYPES)}; up to **{limit} MB**). It is "
        "analysed on this computer and sent nowhere else, and it is not stored: it is gone when "
        "you close the page, unless you download the results."
    )
    spec = ui.pick_exercise()
    if spec is None:
        return
    upload = st.file_uploader("Video", type=VIDEO_TYPES, key="fc_w.upload")
    if upload is None:
        st.caption(f"Filming tip: {spec.camera.setup}")
        return
    if upload.size > limit * 1024 * 1024:
        st.error(
            f"{upload.name} is {upload.size / 2**20:.0f} MB; the limit is {limit} MB. Trim it or film at a lower resolution."
        )
        return
    outcome: _Outcome | None = st.session_state.get(REVIEW_KEY)
    if outcome is None or outcome.key != (upload.file_id, spec.id):
        outcome = _analyse(upload, spec)
        st.session_state[REVIEW_KEY] = outcome
    if outcome.error is not None:
        st.error(f"{upload.name} could not be analysed: {outcome.error}", icon=":material/error:")
    elif outcome.review is not None:
        outcome.saved = patient_save.offer(
            outcome.review.result, outcome.review.track, outcome.saved
        )
        if outcome.saved is not None:
            st.caption(outcome.saved.message)
        _show(outcome.review, spec, upload.name)
    ui.disclaimer()
