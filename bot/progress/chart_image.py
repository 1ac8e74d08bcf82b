"""The progress chart: pain scores over time as a PNG that reads well on a phone.

matplotlib is imported inside the functions (no work at import time) and used through
its object API with the Agg canvas: no pyplot state shared between threads.
"""
from __future__ import annotations

import io
from datetime import timedelta
from typing import Sequence
from zoneinfo import ZoneInfo

from bot.progress.history import ScorePoint

WIDTH_PX, HEIGHT_PX, DPI = 800, 600, 100
FONT_SIZE = 18


def progress_figure(points: Sequence[ScorePoint], tz_name: str):
    """A matplotlib Figure of the scores (local dates on x, 0-10 on y)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.dates import AutoDateLocator, DateFormatter
    from matplotlib.figure import Figure

    zone = ZoneInfo(tz_name)
    moments = [point.at.astimezone(zone).replace(tzinfo=None) for point in points]
    scores = [point.score for point in points]

    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot(1, 1, 1)
    axes.plot(moments, scores, marker="o", markersize=12, linewidth=3, color="#1f6f8b")
    for moment, score in zip(moments, scores):
        axes.annotate(str(score), (moment, score), textcoords="offset points", xytext=(0, 12),
                      ha="center", fontsize=FONT_SIZE, color="#1f3b4d")
    axes.set_ylim(-0.5, 11)
    axes.set_yticks(range(0, 11, 2))
    axes.set_title("Je pijnscores", fontsize=FONT_SIZE + 6, pad=16)
    axes.set_ylabel("Pijn (0 tot 10)", fontsize=FONT_SIZE)
    axes.tick_params(labelsize=FONT_SIZE - 2)
    axes.grid(True, axis="y", alpha=0.3)
    axes.xaxis.set_major_locator(AutoDateLocator(minticks=2, maxticks=5))
    axes.xaxis.set_major_formatter(DateFormatter("%d-%m"))
    if len(moments) == 1:
        # One point: give the axis a few days either side so the date shows sensibly.
        axes.set_xlim(moments[0] - timedelta(days=2), moments[0] + timedelta(days=2))
    figure.tight_layout()
    return figure


def render_progress_png(points: Sequence[ScorePoint], tz_name: str) -> bytes:
    """The chart as PNG bytes, WIDTH_PX x HEIGHT_PX."""
    if not points:
        raise ValueError("no pain scores to draw")
    buffer = io.BytesIO()
    progress_figure(points, tz_name).savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()
