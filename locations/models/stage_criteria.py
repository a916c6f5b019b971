"""What one soundstage must meet, as one condition (the studio size search)."""

from django.db.models import Q


class StageCriteria:
    """What one stage must meet, all at once (sizes in metres / m²; None = any).

    `min_length` × `min_width` is a set's footprint, so a stage fits it in either
    orientation: its longer side against the longer figure, its shorter against the shorter.
    """

    def __init__(
        self,
        *,
        min_area=None,
        min_length=None,
        min_width=None,
        min_height=None,
        tank=None,
        cyclorama=None,
    ):
        self.min_area = min_area
        self.min_length = min_length
        self.min_width = min_width
        self.min_height = min_height
        self.tank = tank
        self.cyclorama = cyclorama

    def __bool__(self):
        return any(v is not None for v in vars(self).values())

    def q(self, prefix: str = "") -> Q:
        """A Q over Soundstage fields (prefixed, e.g. "stages__") for one stage meeting all."""
        f = lambda name: prefix + name  # noqa: E731
        cond = Q()
        if self.min_area is not None:
            cond &= Q(**{f("floor_area_m2__gte"): self.min_area})
        long_req, short_req = _long_short(self.min_length, self.min_width)
        if long_req is not None:
            # The stage's longer side must reach the longer requirement …
            cond &= Q(**{f("length_m__gte"): long_req}) | Q(**{f("width_m__gte"): long_req})
        if short_req is not None:
            # … and its shorter side the shorter one: both sides reach the short figure,
            # and one of them reaches the long figure (checked above, same stage row).
            cond &= Q(**{f("length_m__gte"): short_req, f("width_m__gte"): short_req})
        if self.min_height is not None:
            cond &= Q(**{f("height_m__gte"): self.min_height})
        if self.tank is not None:
            cond &= Q(**{f("tank"): self.tank})
        if self.cyclorama is not None:
            cond &= Q(**{f("cyclorama"): self.cyclorama})
        return cond


def _long_short(a, b):
    if a is None and b is None:
        return None, None
    if a is None or b is None:
        # One figure alone: any side may be that long.
        return (a if a is not None else b), None
    return max(a, b), min(a, b)
