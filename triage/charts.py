"""Where each bar of the dashboard's charts goes: numbers only, drawn as SVG by templates.

The dashboard's charts are server-rendered SVG, so they need no JavaScript and keep the
Content-Security-Policy strict. Python works out the coordinates (plain arithmetic, easy to
test); the templates in templates/admin/triage/insights/ turn them into markup, with colours
from classes in the admin's stylesheet rather than inline styles.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

# The stacked bars' drawing area, in SVG user units (the SVG scales to its container).
STACK_WIDTH, STACK_HEIGHT = 640, 240
STACK_LEFT, STACK_BOTTOM, STACK_TOP = 48, 32, 12
# Horizontal bars: a label line, then the bar, per row.
ROW_HEIGHT, ROW_BAR, HBAR_WIDTH, HBAR_MAX = 44, 14, 480, 400


def nice_ceiling(value: int) -> int:
    """The smallest 1, 2 or 5 times a power of ten at or above `value` (at least 1)."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power  # unreachable: 10 * power is always enough


@dataclass(frozen=True)
class Segment:
    key: str  # the level, for the colour class
    value: int
    y: float
    height: float


@dataclass(frozen=True)
class Bar:
    label: str
    total: int
    x: float
    width: float
    middle: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Tick:
    value: int
    y: float


@dataclass(frozen=True)
class StackedBars:
    width: int
    height: int
    left: int
    right: int
    baseline: float
    axis_x: int  # where the value labels end, left of the plot
    label_y: float  # the week labels' line, under the bars
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]


def stacked_bars(labels: Sequence[str], keys: Sequence[str], rows: Sequence[Sequence[int]]):
    """One bar per label; row i holds the values for `keys`, stacked upwards in that order."""
    top = nice_ceiling(max((sum(row) for row in rows), default=0))
    plot_height = STACK_HEIGHT - STACK_BOTTOM - STACK_TOP
    baseline = STACK_HEIGHT - STACK_BOTTOM
    slot = (STACK_WIDTH - STACK_LEFT) / max(len(rows), 1)
    bars = []
    for index, (label, row) in enumerate(zip(labels, rows, strict=True)):
        y, segments = baseline, []
        for key, value in zip(keys, row, strict=True):
            height = value / top * plot_height
            y -= height
            if value:
                segments.append(Segment(key, value, round(y, 2), round(height, 2)))
        x = STACK_LEFT + index * slot + slot * 0.15
        bars.append(
            Bar(label, sum(row), round(x, 2), round(slot * 0.7, 2), round(x + slot * 0.35, 2),
                tuple(segments))
        )  # fmt: skip
    ticks = tuple(
        Tick(top * step // 4, round(baseline - plot_height * step / 4, 2)) for step in range(5)
    )
    return StackedBars(
        STACK_WIDTH,
        STACK_HEIGHT,
        STACK_LEFT,
        STACK_WIDTH,
        baseline,
        STACK_LEFT - 6,
        baseline + 20,
        tuple(bars),
        ticks,
    )


@dataclass(frozen=True)
class Row:
    label: str
    value: int
    text_y: float
    bar_y: float
    bar_width: float
    value_x: float
    value_y: float


@dataclass(frozen=True)
class HorizontalBars:
    width: int
    height: int
    bar_height: int
    rows: tuple[Row, ...]


def horizontal_bars(items: Sequence[tuple[str, int]]) -> HorizontalBars:
    """One row per (label, value): the label above its bar, the value after the bar's end."""
    top = max((value for _, value in items), default=0) or 1
    rows = []
    for index, (label, value) in enumerate(items):
        y = index * ROW_HEIGHT
        width = round(value / top * HBAR_MAX, 2)
        rows.append(
            Row(label, value, y + 16, y + 22, width, round(width + 6, 2), y + 22 + ROW_BAR - 2)
        )
    return HorizontalBars(HBAR_WIDTH, max(len(items), 1) * ROW_HEIGHT, ROW_BAR, tuple(rows))
