"""Test images made with Pillow, and a few deliberately bad files."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# EXIF tag numbers.
MAKE = 0x010F
ORIENTATION = 0x0112
GPS_IFD = 0x8825
GPS_LATITUDE_REF = 1
GPS_LATITUDE = 2


def image_bytes(
    size=(1200, 800),
    *,
    format="JPEG",
    mode="RGB",
    colour=(200, 40, 40),
    exif=False,
    orientation=None,
) -> bytes:
    image = Image.new(mode, size, colour)
    out = io.BytesIO()
    options = {}
    if exif or orientation:
        data = Image.Exif()
        if exif:
            data[MAKE] = "Canon"
            data.get_ifd(GPS_IFD).update(
                {GPS_LATITUDE_REF: "N", GPS_LATITUDE: (51.0, 30.0, 0.0)}
            )
        if orientation:
            data[ORIENTATION] = orientation
        options["exif"] = data.tobytes()
    image.save(out, format=format, **options)
    return out.getvalue()


def upload(content: bytes, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def jpeg_with_exif(size=(1200, 800)):
    return upload(image_bytes(size, exif=True))


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width`` × ``height`` pixels."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00"))
        + _chunk(b"IEND", b"")
    )
