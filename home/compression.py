"""gzip on the wire: pages, feeds, calendars, the sitemap and JSON, compressed once.

``CompressionMiddleware`` is Django's ``GZipMiddleware`` (with its BREACH mitigation:
random padding in the gzip header of each response; Django masks CSRF tokens per
response besides) limited to text types: images and documents are already compressed.
It sits above the page cache (config/settings/base.py), which stores its pages
compressed once and serves those bytes as they are (``home.page_cache``): a hit costs
no compression, and a client that does not accept gzip gets them decompressed.

A page carrying a form is stored in pieces cut at the CSRF token (``SplicedGzip``):
each piece is a run of deflate blocks ending in a full flush, which empties the
compressor's history, so a visitor's own token is compressed alone and spliced in
between the stored pieces. The token then never shares a compression context with
anything else on the page (no BREACH oracle) and the page costs no compression either.
"""

import os
import re
import struct
import zlib

from django.middleware.gzip import GZipMiddleware
from django.utils.text import compress_string

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
COMPRESSIBLE = (
    "text/",
    "application/json",
    "application/ld+json",
    "application/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/javascript",
    "image/svg+xml",
)
MAX_RANDOM_BYTES = GZipMiddleware.max_random_bytes
LEVEL = 6


def accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))


def is_compressible(response):
    content_type = response.get("Content-Type", "").lower()
    return content_type.startswith(COMPRESSIBLE)


class CompressionMiddleware(GZipMiddleware):
    """GZipMiddleware for text responses only (see the module docstring)."""

    def process_response(self, request, response):
        if not is_compressible(response):
            return response
        return super().process_response(request, response)


def gzip_bytes(content):
    """One gzip member with Django's random header padding, as GZipMiddleware makes it."""
    return compress_string(content, max_random_bytes=MAX_RANDOM_BYTES)


def _header():
    # gzip header with the FNAME flag: a random-length name, as Django's compress_string pads it.
    padding = os.urandom(1)[0] % (MAX_RANDOM_BYTES + 1)
    name = os.urandom(padding).hex()[:padding].encode() + b"\0" if padding else b""
    flags = 0x08 if name else 0
    return b"\x1f\x8b\x08" + bytes([flags]) + b"\0\0\0\0\x00\xff" + name


def _deflate(data, final):
    compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -zlib.MAX_WBITS)
    return compressor.compress(data) + compressor.flush(zlib.Z_FINISH if final else zlib.Z_FULL_FLUSH)


class SplicedGzip:
    """Content with a placeholder, compressed once; each serving splices in its own value."""

    def __init__(self, content, placeholder):
        self.placeholder = placeholder
        self.pieces = content.split(placeholder)
        last = len(self.pieces) - 1
        self.deflated = [_deflate(piece, final=index == last) for index, piece in enumerate(self.pieces)]

    def __getstate__(self):
        return {"placeholder": self.placeholder, "pieces": self.pieces, "deflated": self.deflated}

    def __setstate__(self, state):
        self.__dict__.update(state)

    def plain(self, value):
        return value.join(self.pieces)

    def gzip(self, value):
        """A complete gzip member: header, stored pieces and the value compressed alone, trailer."""
        middle = _deflate(value, final=False)
        body = middle.join(self.deflated)
        plain = self.plain(value)
        trailer = struct.pack("<II", zlib.crc32(plain) & 0xFFFFFFFF, len(plain) & 0xFFFFFFFF)
        return _header() + body + trailer
