"""A folder of transcripts, loaded into panels, with lookup by id, prefix or file name."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from panel_tui.ingest import LazyDocument, UndecodableError, open_document
from panel_tui.model import Panel

if TYPE_CHECKING:
    from panel_tui.search.hits import Hit as SearchHit

SUFFIXES = (".txt", ".md")
ENV_CORPUS = "PANEL_TUI_CORPUS"


class PanelNotFound(LookupError):
    """An unknown or ambiguous panel reference; ``candidates`` are the closest ids."""

    def __init__(self, ref: str, candidates: list[str], ambiguous: bool = False) -> None:
        self.ref = ref
        self.candidates = candidates
        self.ambiguous = ambiguous
        what = "ambiguous panel reference" if ambiguous else "unknown panel"
        hint = f"; closest: {', '.join(candidates)}" if candidates else ""
        super().__init__(f"{what} {ref!r}{hint}")


def shipped_corpus() -> Path:
    """The corpus that ships with the package: inside the wheel, or the checkout's ``corpus/``."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_corpus", here.parent.parent / "corpus"):
        if candidate.is_dir():
            return candidate
    return here / "_corpus"


def default_corpus() -> Path:
    env = os.environ.get(ENV_CORPUS)
    return Path(env).expanduser() if env else shipped_corpus()


def corpus_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(
        p
        for p in root.rglob("*")
        if p.suffix.lower() in SUFFIXES and p.is_file() and not p.name.startswith(".")
    )


@dataclass
class Corpus:
    root: Path
    panels: list[Panel]
    warnings: list[str] = field(default_factory=list)

    def __iter__(self) -> Iterator[Panel]:
        return iter(self.panels)

    def __len__(self) -> int:
        return len(self.panels)

    def get(self, ref: str) -> Panel:
        """Find a panel by id, unique id prefix, or source file name (with or without suffix)."""
        ref = ref.strip()
        by_id = {p.id: p for p in self.panels}
        if ref in by_id:
            return by_id[ref]
        low = ref.lower()
        for matches in (
            [p for p in self.panels if p.path.name == ref or p.path.stem == ref],
            [p for p in self.panels if str(p.path) == ref or str(p.path).endswith("/" + ref)],
            [p for p in self.panels if p.id.lower().startswith(low)],
            [p for p in self.panels if p.path.name.lower().startswith(low)],
        ):
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1:
                raise PanelNotFound(ref, [p.id for p in matches][:10], ambiguous=True)
        raise PanelNotFound(ref, self.closest(ref))

    def closest(self, ref: str, limit: int = 5) -> list[str]:
        from rapidfuzz import fuzz, process

        keys = {p.id: p for p in self.panels}
        keys.update({p.path.name: p for p in self.panels})
        found = process.extract(ref, list(keys), scorer=fuzz.WRatio, limit=limit * 2)
        out: list[str] = []
        for key, _, _ in found:
            pid = keys[key].id
            if pid not in out:
                out.append(pid)
        return out[:limit]

    def search(
        self,
        query: str,
        *,
        panel: str | list[str] | None = None,
        speakers: list[str] | None = None,
        limit: int = 50,
    ) -> list[SearchHit]:
        """Ranked hits for an fzf-style query (syntax in ``panel_tui.search.query``). ``panel``
        takes references as :meth:`get` does. Loads or builds the cached index on first use."""
        from panel_tui.search import engine_for

        refs = [panel] if isinstance(panel, str) else panel
        ids = None if refs is None else [self.get(r).id for r in refs]
        return list(engine_for(self).search(query, panels=ids, speakers=speakers, limit=limit).hits)


def load_corpus(path: str | os.PathLike[str] | None = None) -> Corpus:
    """Load every ``.txt``/``.md`` file under ``path`` (default: ``$PANEL_TUI_CORPUS`` or the
    shipped corpus). Unreadable files are skipped with a one-line warning each."""
    root = Path(path).expanduser() if path is not None else default_corpus()
    warnings: list[str] = []
    panels: list[Panel] = []
    if not root.exists():
        return Corpus(root, [], [f"{root}: corpus folder not found"])
    seen: dict[str, int] = {}
    for f in corpus_files(root):
        try:
            doc = open_document(f)
        except UndecodableError as exc:
            warnings.append(f"skipped {f}: {exc}")
            continue
        except OSError as exc:
            warnings.append(f"skipped {f}: {exc.strerror or exc}")
            continue
        pid = doc.meta.id
        if pid in seen:  # the same session twice (e.g. two transcription runs)
            seen[pid] += 1
            new_id = f"{pid}~{seen[pid]}"
            if isinstance(doc, LazyDocument):
                doc = doc.with_id(new_id)
            else:
                doc = replace(doc, meta=replace(doc.meta, id=new_id))
        else:
            seen[pid] = 1
        panels.append(Panel(doc))
    return Corpus(root, panels, warnings)
