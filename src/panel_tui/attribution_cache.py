"""On-disk cache of speaker attribution: the participants found and the turns of a panel.

Attributing a long ASR transcript takes a few hundred milliseconds (~0.3 s for the longest
shipped panel), every start of the app. The result is a pure function of the file and of the
code that reads and attributes it, so it is kept in the user cache dir
(``cache_dir()/attribution/<code version>/<key>.json``) and read back on the next start.

* **Key**: SHA-256 over the decoded text, the panel's metadata, format, file name, the
  header's participants and the reader's corrections.
* **Code version**: SHA-256 over the source of ``panel_tui/speakers/``, ``panel_tui/ingest/``,
  ``model.py`` and ``pinyin.py``, the versions of pypinyin and rapidfuzz, and Python's
  ``major.minor``. Any change to the algorithm changes the directory, so stale results are
  never read; older directories are pruned. If the source cannot be read (no ``.py`` files),
  the cache stays off.
* **Never trusted**: an entry is JSON holding its own key; anything unreadable, damaged, of
  another shape or with offsets outside the text reads as a miss and is recomputed. Writes
  go to a temporary file renamed into place; a read-only or full cache dir only means no cache.

The cache is off unless turned on (``enable()``): the app turns it on; library users and the
attribution benchmarks, which time ``Panel.turns``, compute as before.
``PANEL_TUI_ATTRIBUTION_CACHE=0`` keeps it off even in the app.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
import tempfile
from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from panel_tui.model import Participant, Turn
from panel_tui.paths import cache_dir

if TYPE_CHECKING:
    from panel_tui.model import Panel

FORMAT = 1  # the layout of an entry; bump when it changes
ENV_SWITCH = "PANEL_TUI_ATTRIBUTION_CACHE"
KEEP_VERSIONS = 3  # code versions kept side by side (e.g. two installs sharing one cache dir)
PACKAGE = Path(__file__).resolve().parent
CODE_DIRS = ("speakers", "ingest")
CODE_FILES = ("model.py", "pinyin.py")
LIBRARIES = ("pypinyin", "rapidfuzz")

_enabled = False


def enable(on: bool = True) -> None:
    """Turn the cache on (the app does) or off; ``$PANEL_TUI_ATTRIBUTION_CACHE=0`` wins."""
    global _enabled
    _enabled = on


def is_enabled() -> bool:
    return _enabled and os.environ.get(ENV_SWITCH, "1").strip().lower() not in ("0", "off", "no")


@dataclass(frozen=True, slots=True)
class Attribution:
    participants: tuple[Participant, ...]
    turns: tuple[Turn, ...]


@lru_cache(maxsize=1)
def code_version() -> str | None:
    """The installed code's version, hashed once per process (the code it runs)."""
    return hash_code(PACKAGE)


def hash_code(package: Path) -> str | None:
    """A hash of everything attribution's result depends on besides the file; ``None`` if the
    source is not there to hash (then the cache stays off)."""
    files = [package / name for name in CODE_FILES]
    for sub in CODE_DIRS:
        files += sorted((package / sub).glob("*.py"))
    from importlib import metadata  # ~10 ms to import: only once the first frame is up

    h = hashlib.sha256(f"format {FORMAT}; python {sys.version_info[:2]}\n".encode())
    for lib in LIBRARIES:
        try:
            h.update(f"{lib} {metadata.version(lib)}\n".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib} ?\n".encode())
    try:
        for path in files:
            h.update(path.relative_to(package).as_posix().encode() + b"\0")
            h.update(path.read_bytes() + b"\0")
    except OSError:
        return None
    if not any(p.parent.name in CODE_DIRS for p in files):
        return None
    return h.hexdigest()


def entry_key(panel: Panel) -> str:
    """What the result depends on in the panel itself (text, metadata, corrections)."""
    doc = panel.doc
    h = hashlib.sha256()
    for part in (
        doc.format,
        Path(doc.path).name,
        repr(doc.meta),
        repr(tuple(doc.participants)),
        repr(tuple(panel.corrections)),
    ):
        h.update(part.encode("utf-8", "surrogatepass") + b"\0")
    h.update(doc.text.encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _root(version: str) -> Path:
    return cache_dir() / "attribution" / version[:32]


def load(panel: Panel) -> Attribution | None:
    """The stored attribution of ``panel``, or ``None`` (off, missing, stale or damaged)."""
    if not is_enabled():
        return None
    version = code_version()
    if version is None:
        return None
    try:
        key = entry_key(panel)
        raw = (_root(version) / f"{key}.json").read_bytes()
        return _decode(json.loads(raw), key, len(panel.text))
    except Exception:  # anything wrong with an entry is a miss, never a crash
        return None


def save(panel: Panel, participants: tuple[Participant, ...], turns: tuple[Turn, ...]) -> None:
    """Store ``panel``'s attribution; best effort (a read-only cache dir just means no cache)."""
    if not is_enabled():
        return
    version = code_version()
    if version is None:
        return
    try:
        key = entry_key(panel)
        payload = {
            "format": FORMAT,
            "key": key,
            "participants": [_record(p) for p in participants],
            "turns": [_record(t) for t in turns],
        }
        data = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        back = _decode(json.loads(data), key, len(panel.text))
        if back is None or back != Attribution(tuple(participants), tuple(turns)):
            return  # something JSON cannot hold exactly: compute it every time instead
        root = _root(version)
        if not root.is_dir():
            root.mkdir(parents=True, exist_ok=True)
            _prune(root)
        fd, tmp = tempfile.mkstemp(dir=root, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, root / f"{key}.json")
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except Exception:
        return


def _prune(current: Path) -> None:
    """Drop the entries of older code versions, keeping the most recent few."""
    try:
        others = [p for p in current.parent.iterdir() if p.is_dir() and p != current]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    except OSError:
        return
    for old in others[KEEP_VERSIONS - 1 :]:
        shutil.rmtree(old, ignore_errors=True)


def _record(obj: Participant | Turn) -> list[object]:
    return [_plain(getattr(obj, f.name)) for f in fields(obj)]


def _plain(value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def _build(cls: type[Participant] | type[Turn], values: object) -> Participant | Turn:
    if not isinstance(values, list) or len(values) != len(fields(cls)):
        raise ValueError("wrong shape")
    return cls(*(tuple(v) if isinstance(v, list) else v for v in values))


def _decode(data: object, key: str, text_length: int) -> Attribution | None:
    """The entry as records, checked: the key, the shape, names and offsets; else ``None``."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        return None
    people, turns = data.get("participants"), data.get("turns")
    if not isinstance(people, list) or not isinstance(turns, list):
        return None
    try:
        participants = tuple(_build(Participant, p) for p in people)
        out = tuple(_build(Turn, t) for t in turns)
    except (TypeError, ValueError):
        return None
    for p in participants:
        if not (_strs(p.name, p.role, p.source) and _strs(*p.aliases)):
            return None
    for t in out:
        if not (_strs(t.speaker, t.method) and _ints(t.start, t.end)):
            return None
        if not (0 <= t.start <= t.end <= text_length) or not _number(t.confidence):
            return None
    return Attribution(participants, out)  # type: ignore[arg-type]


def _strs(*values: object) -> bool:
    return all(isinstance(v, str) for v in values)


def _ints(*values: object) -> bool:
    return all(isinstance(v, int) and not isinstance(v, bool) for v in values)


def _number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)
