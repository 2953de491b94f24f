"""The app in a real browser: Debian's Chromium, headless, driven by Playwright.

A fake camera plays a real bridge clip into the Live page, and a real clip is uploaded for
review. Every page is saved as a screenshot (in ``$FORMCHECK_SCREENSHOTS`` when set, else in
pytest's temporary folder; the path is printed). Skipped, with the reason, when Chromium,
Playwright or ../shared is missing.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from formcheck import get_spec

from ..conftest import ROOT, VIDEOS, shared_model
from .media import to_small_mp4, to_y4m

pytestmark = [pytest.mark.browser, pytest.mark.real_video]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
BRIDGE = VIDEOS / "glute_bridge__be23__bridge.mp4"
BRIDGE_REPS = 5
# The fake camera holds the first frame this long before the clip (the person lying ready, so
# no rep is lost while the stream connects) and the last frame this long after it.
LEAD_S, TAIL_S = 2.0, 4.0
WEBRTC_FRAME = 'iframe[title="streamlit_webrtc.component.webrtc_streamer"]'
VIEWPORT = {"width": 1400, "height": 1100}
# Below this share of camera frames analysed (a machine busy with other work), frames arrive at
# the engine in uneven bursts a second apart and a rep can fall between them: the count is then
# reported, not judged. bench/live_bench.py measures whether the live path keeps up.
MIN_ANALYSED_PCT = 40

try:
    from playwright.sync_api import Browser, Page, Playwright, expect, sync_playwright
except ImportError:  # pragma: no cover - the dev extra installs it
    sync_playwright = None


def _why_skip() -> str | None:
    if sync_playwright is None:
        return "playwright is not installed (pip install playwright; no browser download needed)"
    if not Path(CHROMIUM).is_file():
        return (
            "Chromium is not installed (apt-get install chromium chromium-driver; make tools does)"
        )
    if not BRIDGE.is_file():
        return f"{BRIDGE} is missing (../shared is not beside the checkout)"
    if shared_model() is None:
        return "no pose model (../shared/models/pose_landmarker_full.task or FORMCHECK_MODEL)"
    return None


if (_reason := _why_skip()) is not None:
    pytest.skip(_reason, allow_module_level=True)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = Path(os.environ.get("FORMCHECK_SCREENSHOTS") or tmp_path_factory.mktemp("screens"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots in {folder}", file=sys.stderr)
    return folder


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def serve(script: Path, log: Path) -> Iterator[str]:
    """``streamlit run script`` on a free port (as ``make app`` starts the app); yields its URL."""
    port = _free_port()
    env = {**os.environ, "FORMCHECK_MODEL": str(shared_model()), "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
        "--server.port", str(port), "--server.fileWatcherType", "none",
    ]  # fmt: skip
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    url = f"http://localhost:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read() == b"ok":
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"{script.name} did not start:\n{log.read_text()[-3000:]}")
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    if "Traceback" in log.read_text():
        print(f"server log:\n{log.read_text()[-5000:]}", file=sys.stderr)


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with serve(ROOT / "app.py", tmp_path_factory.mktemp("server") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    assert sync_playwright is not None
    with sync_playwright() as p:
        yield p


def _launch(playwright: Playwright, *extra: str) -> Browser:
    return playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=["--no-sandbox", *extra]
    )


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = _launch(playwright)
    yield browser
    browser.close()


def _open(browser: Browser, url: str, **context: Any) -> Page:
    page = browser.new_page(viewport=VIEWPORT, **context)
    page.goto(url)
    expect(page.locator("h1").first).to_be_visible(timeout=60_000)
    return page


def _body(page: Page) -> str:
    return page.locator('[data-testid="stMain"]').inner_text()


def _answer_red_flags(page: Page, answer: str) -> None:
    questions = page.get_by_role("radiogroup")
    expect(questions).to_have_count(5, timeout=30_000)
    for i in range(5):
        questions.nth(i).get_by_text(answer, exact=True).click()
        expect(questions.nth(i).get_by_role("radio", name=answer)).to_be_checked()


def _choose_exercise(page: Page, name: str) -> None:
    page.get_by_role("combobox").first.click()
    page.get_by_role("option", name=name, exact=True).click()
    expect(page.get_by_role("combobox").first).to_have_value(name)


def _metric(page: Page, label: str) -> str:
    metric = page.locator('[data-testid="stMetric"]', has_text=label)
    return metric.locator('[data-testid="stMetricValue"]').first.inner_text()


def test_safety_and_library_pages(browser: Browser, app_url: str, shots: Path) -> None:
    page = _open(browser, app_url)
    expect(page.locator("h1")).to_have_text("Safety check")
    page.screenshot(path=shots / "safety.png", full_page=True)
    bladder = page.get_by_role("radiogroup", name=re.compile("bladder"))
    bladder.get_by_text("Yes", exact=True).click()
    urgent = page.locator('[data-testid="stAlertContentError"]')
    expect(urgent).to_contain_text("urgently", timeout=20_000)
    expect(page.get_by_role("button", name="Go to live coaching")).to_have_count(0)
    page.screenshot(path=shots / "safety_red_flag.png", full_page=True)
    page.close()

    page = _open(browser, f"{app_url}/library")
    expect(page.locator("h1")).to_have_text("Exercise library")
    expect(page.get_by_text("Glute bridge", exact=True).first).to_be_visible()
    expect(page.get_by_role("button", name="Practise live").first).to_be_visible()
    page.set_viewport_size({"width": 1400, "height": 2400})
    page.screenshot(path=shots / "library.png")
    page.close()


def test_live_page_counts_the_bridge_clip(
    playwright: Playwright, app_url: str, shots: Path, tmp_path: Path
) -> None:
    camera = tmp_path / "bridge.y4m"
    clip_s = to_y4m(BRIDGE, camera, fps=15.0, width=640, lead_s=LEAD_S, tail_s=TAIL_S)
    browser = _launch(
        playwright,
        "--use-fake-ui-for-media-stream",
        "--use-fake-device-for-media-stream",
        f"--use-file-for-fake-video-capture={camera}",
    )
    page: Page | None = None
    try:
        page = _open(browser, f"{app_url}/live")
        _answer_red_flags(page, "No")
        _choose_exercise(page, "Glute bridge")
        page.get_by_role("radiogroup", name="Pain before the set").get_by_text(
            "2", exact=True
        ).click()
        start_set = page.get_by_role("button", name="Start set")
        expect(start_set).to_be_enabled(timeout=20_000)
        page.screenshot(path=shots / "live_ready.png", full_page=True)
        start_set.click()
        expect(page.locator('[data-testid="stMetric"]', has_text="Reps")).to_be_visible()
        webrtc = page.frame_locator(WEBRTC_FRAME)
        webrtc.get_by_role("button", name="START").click()
        speed_line = page.get_by_text(re.compile(r"^Video [\d.]+ s")).first  # once frames come
        try:
            expect(speed_line).to_be_visible(timeout=25_000)
        except AssertionError:
            # Known streamlit-webrtc start-up race: STOP shows but no frames come. Restart once.
            page.screenshot(path=shots / "live_no_frames.png", full_page=True)
            webrtc.get_by_role("button", name="STOP").click()
            webrtc.get_by_role("button", name="START").click()
            expect(speed_line).to_be_visible(timeout=40_000)
        # Read the count once the whole clip has played, before the fake camera loops.
        end_s = clip_s + LEAD_S + 0.8
        deadline = time.monotonic() + end_s + 60
        speed = ""
        while time.monotonic() < deadline:
            speed = speed_line.inner_text(timeout=15_000)
            if float(speed.split()[1]) >= end_s:
                break
            time.sleep(0.25)
        page.screenshot(path=shots / "live.png", full_page=True)
        reps = int(_metric(page, "Reps").split("/")[0])
        skipped = re.search(r"(\d+)% of frames skipped", speed)
        analysed = 100 - int(skipped.group(1)) if skipped else 0
        load = os.getloadavg()[0]
        report = f"{reps} reps, {analysed}% of camera frames analysed, load {load:.1f}; {speed}"
        print(f"\nlive: {report}", file=sys.stderr)
        if abs(reps - BRIDGE_REPS) > 1 and analysed < MIN_ANALYSED_PCT:
            pytest.xfail(f"machine overloaded, the count cannot be judged: {report}")
        assert abs(reps - BRIDGE_REPS) <= 1, report
        page.get_by_role("button", name="Finish set").click()
        expect(page.get_by_text("Set finished")).to_be_visible(timeout=20_000)
        expect(page.get_by_role("radiogroup", name="Pain after the set")).to_be_visible()
        if reps:
            expect(page.locator('[data-testid="stTable"]')).to_contain_text("Range of motion")
        page.screenshot(path=shots / "live_summary.png", full_page=True)
    except Exception:
        if page is not None:
            page.screenshot(path=shots / "live_failure.png", full_page=True)
            print(f"\nlive page at failure:\n{_body(page)}", file=sys.stderr)
        raise
    finally:
        browser.close()


def test_live_page_explains_a_blocked_camera(
    playwright: Playwright, app_url: str, shots: Path
) -> None:
    browser = _launch(playwright, "--use-fake-device-for-media-stream", "--deny-permission-prompts")
    try:
        page = _open(browser, f"{app_url}/live")
        _answer_red_flags(page, "No")
        page.get_by_role("radiogroup", name="Pain before the set").get_by_text(
            "0", exact=True
        ).click()
        page.get_by_role("button", name="Start set").click()
        webrtc = page.frame_locator(WEBRTC_FRAME)
        webrtc.get_by_role("button", name="START").click()
        expect(webrtc.get_by_text("Permission denied")).to_be_visible(timeout=20_000)
        expect(page.get_by_text("allow it with the camera icon")).to_be_visible(timeout=30_000)
        assert "Traceback" not in _body(page)
        page.screenshot(path=shots / "live_camera_blocked.png", full_page=True)
    finally:
        browser.close()


def test_upload_review(browser: Browser, app_url: str, shots: Path, tmp_path: Path) -> None:
    clip = tmp_path / "my_bridges.mp4"
    to_small_mp4(BRIDGE, clip, fps=15.0, width=640)
    not_video = tmp_path / "holiday.mp4"
    not_video.write_text("not a video at all")
    page = _open(browser, f"{app_url}/review")
    expect(page.get_by_text("up to 200 MB")).to_be_visible()
    _choose_exercise(page, "Glute bridge")
    # The choice reruns the page on the server; a file set on the uploader before that rerun
    # has drawn the bridge's filming tip was once dropped (2 workers, full suite).
    tip = f"Filming tip: {get_spec('glute_bridge').camera.setup}"
    expect(page.get_by_text(tip, exact=True)).to_be_visible(timeout=30_000)

    page.locator('input[type="file"]').set_input_files(str(not_video))
    error = page.locator('[data-testid="stAlertContentError"]')
    expect(error).to_contain_text("holiday.mp4 could not be analysed", timeout=60_000)
    assert "Traceback" not in _body(page)
    page.screenshot(path=shots / "review_bad_upload.png", full_page=True)

    page.locator('input[type="file"]').set_input_files(str(clip))
    expect(page.get_by_text("Downloads")).to_be_visible(timeout=240_000)
    assert _metric(page, "Reps").startswith(f"{BRIDGE_REPS}")
    expect(page.locator("video")).to_have_count(1)
    expect(page.get_by_text("Angles over time")).to_be_visible()
    expect(page.get_by_role("button", name="Result (JSON)")).to_be_visible()
    page.set_viewport_size({"width": 1400, "height": 3000})
    time.sleep(1.0)
    page.screenshot(path=shots / "review.png")


# Records what the page asks the browser to say (headless Chromium has no voices to speak with).
SPEECH_RECORDER = """
(() => {
  const record = (text) => { (window.top.__spoken = window.top.__spoken || []).push(text); };
  if (window.speechSynthesis) { window.speechSynthesis.speak = (u) => record(u.text); }
})();
"""


def test_cues_reach_the_browsers_speech_synthesis_once_each(
    browser: Browser, tmp_path: Path
) -> None:
    script = tmp_path / "speak.py"
    script.write_text(
        "import streamlit as st\n"
        "from formcheck.app import voice\n"
        "n = int(st.number_input('cue', value=1))\n"
        "voice.speak(f'Lift your hips {n}', n)\n"
        "st.write('spoken')\n"
    )
    with serve(script, tmp_path / "speak.log") as url:
        page = browser.new_page()
        page.add_init_script(SPEECH_RECORDER)
        page.goto(url)
        expect(page.get_by_text("spoken")).to_be_visible(timeout=60_000)
        said = "JSON.stringify(window.__spoken || []) === JSON.stringify(expected)"
        page.wait_for_function(f"expected => {said}", arg=["Lift your hips 1"], timeout=20_000)
        page.get_by_role("spinbutton").fill("2")
        page.keyboard.press("Enter")
        expected = ["Lift your hips 1", "Lift your hips 2"]  # the first is not said again
        page.wait_for_function(f"expected => {said}", arg=expected, timeout=20_000)
        time.sleep(1.0)
        assert page.evaluate("window.__spoken") == expected
        page.close()
