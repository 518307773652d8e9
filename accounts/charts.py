"""Server-rendered SVG charts: no JavaScript library, nothing from a CDN, and the
Content-Security-Policy stays strict."""

from __future__ import annotations

from dataclasses import dataclass

WIDTH, HEIGHT, PAD = 320, 90, 6


@dataclass(frozen=True)
class Chart:
    points: str  # the SVG polyline's points
    low: str
    high: str
    first: object
    last: object
    width: int = WIDTH
    height: int = HEIGHT


def balance_chart(balance) -> Chart | None:
    """A line of the balance's history; None with fewer than two points."""
    history = list(balance.history.all())
    if len(history) < 2:
        return None
    start, end = history[0].recorded_at.timestamp(), history[-1].recorded_at.timestamp()
    amounts = [float(snapshot.amount) for snapshot in history]
    low, high = min(amounts), max(amounts)
    span_x, span_y = (end - start) or 1.0, (high - low) or 1.0
    points = " ".join(
        f"{PAD + (s.recorded_at.timestamp() - start) / span_x * (WIDTH - 2 * PAD):.1f},"
        f"{HEIGHT - PAD - (a - low) / span_y * (HEIGHT - 2 * PAD):.1f}"
        for s, a in zip(history, amounts, strict=True)
    )
    return Chart(points, f"{low:g}", f"{high:g}", history[0].recorded_at, history[-1].recorded_at)
