"""Bytes to text: BOMs, UTF-8, then GB18030; refuse what is empty or binary.

Newlines are normalised to ``\\n`` exactly as Python's text mode does, so offsets agree with
any tool that opens the file with ``open(path, encoding=...)``.
"""

from __future__ import annotations

import codecs
import unicodedata


class UndecodableError(ValueError):
    """A file that cannot be read as text; the message says why in a few words."""


_CONTROL = bytes([*range(9), *range(14, 32)])


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls > max(8, len(sample) // 100)


def _garbled(text: str) -> bool:
    sample = text[:65536]
    bad = sum(1 for ch in sample if unicodedata.category(ch) in ("Co", "Cn", "Cs"))
    return bad > max(8, len(sample) // 50)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise UndecodableError for empty, binary or garbled data."""
    if data.startswith(codecs.BOM_UTF8):
        text, enc = data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="strict"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise UndecodableError("invalid UTF-16") from exc
    else:
        if _looks_binary(data):
            raise UndecodableError("binary file (not text)")
        try:
            text, enc = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError:
            try:
                text, enc = data.decode("gb18030"), "gb18030"
            except UnicodeDecodeError as exc:
                raise UndecodableError("not UTF-8, UTF-16 or GB18030 text") from exc
            if _garbled(text):
                raise UndecodableError("not UTF-8, UTF-16 or GB18030 text") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise UndecodableError("empty file")
    return text, enc
