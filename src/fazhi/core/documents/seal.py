"""The 印章 placeholder: a red dashed ring with a star, drawn as a transparent PNG.

It only marks where the seal goes (GB/T 9704-2012 §7.3.5.1: 印章……居中下压发文机关署名和成文日期);
the real seal is applied by hand or by the electronic-seal system, never by this module. The PNG is
drawn with the standard library so the module needs no imaging dependency.
"""

from __future__ import annotations

import math
import struct
import zlib
from functools import lru_cache

SEAL_DIAMETER_MM = 42  # the common size of an official round seal
_PIXELS = 240
_RED = (0xE6, 0x00, 0x12)
_DASHES = 36  # dash + gap pairs around the ring


def _star_vertices(cx: float, cy: float, outer: float) -> list[tuple[float, float]]:
    inner = outer * math.sin(math.radians(18)) / math.sin(math.radians(126))
    points = []
    for index in range(10):
        radius = outer if index % 2 == 0 else inner
        angle = math.radians(-90 + index * 36)
        points.append((cx + radius * math.cos(angle), cy + radius * math.sin(angle)))
    return points


def _inside(x: float, y: float, polygon: list[tuple[float, float]]) -> bool:
    inside = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < (x2 - x1) * (y - y1) / (y2 - y1) + x1:
            inside = not inside
    return inside


def _png(width: int, height: int, rows: list[bytes]) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)  # 8-bit RGBA
    raw = b"".join(b"\x00" + row for row in rows)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


@lru_cache(maxsize=1)
def seal_placeholder_png() -> bytes:
    """Return the placeholder image: a dashed red ring around an outlined red five-pointed star."""
    centre = (_PIXELS - 1) / 2
    outer, ring = centre - 2, _PIXELS * 0.035
    # An outlined star, so the placeholder never hides the signature it overlaps.
    star = _star_vertices(centre, centre, _PIXELS * 0.17)
    inner_star = _star_vertices(centre, centre + _PIXELS * 0.008, _PIXELS * 0.17 - _PIXELS * 0.035)
    red = bytes(_RED)
    rows = []
    for y in range(_PIXELS):
        row = bytearray()
        for x in range(_PIXELS):
            dx, dy = x - centre, y - centre
            distance = math.hypot(dx, dy)
            dash = int((math.atan2(dy, dx) + math.pi) / (2 * math.pi) * _DASHES * 2) % 2 == 0
            painted = (outer - ring <= distance <= outer and dash) or (
                _inside(x, y, star) and not _inside(x, y, inner_star)
            )
            row += red + b"\xff" if painted else b"\x00\x00\x00\x00"
        rows.append(bytes(row))
    return _png(_PIXELS, _PIXELS, rows)
