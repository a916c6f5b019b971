"""Placeholder photos for the demo: a calm gradient per category with the place's name.

They are plainly not photographs (captioned as such), need no network and no CJK font:
only Latin text is drawn, with Pillow's bundled default font.
"""

import io
from functools import cache

from PIL import Image, ImageDraw, ImageFont

# 3:2, the shape of most location photos. Small on purpose: the demo makes ~150 of them and
# their thumbnails (locations.photos) in one go; at this size the 2048- and 960-pixel
# versions are not made (they would only enlarge), which keeps `load_demo` fast.
SIZE = (960, 640)
CAPTION = "Placeholder image — sample, not a photo of the place"
CREDIT = "Rokehan demo data"
STAMP = "Placeholder image - not a photograph"  # ASCII: the default font has no em dash

# (top colour, bottom colour) per category slug; muted so the text stays readable.
PALETTES: dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]] = {
    "street": ((58, 64, 110), (196, 112, 92)),
    "temple": ((120, 62, 48), (214, 170, 110)),
    "shrine": ((150, 44, 38), (226, 160, 120)),
    "castle": ((62, 80, 96), (176, 188, 196)),
    "nature": ((40, 92, 70), (170, 204, 150)),
    "waterfront": ((30, 84, 128), (150, 200, 214)),
    "urban": ((44, 44, 70), (150, 110, 170)),
    "industrial": ((70, 70, 74), (170, 150, 130)),
    "rural": ((92, 110, 52), (220, 200, 130)),
    "building": ((96, 70, 60), (200, 180, 160)),
    "garden": ((52, 100, 60), (200, 210, 160)),
    "bridge": ((60, 90, 120), (220, 180, 140)),
    "historic-district": ((100, 60, 50), (220, 190, 150)),
    "transport": ((50, 70, 90), (190, 160, 120)),
    "park": ((50, 110, 80), (190, 220, 170)),
    "studio": ((36, 40, 52), (120, 130, 150)),
}
DEFAULT_PALETTE = ((70, 80, 90), (180, 190, 200))


@cache
def _gradient(palette_key: str, variant: int) -> Image.Image:
    """The background for a palette; each variant runs the gradient another way."""
    top, bottom = PALETTES.get(palette_key, DEFAULT_PALETTE)
    mask = Image.linear_gradient("L")  # 256 × 256, black at the top to white at the bottom
    mask = mask.rotate((0, 90, 45, 135)[variant % 4], expand=False, fillcolor=128)
    mask = mask.resize(SIZE, Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", SIZE, bottom), Image.new("RGB", SIZE, top), mask)


@cache
def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    return ImageFont.load_default(size=size)


def _centred(draw: ImageDraw.ImageDraw, y: int, text: str, font, fill) -> None:
    left, _, right, _ = draw.textbbox((0, 0), text, font=font)
    x = (SIZE[0] - (right - left)) // 2
    draw.text((x + 2, y + 2), text, font=font, fill=(0, 0, 0))  # soft shadow
    draw.text((x, y), text, font=font, fill=fill)


def _fit(draw: ImageDraw.ImageDraw, text: str, largest: int, width: int):
    """The largest font size (down to 24 px) at which `text` fits `width` pixels."""
    size = largest
    while size > 24:
        left, _, right, _ = draw.textbbox((0, 0), text, font=_font(size))
        if right - left <= width:
            break
        size -= 4
    return _font(size)


def placeholder_jpeg(title: str, *, palette: str, variant: int = 0, subtitle: str = "") -> bytes:
    """A JPEG of SIZE with a gradient for `palette` (a category slug or "studio"), `title`
    drawn in the middle and a line saying it is a placeholder."""
    image = _gradient(palette, variant).copy()
    draw = ImageDraw.Draw(image)
    # Cards crop to 4:3: keep the title inside that middle part.
    title_font = _fit(draw, title, 60, SIZE[1] * 4 // 3 - 80)
    _centred(draw, SIZE[1] // 2 - 56, title, title_font, (255, 255, 255))
    if subtitle:
        _centred(draw, SIZE[1] // 2 + 24, subtitle, _font(28), (240, 240, 240))
    _centred(draw, SIZE[1] - 70, STAMP, _font(22), (230, 230, 230))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=82, optimize=False)
    return buffer.getvalue()
