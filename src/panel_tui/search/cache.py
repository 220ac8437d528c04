"""On-disk cache of segments and gram tables, under ``cache_dir()/search/v<N>/``.

Each file is ``MAGIC, payload length, CRC-32 of the payload, payload``; anything that fails the
check (truncated, damaged, other version) reads as a miss and is rebuilt, never trusted.
Writes go to a temporary file and are renamed into place, so readers never see half a file.
"""

from __future__ import annotations

import os
import struct
import tempfile
import zlib
from array import array
from pathlib import Path

from panel_tui.paths import cache_dir
from panel_tui.search.folding import Folded
from panel_tui.search.index import INDEX_VERSION, Segment

MAGIC = b"PTSRCH\x01" + bytes([INDEX_VERSION])
_HEAD = struct.Struct("<8sQ12s")


def search_cache_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    return cache_dir(explicit) / "search" / f"v{INDEX_VERSION}"


def _digest(payload: bytes | memoryview) -> bytes:
    """CRC-32 with the length: enough to catch damage (this is a cache, not a signature),
    and twice as fast as a cryptographic hash over a 100 MB index."""
    return struct.pack("<IQ", zlib.crc32(payload), len(payload))


def _write(path: Path, blobs: list[bytes]) -> None:
    lengths = array("Q", [len(b) for b in blobs])
    payload = b"".join([struct.pack("<I", len(blobs)), lengths.tobytes(), *blobs])
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(_HEAD.pack(MAGIC, len(payload), _digest(payload)))
            f.write(payload)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _read(path: Path) -> list[memoryview] | None:
    try:
        data = path.read_bytes()
    except OSError:
        return None
    if len(data) < _HEAD.size:
        return None
    magic, size, digest = _HEAD.unpack_from(data)
    payload = memoryview(data)[_HEAD.size :]
    if magic != MAGIC or size != len(payload) or _digest(payload) != digest:
        return None
    try:
        (n,) = struct.unpack_from("<I", payload)
        lengths = array("Q")
        lengths.frombytes(payload[4 : 4 + 8 * n])
        out, pos = [], 4 + 8 * n
        for ln in lengths:
            out.append(payload[pos : pos + ln])
            pos += ln
    except (struct.error, ValueError):
        return None
    return out if pos == len(payload) else None


def _u32(buf: memoryview) -> array:
    a = array("I")
    a.frombytes(buf)
    return a


def _text(s: str) -> bytes:
    return s.encode("utf-16-le", "surrogatepass")


def save_segment(root: Path, seg: Segment) -> None:
    f = seg.folded
    blobs = [_text(seg.text), _text(seg.phon), _text(seg.inits)]
    blobs += [a.tobytes() for a in (f.f_starts, f.o_starts, f.lengths)]
    blobs += [a.tobytes() for a in (seg.unit_starts, seg.unit_ends, seg.src_starts, seg.src_ends)]
    _write(root / "seg" / f"{seg.key}.bin", blobs)


def load_segment(root: Path, key: str) -> Segment | None:
    blobs = _read(root / "seg" / f"{key}.bin")
    if blobs is None or len(blobs) != 10:
        return None
    try:
        text, phon, inits = (bytes(b).decode("utf-16-le", "surrogatepass") for b in blobs[:3])
        arrays = [_u32(b) for b in blobs[3:]]
    except (UnicodeDecodeError, ValueError):
        return None
    if not (len(text) == len(phon) == len(inits)) or len({len(a) for a in arrays[3:]}) != 1:
        return None
    folded = Folded(text, *arrays[:3])
    return Segment(key, folded, phon, inits, *arrays[3:])


def save_grams(root: Path, manifest: str, n_panels: int, masks: dict[str, int]) -> None:
    """Keys grouped by length (1-3 characters, each group one string), then the masks as
    fixed-width little-endian bitmaps in the same order."""
    width = max(1, (n_panels + 7) // 8)
    groups = [[g for g in masks if len(g) == n] for n in (1, 2, 3)]
    order = [g for group in groups for g in group]
    bits = b"".join(masks[g].to_bytes(width, "little") for g in order)
    head = struct.pack("<IIII", n_panels, *(len(g) for g in groups))
    _write(root / f"grams-{manifest}.bin", [head, *(_text("".join(g)) for g in groups), bits])


def load_grams(root: Path, manifest: str, n_panels: int) -> dict[str, int] | None:
    blobs = _read(root / f"grams-{manifest}.bin")
    if blobs is None or len(blobs) != 5:
        return None
    try:
        n, *counts = struct.unpack("<IIII", blobs[0])
        strings = [bytes(b).decode("utf-16-le", "surrogatepass") for b in blobs[1:4]]
    except (struct.error, UnicodeDecodeError):
        return None
    width = max(1, (n_panels + 7) // 8)
    bits = bytes(blobs[4])
    if n != n_panels or len(bits) != width * sum(counts):
        return None
    keys: list[str] = []
    for size, (count, s) in enumerate(zip(counts, strings, strict=True), start=1):
        if len(s) != size * count:
            return None
        keys += [s[i : i + size] for i in range(0, len(s), size)]
    fb = int.from_bytes
    return {k: fb(bits[i * width : (i + 1) * width], "little") for i, k in enumerate(keys)}


def prune_grams(root: Path, keep: int = 4) -> None:
    """Keep the gram tables of the few most recent corpora; segments are shared, so kept."""
    tables = sorted(root.glob("grams-*.bin"), key=lambda p: p.stat().st_mtime, reverse=True)
    for p in tables[keep:]:
        p.unlink(missing_ok=True)
