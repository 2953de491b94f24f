"""Reading and writing video files: upright RGB frames in, browser-playable video out."""

from formcheck.video.reader import VideoFrame, VideoInfo, VideoReader
from formcheck.video.writer import VideoWriter

__all__ = ["VideoFrame", "VideoInfo", "VideoReader", "VideoWriter"]
