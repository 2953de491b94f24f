"""Tests for formcheck.video: reading every container we accept, rotation, timestamps, damage,
and writing browser-playable files. Every clip is generated here, tiny, with PyAV."""

from __future__ import annotations

import itertools
import json
import shutil
import struct
import subprocess
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path
from typing import Any, cast

import av
import cv2
import numpy as np
import numpy.typing as npt
import pytest

import formcheck.video
from formcheck.errors import VideoError
from formcheck.video import VideoReader, VideoWriter
from formcheck.video.reader import MIN_FRAME_GAP_S, _rotation_from_display_matrix, _Timeline

W, H = 64, 48
FFMPEG = shutil.which("ffmpeg")
FFPROBE = shutil.which("ffprobe")
needs_ffmpeg = pytest.mark.skipif(FFMPEG is None, reason="ffmpeg CLI not installed")
needs_ffprobe = pytest.mark.skipif(FFPROBE is None, reason="ffprobe CLI not installed")


def pattern(width: int = W, height: int = H, shade: int = 40) -> npt.NDArray[np.uint8]:
    """Dark frame with a white block in the top-left quarter: shows where the top-left went."""
    img = np.full((height, width, 3), shade, np.uint8)
    img[: height // 4, : width // 4] = 255
    return img


def make_video(
    path: Path,
    codec: str,
    count: int = 10,
    size: tuple[int, int] = (W, H),
    rate: int = 10,
    pix_fmt: str = "yuv420p",
    pts: Sequence[int] | None = None,
    time_base: Fraction | None = None,
    rotation: int | None = None,
    container_options: dict[str, str] | None = None,
    codec_options: dict[str, str] | None = None,
    noise: bool = False,
    container_format: str | None = None,
) -> Path:
    width, height = size
    rng = np.random.default_rng(0)
    with av.open(
        str(path), "w", format=container_format, options=container_options or {}
    ) as container:
        stream = container.add_stream(codec, rate=rate, options=codec_options or {})
        assert isinstance(stream, av.VideoStream)
        stream.width, stream.height, stream.pix_fmt = width, height, pix_fmt
        if time_base is not None:
            stream.codec_context.time_base = time_base
        if rotation is not None:
            stream.set_display_rotation(rotation)
        for i in range(count):
            img = (
                rng.integers(0, 256, (height, width, 3), dtype=np.uint8)
                if noise
                else pattern(width, height)
            )
            frame = av.VideoFrame.from_ndarray(img, format="rgb24")
            frame.pts = i if pts is None else pts[i]
            if time_base is not None:
                frame.time_base = time_base
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


def read_all(path: Path, **kwargs: int) -> tuple[VideoReader, list[formcheck.video.VideoFrame]]:
    with VideoReader(path, **kwargs) as reader:
        return reader, list(reader)


def block_corner(rgb: npt.NDArray[np.uint8]) -> str:
    """Which quarter-corner of the frame holds the white block."""
    h, w = rgb.shape[:2]
    corners = {
        "top-left": rgb[: h // 6, : w // 6],
        "top-right": rgb[: h // 6, -(w // 6) :],
        "bottom-left": rgb[-(h // 6) :, : w // 6],
        "bottom-right": rgb[-(h // 6) :, -(w // 6) :],
    }
    bright = [name for name, patch in corners.items() if patch.mean() > 200]
    assert len(bright) == 1, f"expected one bright corner, got {bright}"
    return bright[0]


def top_level_atoms(path: Path) -> list[str]:
    data = path.read_bytes()
    atoms, offset = [], 0
    while offset + 8 <= len(data):
        size, kind = struct.unpack(">I4s", data[offset : offset + 8])
        if size == 1:
            size = struct.unpack(">Q", data[offset + 8 : offset + 16])[0]
        atoms.append(kind.decode("latin-1"))
        if size < 8:
            break
        offset += size
    return atoms


def ffprobe_stream(path: Path) -> dict[str, str]:
    assert FFPROBE is not None
    out = subprocess.run(
        [
            FFPROBE,
            "-v",
            "error",
            "-select_streams",
            "v:0",
            "-show_entries",
            "stream=codec_name,pix_fmt,width,height",
            "-of",
            "json",
            str(path),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    stream: dict[str, str] = json.loads(out)["streams"][0]
    return stream


# --- reading ---------------------------------------------------------------------------------

FORMATS = [
    ("clip.mp4", "libx264", "yuv420p", "h264"),
    ("clip.mov", "libx264", "yuv420p", "h264"),
    ("clip.webm", "libvpx-vp9", "yuv420p", "vp9"),
    ("clip.avi", "mpeg4", "yuv420p", "mpeg4"),
    ("mjpeg.avi", "mjpeg", "yuvj420p", "mjpeg"),
]


@pytest.mark.parametrize(("name", "encoder", "pix_fmt", "codec"), FORMATS)
def test_reads_every_container(
    tmp_path: Path, name: str, encoder: str, pix_fmt: str, codec: str
) -> None:
    path = make_video(tmp_path / name, encoder, count=10, pix_fmt=pix_fmt)
    reader, frames = read_all(path)
    info = reader.info
    assert (info.path, info.width, info.height) == (path, W, H)
    assert (info.fps, info.codec, info.rotation_deg, info.frame_count) == (10.0, codec, 0, 10)
    assert info.duration_s == pytest.approx(1.0, abs=0.01)
    assert [f.index for f in frames] == list(range(10))
    assert [f.timestamp_s for f in frames] == pytest.approx([i / 10 for i in range(10)], abs=1e-9)
    for frame in frames:
        assert frame.rgb.shape == (H, W, 3)
        assert frame.rgb.dtype == np.uint8
        assert frame.rgb.flags.c_contiguous
        assert block_corner(frame.rgb) == "top-left"
        assert frame.rgb[H // 2 :, W // 2 :].mean() == pytest.approx(40, abs=12)
    assert reader.warnings == []


def test_iterating_again_starts_from_the_first_frame(tmp_path: Path) -> None:
    path = make_video(tmp_path / "clip.mp4", "libx264", count=6)
    with VideoReader(path) as reader:
        first = [f.timestamp_s for f in reader]
        second = [f.timestamp_s for f in reader]
    assert first == second
    assert len(first) == 6


def test_closed_reader_cannot_be_iterated(tmp_path: Path) -> None:
    reader = VideoReader(make_video(tmp_path / "clip.mp4", "libx264", count=3))
    reader.close()
    reader.close()
    with pytest.raises(ValueError, match="closed"):
        iter(reader)


def test_iteration_is_lazy(tmp_path: Path) -> None:
    path = make_video(tmp_path / "clip.webm", "libvpx-vp9", count=8)
    with VideoReader(path) as reader:
        frames = iter(reader)
        assert next(frames).index == 0
        assert next(frames).index == 1


@pytest.mark.parametrize(
    ("max_side", "expected"), [(32, (32, 24)), (63, (63, 47)), (64, (64, 48)), (500, (64, 48))]
)
def test_max_side_downscales_keeping_aspect(
    tmp_path: Path, max_side: int, expected: tuple[int, int]
) -> None:
    path = make_video(tmp_path / "clip.mp4", "libx264", count=3)
    reader, frames = read_all(path, max_side=max_side)
    assert (reader.info.width, reader.info.height) == expected
    assert all(f.rgb.shape == (expected[1], expected[0], 3) for f in frames)
    assert block_corner(frames[0].rgb) == "top-left"


def test_max_side_must_be_positive(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="max_side"):
        VideoReader(tmp_path / "clip.mp4", max_side=0)


# --- rotation --------------------------------------------------------------------------------

# Display-matrix rotation is counter-clockwise: a 90 degree video is shown turned left, so the
# stored frame's top-left corner ends up bottom-left.
ROTATIONS = [(90, "bottom-left"), (180, "bottom-right"), (270, "top-right")]


@pytest.mark.parametrize(("rotation", "corner"), ROTATIONS)
def test_rotated_video_comes_out_upright(tmp_path: Path, rotation: int, corner: str) -> None:
    path = make_video(tmp_path / "phone.mp4", "libx264", count=4, rotation=rotation)
    reader, frames = read_all(path)
    expected_shape = (H, W, 3) if rotation == 180 else (W, H, 3)
    assert reader.info.rotation_deg == rotation
    assert (reader.info.height, reader.info.width, 3) == expected_shape
    for frame in frames:
        assert frame.rgb.shape == expected_shape
        assert frame.rgb.flags.c_contiguous
        assert block_corner(frame.rgb) == corner


def test_rotation_with_max_side(tmp_path: Path) -> None:
    path = make_video(tmp_path / "phone.mp4", "libx264", count=2, rotation=90)
    reader, frames = read_all(path, max_side=32)
    assert (reader.info.width, reader.info.height) == (24, 32)
    assert frames[0].rgb.shape == (32, 24, 3)
    assert block_corner(frames[0].rgb) == "bottom-left"


@needs_ffmpeg
@pytest.mark.parametrize("rotation", [90, 270])
def test_rotation_matches_ffmpeg_autorotate(tmp_path: Path, rotation: int) -> None:
    """FFmpeg's own player-style autorotation is the reference for "upright"."""
    assert FFMPEG is not None
    path = make_video(tmp_path / "phone.mp4", "libx264", count=2, rotation=rotation)
    raw = subprocess.run(
        [
            FFMPEG,
            "-v",
            "error",
            "-i",
            str(path),
            "-frames:v",
            "1",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-",
        ],
        check=True,
        capture_output=True,
    ).stdout
    reference = np.frombuffer(raw, np.uint8).reshape(W, H, 3)  # rotated: 48 wide, 64 high
    _, frames = read_all(path)
    assert frames[0].rgb.shape == reference.shape
    assert block_corner(frames[0].rgb) == block_corner(reference)


@needs_ffmpeg
def test_legacy_rotate_tag_written_by_ffmpeg(tmp_path: Path) -> None:
    """Phones and older tools write the rotation as a ``rotate`` stream tag."""
    assert FFMPEG is not None
    plain = make_video(tmp_path / "plain.mp4", "libx264", count=3)
    tagged = tmp_path / "tagged.mp4"
    subprocess.run(
        [
            FFMPEG,
            "-v",
            "error",
            "-i",
            str(plain),
            "-c",
            "copy",
            "-metadata:s:v",
            "rotate=90",
            str(tagged),
        ],
        check=True,
        capture_output=True,
    )
    raw = subprocess.run(
        [
            FFMPEG,
            "-v",
            "error",
            "-i",
            str(tagged),
            "-frames:v",
            "1",
            "-f",
            "rawvideo",
            "-pix_fmt",
            "rgb24",
            "-",
        ],
        check=True,
        capture_output=True,
    ).stdout
    reader, frames = read_all(tagged)
    assert reader.info.rotation_deg in (90, 270)
    assert frames[0].rgb.shape == (W, H, 3)
    reference = np.frombuffer(raw, np.uint8).reshape(W, H, 3)
    assert block_corner(frames[0].rgb) == block_corner(reference)


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_display_matrix_fallback_agrees_with_pyav(tmp_path: Path, rotation: int) -> None:
    path = make_video(tmp_path / "phone.mp4", "libx264", count=1, rotation=rotation)
    with av.open(str(path)) as container:
        frame = next(container.decode(video=0))
        side_data = cast(Any, frame).side_data  # iterates SideData, though typed as a Mapping
        matrix = next(bytes(sd) for sd in side_data if sd.type.name == "DISPLAYMATRIX")
        assert _rotation_from_display_matrix(matrix) % 360 == pytest.approx(frame.rotation % 360)


# --- timestamps ------------------------------------------------------------------------------

VFR_PTS_MS = [0, 33, 66, 150, 170, 300, 301, 420]


@pytest.mark.parametrize(
    ("name", "codec", "options"),
    [
        ("vfr.mp4", "libx264", {"bf": "0"}),
        ("vfr.webm", "libvpx-vp9", {}),
    ],
)
def test_variable_frame_rate_timestamps_are_exact(
    tmp_path: Path, name: str, codec: str, options: dict[str, str]
) -> None:
    path = make_video(
        tmp_path / name,
        codec,
        count=len(VFR_PTS_MS),
        pts=VFR_PTS_MS,
        time_base=Fraction(1, 1000),
        codec_options=options,
    )
    reader, frames = read_all(path)
    stamps = [f.timestamp_s for f in frames]
    assert stamps == pytest.approx([p / 1000 for p in VFR_PTS_MS], abs=1e-9)
    assert all(b > a for a, b in itertools.pairwise(stamps))
    assert reader.warnings == []


def test_duplicate_timestamps_are_spaced_apart(tmp_path: Path) -> None:
    """Matroska allows two frames with one timestamp; MediaPipe's VIDEO mode does not."""
    path = tmp_path / "dup.mkv"
    duplicated = [0, 100, 100, 200, 300]
    with av.open(str(path), "w") as container:
        stream = container.add_stream("mjpeg", rate=10)
        stream.width, stream.height, stream.pix_fmt = W, H, "yuvj420p"
        for i in range(5):
            for packet in stream.encode(av.VideoFrame.from_ndarray(pattern(), format="rgb24")):
                packet.pts = packet.dts = duplicated[i] // 100
                container.mux(packet)
        container.mux(stream.encode(None))
    reader, frames = read_all(path)
    assert [f.timestamp_s for f in frames] == pytest.approx([0.0, 0.1, 0.101, 0.2, 0.3], abs=1e-9)
    assert len(reader.warnings) == 1
    assert "1 frame(s) had duplicate or out-of-order timestamps" in reader.warnings[0]


def test_timeline_makes_timestamps_strictly_increasing() -> None:
    timeline = _Timeline(Fraction(1, 1000), fps=10.0)
    stamps = [timeline.stamp(pts) for pts in [5000, 5100, 5050, 5100, 5100, 5300, 5300]]
    assert stamps == pytest.approx([0.0, 0.1, 0.101, 0.102, 0.103, 0.3, 0.301], abs=1e-9)
    assert timeline.adjusted == 4


def test_timeline_keeps_a_minimum_gap() -> None:
    timeline = _Timeline(Fraction(1, 10_000), fps=30.0)
    stamps = [timeline.stamp(pts) for pts in [0, 4, 8, 100]]
    assert stamps == pytest.approx([0.0, MIN_FRAME_GAP_S, 2 * MIN_FRAME_GAP_S, 0.01], abs=1e-9)
    assert timeline.adjusted == 0


def test_timeline_without_pts_uses_the_frame_rate() -> None:
    timeline = _Timeline(Fraction(1, 90_000), fps=25.0)
    assert [timeline.stamp(None) for _ in range(4)] == pytest.approx([0.0, 0.04, 0.08, 0.12])


def test_raw_stream_without_timestamps(tmp_path: Path) -> None:
    path = make_video(tmp_path / "clip.h264", "libx264", count=6, container_format="h264")
    reader, frames = read_all(path)
    stamps = [f.timestamp_s for f in frames]
    assert len(frames) == 6
    assert reader.info.fps > 0
    assert stamps == pytest.approx([i / reader.info.fps for i in range(6)], abs=1e-9)


# --- damaged and wrong files -----------------------------------------------------------------


def noisy_video(
    path: Path,
    codec: str,
    pix_fmt: str = "yuv420p",
    container_options: dict[str, str] | None = None,
    codec_options: dict[str, str] | None = None,
) -> Path:
    """30 frames of noise at 96x72: big enough packets that a cut lands mid-stream."""
    return make_video(
        path,
        codec,
        count=30,
        size=(96, 72),
        noise=True,
        pix_fmt=pix_fmt,
        container_options=container_options,
        codec_options=codec_options,
    )


def test_truncated_faststart_mp4_reads_up_to_the_cut(tmp_path: Path) -> None:
    path = noisy_video(
        tmp_path / "clip.mp4",
        "libx264",
        container_options={"movflags": "+faststart"},
        codec_options={"g": "5"},
    )
    atoms = top_level_atoms(path)
    assert atoms.index("moov") < atoms.index("mdat")
    data = path.read_bytes()
    cut = tmp_path / "cut.mp4"
    cut.write_bytes(data[: len(data) * 6 // 10])
    reader, frames = read_all(cut)
    assert 5 <= len(frames) < 30
    last = frames[-1].timestamp_s
    assert reader.warnings == [
        f"video is truncated or corrupt after {last:.1f} s; analysed the first {last:.1f} s"
    ]
    stamps = [f.timestamp_s for f in frames]
    assert all(b > a for a, b in itertools.pairwise(stamps))


@pytest.mark.parametrize(
    ("name", "codec", "pix_fmt"),
    [
        ("clip.webm", "libvpx-vp9", "yuv420p"),
        ("clip.avi", "mjpeg", "yuvj420p"),
    ],
)
def test_truncated_file_warns_instead_of_raising(
    tmp_path: Path, name: str, codec: str, pix_fmt: str
) -> None:
    path = noisy_video(tmp_path / name, codec, pix_fmt=pix_fmt, codec_options={"g": "5"})
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])
    reader, frames = read_all(path)
    assert 5 <= len(frames) < 30
    assert len(reader.warnings) == 1
    assert reader.warnings[0].startswith("video is truncated or corrupt after ")


def test_truncated_mp4_without_index_is_an_error(tmp_path: Path) -> None:
    """Without +faststart the index (moov) is at the end, so a cut file cannot be opened."""
    path = noisy_video(tmp_path / "clip.mp4", "libx264")
    assert top_level_atoms(path)[-1] == "moov"
    data = path.read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])
    with pytest.raises(
        VideoError, match=r"^clip\.mp4 is not a video file, or is truncated or corrupt \("
    ):
        VideoReader(path)


def test_file_cut_before_its_first_frame_is_an_error(tmp_path: Path) -> None:
    path = noisy_video(
        tmp_path / "clip.mp4", "libx264", container_options={"movflags": "+faststart"}
    )
    data = path.read_bytes()
    mdat = data.index(b"mdat")
    path.write_bytes(data[: mdat + 200])
    with pytest.raises(VideoError, match=r"^clip\.mp4 has no decodable video frames"):
        VideoReader(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(VideoError, match=r"^video file not found: .*nowhere\.mp4$"):
        VideoReader(tmp_path / "nowhere.mp4")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(VideoError, match=r"is not a file$"):
        VideoReader(tmp_path)


def test_zero_byte_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.mp4"
    path.touch()
    with pytest.raises(VideoError, match=r"^empty\.mp4 is empty \(0 bytes\)$"):
        VideoReader(path)


@pytest.mark.parametrize("name", ["notes.txt", "notes.mp4"])
def test_text_file(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text("Squats: 3 sets of 10.\nBridges: hold 30 s.\n")
    with pytest.raises(VideoError, match=rf"^{name.replace('.', '[.]')} is not a video file"):
        VideoReader(path)


def test_audio_only_file(tmp_path: Path) -> None:
    path = tmp_path / "voice.wav"
    with av.open(str(path), "w") as container:
        stream = container.add_stream("pcm_s16le", rate=8000)
        frame = av.AudioFrame.from_ndarray(
            np.zeros((1, 800), np.int16), format="s16", layout="mono"
        )
        frame.sample_rate = 8000
        container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    with pytest.raises(
        VideoError, match=r"^voice\.wav is not a video file \(no video stream found\)$"
    ):
        VideoReader(path)


def test_still_image(tmp_path: Path) -> None:
    path = tmp_path / "photo.png"
    assert cv2.imwrite(str(path), pattern())
    with pytest.raises(VideoError, match=r"^photo\.png is an image, not a video$"):
        VideoReader(path)


# --- writing ---------------------------------------------------------------------------------


def gradient(width: int, height: int, i: int) -> npt.NDArray[np.uint8]:
    img = pattern(width, height)
    img[height // 2 :, :, 1] = (i * 20) % 256
    return img


def test_mp4_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "out.mp4"
    with VideoWriter(path, W, H, fps=12.5) as writer:
        for i in range(12):
            writer.write(gradient(W, H, i))
        assert writer.frames_written == 12
    reader, frames = read_all(path)
    assert (reader.info.codec, reader.info.width, reader.info.height) == ("h264", W, H)
    assert reader.info.fps == pytest.approx(12.5)
    assert len(frames) == 12
    assert [f.timestamp_s for f in frames] == pytest.approx([i / 12.5 for i in range(12)])
    assert block_corner(frames[5].rgb) == "top-left"
    assert frames[5].rgb[-8:, -8:, 1].mean() == pytest.approx(100, abs=12)


def test_mp4_is_faststart(tmp_path: Path) -> None:
    path = tmp_path / "out.mp4"
    with VideoWriter(path, W, H, fps=10) as writer:
        for i in range(5):
            writer.write(gradient(W, H, i))
    atoms = top_level_atoms(path)
    assert atoms.index("moov") < atoms.index("mdat")


@needs_ffprobe
def test_mp4_is_browser_playable_h264(tmp_path: Path) -> None:
    path = tmp_path / "out.mp4"
    with VideoWriter(path, W, H, fps=30) as writer:
        for i in range(5):
            writer.write(gradient(W, H, i))
    stream = ffprobe_stream(path)
    assert (stream["codec_name"], stream["pix_fmt"]) == ("h264", "yuv420p")


@needs_ffprobe
def test_webm_is_vp9(tmp_path: Path) -> None:
    path = tmp_path / "out.webm"
    with VideoWriter(path, W, H, fps=10) as writer:
        for i in range(6):
            writer.write(gradient(W, H, i))
    stream = ffprobe_stream(path)
    assert (stream["codec_name"], stream["pix_fmt"]) == ("vp9", "yuv420p")
    reader, frames = read_all(path)
    assert reader.info.codec == "vp9"
    assert len(frames) == 6
    assert block_corner(frames[0].rgb) == "top-left"


def test_webm_round_trip_without_ffprobe(tmp_path: Path) -> None:
    path = tmp_path / "out.webm"
    with VideoWriter(path, 80, 60, fps=10) as writer:
        for i in range(4):
            writer.write(gradient(80, 60, i))
    reader, frames = read_all(path)
    assert (reader.info.codec, reader.info.width, reader.info.height, len(frames)) == (
        "vp9",
        80,
        60,
        4,
    )


@pytest.mark.parametrize("suffix", [".mp4", ".webm"])
def test_odd_size_is_padded_to_even(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"odd{suffix}"
    img = pattern(65, 49)
    img[:, -1] = (200, 30, 30)  # a red last column, repeated by the padding
    with VideoWriter(path, 65, 49, fps=10) as writer:
        for _ in range(3):
            writer.write(img)
    reader, frames = read_all(path)
    assert (reader.info.width, reader.info.height) == (66, 50)
    assert frames[0].rgb.shape == (50, 66, 3)
    padded_column = frames[0].rgb[30:45, -1].astype(int)
    assert padded_column[:, 0].mean() > 140
    assert padded_column[:, 1].mean() < 90


def test_fractional_frame_rate(tmp_path: Path) -> None:
    path = tmp_path / "ntsc.mp4"
    with VideoWriter(path, W, H, fps=30000 / 1001) as writer:
        for i in range(4):
            writer.write(gradient(W, H, i))
    reader, _ = read_all(path)
    assert reader.info.fps == pytest.approx(29.97, abs=0.001)


def test_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(
        VideoError, match=r"^out\.gif: cannot write '\.gif' videos \(supported: \.mp4, \.webm\)"
    ):
        VideoWriter(tmp_path / "out.gif", W, H, fps=10)


def test_unwritable_location(tmp_path: Path) -> None:
    with pytest.raises(VideoError, match=r"out\.mp4 could not be created \(folder .*missing-dir"):
        VideoWriter(tmp_path / "missing-dir" / "out.mp4", W, H, fps=10)


def test_frame_of_the_wrong_size(tmp_path: Path) -> None:
    with VideoWriter(tmp_path / "out.mp4", W, H, fps=10) as writer:
        with pytest.raises(ValueError, match=r"expected a \(48, 64, 3\) uint8 frame"):
            writer.write(pattern(W + 2, H))
        with pytest.raises(ValueError, match="uint8"):
            writer.write(pattern().astype(np.float32))
        writer.write(pattern())


def test_writer_rejects_bad_arguments(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="frame size"):
        VideoWriter(tmp_path / "out.mp4", 0, H, fps=10)
    with pytest.raises(ValueError, match="fps"):
        VideoWriter(tmp_path / "out.mp4", W, H, fps=0)


def test_closed_writer(tmp_path: Path) -> None:
    writer = VideoWriter(tmp_path / "out.mp4", W, H, fps=10)
    writer.write(pattern())
    writer.close()
    writer.close()
    with pytest.raises(ValueError, match="closed"):
        writer.write(pattern())


def test_public_names() -> None:
    assert sorted(formcheck.video.__all__) == [
        "VideoFrame",
        "VideoInfo",
        "VideoReader",
        "VideoWriter",
    ]
