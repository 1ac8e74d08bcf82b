"""Bar charts as inline SVG built on the server: no script, no library, readable by screen
readers through the chart's label, which lists every bar's value."""
from __future__ import annotations

from typing import Optional, Sequence

from markupsafe import Markup

WIDTH, HEIGHT, TOP, BOTTOM, LEFT = 640, 220, 20, 40, 8
BAR_COLOUR = "#22505f"


def bar_chart(title: str, labels: Sequence[str], values: Sequence[Optional[float]], unit: str = "") -> Markup:
    """A titled bar chart; None means "no data" (no bar, a dash as its value)."""
    shown = [value or 0 for value in values]
    top = max(shown + [1])
    slot = (WIDTH - 2 * LEFT) / max(len(labels), 1)
    bars = []
    for index, (label, value) in enumerate(zip(labels, values)):
        height = (HEIGHT - TOP - BOTTOM) * (value or 0) / top
        x = LEFT + index * slot
        y = HEIGHT - BOTTOM - height
        figure = "-" if value is None else f"{value:g}{unit}"
        bars.append(Markup(
            '<rect x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.1f}" fill="{}"></rect>'
            '<text x="{:.1f}" y="{:.1f}" text-anchor="middle" font-size="12" fill="#1d2a30">{}</text>'
            '<text x="{:.1f}" y="{}" text-anchor="middle" font-size="11" fill="#1d2a30">{}</text>').format(
            x + slot * 0.15, y, slot * 0.7, height, BAR_COLOUR, x + slot / 2, y - 4, figure,
            x + slot / 2, HEIGHT - BOTTOM + 16, label))
    described = ", ".join(f"{label}: {'geen gegevens' if value is None else f'{value:g}{unit}'}"
                          for label, value in zip(labels, values))
    return Markup('<figure class="chart"><figcaption>{}</figcaption>'
                  '<svg viewBox="0 0 {} {}" role="img" aria-label="{}" focusable="false">{}</svg></figure>').format(
        title, WIDTH, HEIGHT, f"{title}. {described}", Markup("").join(bars))
