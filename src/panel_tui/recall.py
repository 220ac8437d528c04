"""Up/Down recall of recent queries in a search box, like a shell's history.

Pure state: the search screen loads the entries from the store (``Store.recent_queries``,
newest first) and saves a query there when a hit is opened. No Textual here.
"""

from __future__ import annotations

from collections.abc import Iterable


class QueryHistory:
    """Recent queries, newest first. ``older``/``newer`` walk them; the text typed before the
    first ``older`` (the draft) comes back after the newest."""

    def __init__(self, entries: Iterable[str] = (), limit: int = 50) -> None:
        self.entries: list[str] = []
        self.limit = limit
        self.load(entries)
        self.index = -1  # -1: the draft
        self.draft = ""

    def load(self, entries: Iterable[str]) -> None:
        """Replace the entries (keeps the walk at the draft)."""
        self.entries = list(dict.fromkeys(e for e in entries if e.strip()))[: self.limit]
        self.index = -1

    @property
    def shown(self) -> str | None:
        """The entry being shown, or ``None`` while at the draft."""
        return self.entries[self.index] if self.index >= 0 else None

    def older(self, current: str) -> str | None:
        """The next older entry (``None`` at the oldest). ``current`` is kept as the draft
        when the walk starts; the current query itself is skipped."""
        if self.index < 0:
            self.draft = current
        i = self.index + 1
        while i < len(self.entries) and self.index < 0 and self.entries[i] == current:
            i += 1
        if i >= len(self.entries):
            return None
        self.index = i
        return self.entries[i]

    def newer(self) -> str | None:
        """The next newer entry, the draft after the newest; ``None`` when already there."""
        if self.index < 0:
            return None
        self.index -= 1
        return self.draft if self.index < 0 else self.entries[self.index]

    def reset(self) -> None:
        """The reader typed: the walk starts again from the newest."""
        self.index = -1

    def push(self, query: str) -> None:
        """Remember ``query`` as the newest (what ``Store.add_query`` does on disk)."""
        query = query.strip()
        if query:
            self.entries = [query, *(e for e in self.entries if e != query)][: self.limit]
        self.index = -1
