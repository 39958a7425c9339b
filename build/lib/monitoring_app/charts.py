"""Plotly figures for the dashboards, built in Python and handed to the page as JSON.

The page draws them with the plotly.js served from our static files (static/vendor/plotly.min.js)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import plotly.graph_objects as go
import plotly.io as pio

from monitoring_app.models import MetricPoint

COLOURS = ["#1f5fbf", "#b3261e", "#a35c00", "#1f7a4d", "#6b4fbb", "#0f7b8a", "#8a5a00", "#5b6577"]


@dataclass
class Chart:
    id: str
    title: str
    figure: dict

    @property
    def data_id(self) -> str:
        return f"{self.id}-data"


def _layout(title: str, y_title: str, percent: bool = False) -> dict:
    return {
        "template": "plotly_white",
        "title": {"text": title, "font": {"size": 14}},
        "height": 300,
        "margin": {"l": 56, "r": 16, "t": 40, "b": 40},
        "legend": {"orientation": "h", "y": -0.18},
        "yaxis": {
            "title": {"text": y_title},
            "tickformat": ".0%" if percent else None,
            "rangemode": "tozero",
        },
        "hovermode": "x unified",
    }


def as_json(figure: go.Figure) -> dict:
    return json.loads(pio.to_json(figure, validate=False))


def downsample(points: Iterable[MetricPoint], daily: bool) -> list[tuple[datetime, float | None]]:
    """Hourly points as they are, or one mean per day for long ranges (keeps the page light)."""
    if not daily:
        return [(p.bucket_start, p.value) for p in points]
    by_day: dict[datetime, list[float]] = defaultdict(list)
    for p in points:
        day = p.bucket_start.replace(hour=0)
        if p.value is not None:
            by_day[day].append(p.value)
        else:
            by_day.setdefault(day, [])
    return [(day, (sum(v) / len(v)) if v else None) for day, v in sorted(by_day.items())]


def time_series(
    chart_id: str,
    title: str,
    series: dict[str, list[MetricPoint]],
    *,
    y_title: str = "",
    percent: bool = False,
    scale: float = 1.0,
    daily: bool = False,
    threshold: float | None = None,
) -> Chart:
    figure = go.Figure(layout=_layout(title, y_title, percent))
    for index, (label, points) in enumerate(series.items()):
        colour = COLOURS[index % len(COLOURS)]
        generated = [p for p in points if getattr(p, "synthetic", False)]
        measured = [p for p in points if not getattr(p, "synthetic", False)]
        if generated:  # demo history: a dashed line of its own, named as what it is
            figure.add_trace(
                _line(f"{label} (generated demo history)", generated, daily, scale, colour, "dash")
            )
        if measured or not generated:
            figure.add_trace(_line(label, measured, daily, scale, colour, "solid"))
    if threshold is not None:
        figure.add_hline(y=threshold, line={"dash": "dot", "color": "#b3261e", "width": 1})
    return Chart(chart_id, title, as_json(figure))


def _line(name, points, daily, scale, colour, dash) -> go.Scatter:
    pairs = downsample(points, daily)
    return go.Scatter(
        x=[at.isoformat() for at, _ in pairs],
        y=[None if value is None else value * scale for _, value in pairs],
        name=name,
        mode="lines+markers" if len(pairs) == 1 else "lines",
        line={"color": colour, "width": 2, "dash": dash},
        connectgaps=False,
    )


def distribution(chart_id: str, title: str, baseline: list[float], current: list[float]) -> Chart:
    """Baseline and the last 24 hours as overlaid histograms of shares, on the same bins."""
    figure = go.Figure(layout=_layout(title, "share of values", percent=True))
    low = min([*baseline, *current])
    high = max([*baseline, *current])
    size = (high - low) / 20 or 1.0
    bins = {"start": low, "end": high + size, "size": size}
    figure.add_trace(
        go.Histogram(
            x=baseline,
            name="baseline",
            histnorm="probability",
            xbins=bins,
            marker={"color": "#5b6577"},
            opacity=0.55,
        )
    )
    figure.add_trace(
        go.Histogram(
            x=current,
            name="last 24 h",
            histnorm="probability",
            xbins=bins,
            marker={"color": "#1f5fbf"},
            opacity=0.6,
        )
    )
    figure.update_layout(barmode="overlay", hovermode="x")
    return Chart(chart_id, title, as_json(figure))
