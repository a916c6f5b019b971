"""The sun-path picture: a polar chart drawn as inline SVG by the server (no script).

Seen from above: the outer circle is the horizon, the centre is straight up, north is at the
top and east on the right, as on a map. The sun's track for the day runs from sunrise to
sunset with a dot at each whole hour; a wedge shows where the place's main view looks.
"""

import html
import math
from dataclasses import dataclass

from django.template.defaultfilters import floatformat
from django.utils.safestring import SafeString

from locations.sun import COMPASS_DEGREES, IN_SHOT_DEGREES, SunDay

SIZE = 220
CENTRE = SIZE / 2
HORIZON_RADIUS = 90
RINGS = (30, 60)  # elevation rings, in degrees above the horizon


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str = ""

    @property
    def label_y(self) -> float:
        """Where the label sits: just above the point."""
        return round(self.y - 6, 1)


@dataclass(frozen=True)
class SunChart:
    """Everything templates/locations/_sun_chart.html draws, in SVG user units."""

    size: int
    centre: float
    horizon_radius: float
    ring_radii: list[float]
    track: str  # the polyline's points
    hours: list[ChartPoint]
    sunrise: ChartPoint
    sunset: ChartPoint
    compass: list[ChartPoint]
    view_wedge: str  # an SVG path, "" without a view direction
    view_tip: ChartPoint | None

    @property
    def size_svg(self) -> str:
        return svg_number(self.size)

    @property
    def shapes_svg(self) -> SafeString:
        """Every shape inside the `<svg>` after its title, one per line as the template laid
        them out. Built here rather than in the template (a place's page draws 25–35 shapes
        on every first visit): its ~20 numbers each went through `localize` and
        `conditional_escape`, 1.2 ms a chart. SVG numbers are written plainly (`svg_number`),
        never localised: a decimal comma would break the drawing. Only the hour labels are
        text, and they are escaped."""
        centre = svg_number(self.centre)
        view = ""
        if self.view_wedge:
            tip = self.view_tip
            view = (
                f'<path class="sun-chart-view" d="{html.escape(self.view_wedge)}"></path>\n'
                f'    <line class="sun-chart-view-line" x1="{centre}" y1="{centre}" '
                f'x2="{svg_number(tip.x)}" y2="{svg_number(tip.y)}"></line>'
            )
        lines = [
            f'<circle class="sun-chart-horizon" cx="{centre}" cy="{centre}" '
            f'r="{svg_number(self.horizon_radius)}"></circle>',
            "".join(
                f'<circle class="sun-chart-ring" cx="{centre}" cy="{centre}" '
                f'r="{floatformat(radius, 1)}"></circle>'
                for radius in self.ring_radii
            ),
            view,
            "".join(
                f'<text class="sun-chart-compass" x="{svg_number(c.x)}" y="{svg_number(c.y)}" '
                f'text-anchor="middle" dominant-baseline="middle">'
                f"{html.escape(str(c.label))}</text>"
                for c in self.compass
            ),
            f'<polyline class="sun-chart-track" points="{html.escape(self.track)}"></polyline>',
            f'<circle class="sun-chart-rise" cx="{svg_number(self.sunrise.x)}" '
            f'cy="{svg_number(self.sunrise.y)}" r="4"></circle>',
            f'<circle class="sun-chart-set" cx="{svg_number(self.sunset.x)}" '
            f'cy="{svg_number(self.sunset.y)}" r="4"></circle>',
            "".join(
                f'<circle class="sun-chart-hour" cx="{svg_number(p.x)}" cy="{svg_number(p.y)}" '
                f'r="3"></circle><text class="sun-chart-hour-label" x="{svg_number(p.x)}" '
                f'y="{svg_number(p.label_y)}" text-anchor="middle">'
                f"{html.escape(str(p.label))}</text>"
                for p in self.hours
            ),
        ]
        return SafeString("\n    ".join(lines))


def svg_number(value: float) -> str:
    """A coordinate as SVG wants it: the shortest repr, a decimal point, no grouping (what
    `localize` gave for these small numbers in English and Japanese, at a tenth the cost)."""
    return str(value)


def _point(azimuth: float, elevation: float, label: str = "") -> ChartPoint:
    radius = HORIZON_RADIUS * (90 - max(elevation, 0)) / 90
    angle = math.radians(azimuth)
    return ChartPoint(
        x=round(CENTRE + radius * math.sin(angle), 1),
        y=round(CENTRE - radius * math.cos(angle), 1),
        label=label,
    )


def _wedge(view_facing: str) -> tuple[str, ChartPoint]:
    bearing = COMPASS_DEGREES[view_facing]
    left = _point(bearing - IN_SHOT_DEGREES, 0)
    right = _point(bearing + IN_SHOT_DEGREES, 0)
    path = (
        f"M {CENTRE} {CENTRE} L {left.x} {left.y} "
        f"A {HORIZON_RADIUS} {HORIZON_RADIUS} 0 0 1 {right.x} {right.y} Z"
    )
    return path, _point(bearing, 0)


def sun_chart(day: SunDay, view_facing: str = "") -> SunChart:
    """The chart of `day`'s sun, with the view wedge when `view_facing` is a compass point."""
    positions = [day.sunrise, *day.hours, day.sunset]
    track = " ".join(f"{p.x},{p.y}" for p in (_point(s.azimuth, s.elevation) for s in positions))
    wedge, tip = _wedge(view_facing) if view_facing in COMPASS_DEGREES else ("", None)
    label_radius = HORIZON_RADIUS + 12
    compass = [
        ChartPoint(
            x=round(CENTRE + label_radius * math.sin(math.radians(degrees)), 1),
            y=round(CENTRE - label_radius * math.cos(math.radians(degrees)), 1),
            label=name,
        )
        for name, degrees in COMPASS_DEGREES.items()
        if len(name) == 1
    ]
    return SunChart(
        size=SIZE,
        centre=CENTRE,
        horizon_radius=HORIZON_RADIUS,
        ring_radii=[HORIZON_RADIUS * (90 - ring) / 90 for ring in RINGS],
        track=track,
        hours=[_point(p.azimuth, p.elevation, f"{p.at.hour}") for p in day.hours],
        sunrise=_point(day.sunrise.azimuth, 0),
        sunset=_point(day.sunset.azimuth, 0),
        compass=compass,
        view_wedge=wedge,
        view_tip=tip,
    )
