"""Where the reader was in each panel, and the searches they ran lately.

Cheap, replaceable state: no anchoring (a position is clamped to the text), queries deduplicated
and capped. The TUI should debounce position writes (each commit is fsynced).
"""

from __future__ import annotations

import sqlite3

from panel_tui.store.bookmarks import now

MAX_QUERIES = 200


def set_position(conn: sqlite3.Connection, panel_id: str, offset: int) -> None:
    conn.execute(
        "INSERT INTO positions (panel_id, offset, updated) VALUES (?, ?, ?) "
        "ON CONFLICT(panel_id) DO UPDATE SET offset = excluded.offset, updated = excluded.updated",
        (panel_id, max(0, int(offset)), now()),
    )


def get_position(conn: sqlite3.Connection, panel_id: str) -> int | None:
    row = conn.execute("SELECT offset FROM positions WHERE panel_id = ?", (panel_id,)).fetchone()
    return int(row[0]) if row else None


def add_query(conn: sqlite3.Connection, query: str) -> None:
    """Remember ``query`` as the most recent; an old copy of it moves to the front."""
    conn.execute("DELETE FROM queries WHERE query = ?", (query,))
    conn.execute("INSERT INTO queries (query, used) VALUES (?, ?)", (query, now()))
    conn.execute(
        "DELETE FROM queries WHERE id NOT IN (SELECT id FROM queries ORDER BY id DESC LIMIT ?)",
        (MAX_QUERIES,),
    )


def recent_queries(conn: sqlite3.Connection, limit: int = 20) -> list[str]:
    rows = conn.execute("SELECT query FROM queries ORDER BY id DESC LIMIT ?", (limit,))
    return [r[0] for r in rows]
