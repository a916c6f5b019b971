"""Stage comparison: which stages a visitor ticked, and their floor plans drawn to one scale.

The selection lives in the URL (`/studios/compare/?stage=3&stage=8`, shareable) and is
remembered in the session, so a visitor can go back to the list, open another studio and tick
more: that studio's compare form carries the stages already chosen elsewhere.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from locations import units as u

SESSION_KEY = "compare_stages"
MAX_STAGES = 12
_STAGE_ID = re.compile(r"[1-9][0-9]{0,17}", re.ASCII)  # a positive id that fits a BIGINT

# Floor plans are drawn in an SVG user space this wide; CSS scales every plan by the same
# factor (they all share this width), so one metre is the same length in every drawing.
VIEW_WIDTH = 600
PAD = 4


def parse_stage_ids(values: list[str]) -> tuple[list[int], list[str]]:
    """Stage ids from `?stage=` values in their order, without repeats; and the unusable values."""
    ids, rejected = [], []
    for value in values:
        value = value.strip()
        if not value:
            continue
        if not _STAGE_ID.fullmatch(value):
            rejected.append(value)
        elif int(value) not in ids:
            ids.append(int(value))
    return ids, rejected


def remembered_stage_ids(request) -> list[int]:
    """The stages this visitor last compared (ids; may include stages since unpublished)."""
    ids = request.session.get(SESSION_KEY, [])
    return [i for i in ids if isinstance(i, int)][:MAX_STAGES] if isinstance(ids, list) else []


def remember_stage_ids(request, ids: list[int]) -> None:
    """Remember the current comparison for the visit (only writes when it changed)."""
    ids = list(ids)[:MAX_STAGES]
    if request.session.get(SESSION_KEY, []) != ids:
        request.session[SESSION_KEY] = ids


def compare_query(ids: list[int], units: str) -> str:
    """The compare page's query string for these stages: `stage=3&stage=8&units=m`."""
    return "&".join([*(f"stage={i}" for i in ids), f"units={units}"])


@dataclass(frozen=True)
class StagePlan:
    """One stage's floor drawn to the drawing's common scale (SVG user units)."""

    stage: object  # a Soundstage or a ReferenceStage
    long_m: Decimal | None  # the longer side (drawn horizontally)
    short_m: Decimal | None
    area_only: bool  # no length × width published: a square of the published area
    width: float = 0
    height: float = 0
    colour: int = 0  # 1–6: the plan's colour in the overlay and its legend

    @property
    def drawable(self) -> bool:
        """Whether any size is published (length × width, or an area)."""
        return self.long_m is not None

    @property
    def view_height(self) -> float:
        """The height of this plan's own drawing, padding included."""
        return round(self.height + 2 * PAD, 1)


@dataclass(frozen=True)
class ScaleBar:
    """A round distance in the visitor's units, and its drawn length."""

    label: str
    width: float


@dataclass(frozen=True)
class Drawing:
    """Plans that share one metres-to-units scale, with a scale bar."""

    plans: list[StagePlan]
    units_per_m: float
    scale_bar: ScaleBar | None
    view_width: int = VIEW_WIDTH
    pad: int = PAD

    @property
    def overlay_plans(self) -> list[StagePlan]:
        """Drawable plans, largest first, so smaller floors are drawn on top of larger ones."""
        return sorted(
            (p for p in self.plans if p.drawable), key=lambda p: p.width * p.height, reverse=True
        )

    @property
    def overlay_height(self) -> float:
        """The height of one drawing with every plan laid from the same corner."""
        return max((p.view_height for p in self.plans if p.drawable), default=0)


def _sides(stage) -> tuple[Decimal | None, Decimal | None, bool]:
    if stage.length_m is not None and stage.width_m is not None:
        return max(stage.length_m, stage.width_m), min(stage.length_m, stage.width_m), False
    area = stage.area
    if area:
        side = Decimal(area).sqrt()
        return side, side, True
    return None, None, False


_NICE_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000)


def _scale_bar(units_per_m: float, units: str) -> ScaleBar:
    """The longest round distance that stays under a quarter of the drawing's width."""
    usable = (VIEW_WIDTH - 2 * PAD) / 4
    metres_per_unit = 1 / float(u.M_TO_FT) if units == u.FEET else 1
    step = _NICE_STEPS[0]
    for candidate in _NICE_STEPS:
        if candidate * metres_per_unit * units_per_m <= usable:
            step = candidate
    return ScaleBar(
        label=f"{step:,} {u.length_unit(units)}",
        width=round(step * metres_per_unit * units_per_m, 1),
    )


def plans_to_scale(stages, units: str = u.METRES) -> Drawing:
    """Every stage's floor at one scale: the longest side fills the drawing's width."""
    sides = [(stage, *_sides(stage)) for stage in stages]
    longest = max((long for _, long, _, _ in sides if long is not None), default=None)
    if not longest:
        plans = [StagePlan(stage, None, None, False) for stage in stages]
        return Drawing(plans=plans, units_per_m=0, scale_bar=None)
    units_per_m = (VIEW_WIDTH - 2 * PAD) / float(longest)
    plans, drawn = [], 0
    for stage, long, short, area_only in sides:
        if long is None:
            plans.append(StagePlan(stage, None, None, False))
            continue
        plans.append(
            StagePlan(
                stage=stage,
                long_m=long,
                short_m=short,
                area_only=area_only,
                width=round(float(long) * units_per_m, 1),
                height=round(float(short) * units_per_m, 1),
                colour=drawn % 6 + 1,
            )
        )
        drawn += 1
    return Drawing(plans=plans, units_per_m=units_per_m, scale_bar=_scale_bar(units_per_m, units))
