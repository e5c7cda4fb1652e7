"""Draws the tab-bar icons (81x81 PNG, grey and selected red) with the standard library only.

Run once when an icon changes: python3 scripts/make-tab-icons.py
"""
import math
import struct
import zlib
from pathlib import Path

SIZE = 81
GREY = (95, 95, 95)
RED = (183, 28, 28)
OUT = Path(__file__).resolve().parent.parent / 'src' / 'assets' / 'tabbar'


def png(pixels):
    raw = b''.join(b'\x00' + bytes(c for px in row for c in px) for row in pixels)
    def chunk(kind, data):
        return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack('>IIBBBBB', SIZE, SIZE, 8, 6, 0, 0, 0)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + chunk(b'IDAT', zlib.compress(raw, 9)) + chunk(b'IEND', b'')


def care(x, y):  # a medical cross
    return (30 <= x <= 50 and 12 <= y <= 68) or (12 <= x <= 68 and 30 <= y <= 50)


def volunteer(x, y):  # a heart
    nx, ny = (x - 40) / 30, (42 - y) / 30
    return (nx * nx + ny * ny - 1) ** 3 - nx * nx * ny ** 3 <= 0


def study(x, y):  # an open book
    left = 8 <= x <= 38 and 18 + (38 - x) // 6 <= y <= 66
    right = 42 <= x <= 72 and 18 + (x - 42) // 6 <= y <= 66
    return left or right


def me(x, y):  # head and shoulders
    head = math.hypot(x - 40, y - 26) <= 14
    body = y >= 46 and math.hypot(x - 40, y - 76) <= 30 and y <= 72
    return head or body


for name, shape in {'care': care, 'volunteer': volunteer, 'study': study, 'me': me}.items():
    for suffix, colour in (('', GREY), ('-active', RED)):
        pixels = [[(*colour, 255) if shape(x, y) else (0, 0, 0, 0) for x in range(SIZE)] for y in range(SIZE)]
        (OUT / f'{name}{suffix}.png').write_bytes(png(pixels))
