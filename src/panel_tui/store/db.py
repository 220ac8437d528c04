"""The SQLite file behind the user store: where it is, how it is opened, and what happens when
it cannot be used as is.

- One file, ``panel-tui.db`` in the data dir (``--data-dir``, ``$PANEL_TUI_DATA_DIR``,
  platformdirs). Nothing is created until the first write: reading an absent store reads an
  empty in-memory schema.
- WAL journal, ``busy_timeout`` and ``BEGIN IMMEDIATE`` for every write, so two processes
  writing at once queue instead of failing or losing an update. ``synchronous=FULL``: a commit
  is on disk before it returns. NORMAL is crash-safe for a killed process but may drop the last
  commits on power loss; bookmarks are few and precious, an fsync per write is cheap.
- Schema version in ``PRAGMA user_version``; ``MIGRATIONS`` run forward on open. A file from a
  newer panel-tui raises ``NewerSchemaError`` and is not written to (not even the journal mode).
- A file that is not SQLite, or fails ``PRAGMA integrity_check``, is renamed to
  ``panel-tui.db.corrupt-YYYYmmdd-HHMMSS`` (with its ``-wal``), never deleted; a fresh file
  is started with whatever rows could still be read from the old one, and a one-line warning
  says where the old one went. A ``panel-tui.db.lock`` file serialises this between processes.
- A data dir that cannot be written (read-only, or a path under a regular file): the store
  opens the existing file read-only, or an empty in-memory one, sets a warning, and raises
  ``StoreReadOnly`` on writes. Reading keeps working.

Threads: one connection per ``Database`` with ``check_same_thread=False``, every use under an
``RLock``. The TUI may call from worker threads; calls are short and serialised.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from panel_tui.paths import data_dir
from panel_tui.store.errors import NewerSchemaError, StoreError, StoreReadOnly

DB_NAME = "panel-tui.db"
BUSY_TIMEOUT_MS = 15_000


# Forward migrations: MIGRATIONS[i] takes a database from version i to i + 1.
V1 = """
CREATE TABLE bookmarks (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE,
    panel_id    TEXT NOT NULL,
    source      TEXT NOT NULL,              -- file name of the transcript
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    quote       TEXT NOT NULL,
    prefix      TEXT NOT NULL DEFAULT '',
    suffix      TEXT NOT NULL DEFAULT '',
    text_hash   TEXT NOT NULL,              -- sha256 of the text the offsets index
    speaker     TEXT,
    note        TEXT NOT NULL DEFAULT '',
    tags        TEXT NOT NULL DEFAULT '[]', -- JSON list of strings
    panel       TEXT NOT NULL DEFAULT '{}', -- JSON: title, event, date, platform, url (citation)
    orphaned    INTEGER NOT NULL DEFAULT 0, -- 1: the quote is no longer found in the text
    created     TEXT NOT NULL,
    updated     TEXT NOT NULL,
    CHECK (0 <= start AND start < "end")
);
CREATE INDEX bookmarks_panel ON bookmarks(panel_id);

CREATE TABLE corrections (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    uuid        TEXT NOT NULL UNIQUE,
    panel_id    TEXT NOT NULL,
    source      TEXT NOT NULL,
    start       INTEGER NOT NULL,
    "end"       INTEGER NOT NULL,
    speaker     TEXT NOT NULL,
    quote       TEXT NOT NULL,
    prefix      TEXT NOT NULL DEFAULT '',
    suffix      TEXT NOT NULL DEFAULT '',
    text_hash   TEXT NOT NULL,
    orphaned    INTEGER NOT NULL DEFAULT 0,
    created     TEXT NOT NULL,
    updated     TEXT NOT NULL,
    CHECK (0 <= start AND start < "end")
);
CREATE INDEX corrections_panel ON corrections(panel_id);

CREATE TABLE positions (
    panel_id    TEXT PRIMARY KEY,
    offset      INTEGER NOT NULL CHECK (offset >= 0),
    updated     TEXT NOT NULL
);

CREATE TABLE queries (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    query       TEXT NOT NULL UNIQUE,
    used        TEXT NOT NULL
);
"""

MIGRATIONS: list[str] = [V1]


def schema_version() -> int:
    return len(MIGRATIONS)


def default_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    return data_dir(explicit) / DB_NAME


def _is_corruption(exc: sqlite3.DatabaseError) -> bool:
    """Errors that mean the bytes are wrong, not that the file is busy or unreadable."""
    if isinstance(exc, sqlite3.OperationalError):
        return False  # locked, busy, I/O, cannot open: never a reason to move a file aside
    msg = str(exc).lower()
    return "not a database" in msg or "malformed" in msg or "corrupt" in msg


def migrate(conn: sqlite3.Connection, upto: int | None = None) -> int:
    """Run the pending migrations in one write transaction; returns the resulting version."""
    target = schema_version() if upto is None else upto
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > schema_version():
            raise NewerSchemaError(_newer_message(None, version))
        for step in range(version, target):
            for stmt in _statements(MIGRATIONS[step]):
                conn.execute(stmt)
            conn.execute(f"PRAGMA user_version = {step + 1}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return max(version, target)


def _statements(script: str) -> Iterator[str]:
    """Split a migration into statements (executescript would commit our transaction)."""
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line.split("--", 1)[0].rstrip() + "\n" if "--" in line else line
        if sqlite3.complete_statement(buf):
            if buf.strip():
                yield buf.strip()
            buf = ""
    if buf.strip():
        yield buf.strip()


def _newer_message(path: Path | None, version: int) -> str:
    where = f"{path} " if path else "the database "
    return (
        f"{where}was written by a newer panel-tui (schema {version}, this version reads up to "
        f"{schema_version()}); upgrade panel-tui. The file was left untouched."
    )


def _stamp() -> str:
    return time.strftime("%Y%m%d-%H%M%S", time.gmtime())


def _move_aside(path: Path) -> Path:
    """Rename a damaged database (and its WAL/SHM) next to itself; never delete it."""
    base = path.with_name(f"{path.name}.corrupt-{_stamp()}")
    target, n = base, 1
    while target.exists():
        target = base.with_name(f"{base.name}-{n}")
        n += 1
    os.replace(path, target)
    for ext in ("-wal", "-shm"):
        side = path.with_name(path.name + ext)
        if side.exists():
            with contextlib.suppress(OSError):
                os.replace(side, target.with_name(target.name + ext))
    return target


SALVAGE_TABLES = ("bookmarks", "corrections", "positions", "queries")


def _salvage(damaged: Path, fresh: sqlite3.Connection) -> int:
    """Copy what can still be read from a damaged store into the fresh one (best effort: rows
    before the first unreadable page of each table). Returns the bookmarks and corrections
    rescued. The damaged file is only read."""
    try:
        old = sqlite3.connect(f"{damaged.resolve().as_uri()}?mode=ro", uri=True)
        version = old.execute("PRAGMA user_version").fetchone()[0]
    except sqlite3.Error:
        return 0
    rescued = 0
    try:
        if not 1 <= version <= schema_version():
            return 0
        for table in SALVAGE_TABLES:
            rows: list[tuple[object, ...]] = []
            try:
                cur = old.execute(f"SELECT * FROM {table}")
                cols = [d[0] for d in cur.description]
                for row in cur:
                    rows.append(row)
            except sqlite3.Error:
                pass  # keep the rows read before the damage
            if not rows:
                continue
            names = ", ".join(f'"{c}"' for c in cols)
            marks = ", ".join("?" * len(cols))
            fresh.execute("BEGIN IMMEDIATE")
            try:
                for row in rows:
                    with contextlib.suppress(sqlite3.IntegrityError):
                        cur = fresh.execute(
                            f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})", row
                        )
                        if table in ("bookmarks", "corrections"):
                            rescued += cur.rowcount
                fresh.execute("COMMIT")
            except sqlite3.Error:
                fresh.execute("ROLLBACK")
    finally:
        old.close()
    return rescued


def _quoted(columns: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


def select_sql(table: str, columns: list[str]) -> str:
    """``SELECT id, <columns> FROM table`` for a record type's column list."""
    return f"SELECT id, {_quoted(columns)} FROM {table}"


def insert_sql(table: str, columns: list[str]) -> str:
    """``INSERT`` of one row of a record type's columns."""
    return f"INSERT INTO {table} ({_quoted(columns)}) VALUES ({', '.join('?' * len(columns))})"


def _use_wal(conn: sqlite3.Connection) -> None:
    """Switch to WAL, waiting out a concurrent opener.

    Changing the journal mode needs an exclusive lock and SQLite reports a clash at once
    (the busy handler is not consulted), so two processes creating the store together would
    otherwise see "database is locked". WAL persists in the file, so this usually reads only.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if conn.execute("PRAGMA journal_mode").fetchone()[0].lower() != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            text = str(exc).lower()
            if ("locked" not in text and "busy" not in text) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on ``path`` (POSIX); a no-op where fcntl is missing."""
    try:
        import fcntl
    except ImportError:  # Windows: recovery is rare enough to go without
        yield
        return
    with open(path, "a+b") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


class Database:
    """A lazily opened connection to the store file, with the safety rules above."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.warnings: list[str] = []
        self.read_only = False
        self._conn: sqlite3.Connection | None = None
        self._mem: sqlite3.Connection | None = None
        self._pid = os.getpid()
        self._lock = threading.RLock()

    # -- opening -----------------------------------------------------------------------------

    @property
    def warning(self) -> str | None:
        return self.warnings[-1] if self.warnings else None

    def _warn(self, msg: str) -> None:
        if msg not in self.warnings:
            self.warnings.append(msg)

    def _connect(self, uri: str | None = None) -> sqlite3.Connection:
        conn = sqlite3.connect(
            uri or str(self.path),
            uri=uri is not None,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,  # we issue BEGIN IMMEDIATE / COMMIT ourselves
            check_same_thread=False,
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        return conn

    def _check(self, conn: sqlite3.Connection) -> None:
        """Raise ``DatabaseError`` if the file is not a sound SQLite database, and
        ``NewerSchemaError`` if it is one from the future. Reads only."""
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > schema_version():
            raise NewerSchemaError(_newer_message(self.path, version))
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if result != [("ok",)]:
            raise sqlite3.DatabaseError(f"integrity check failed: {result[0][0]} (corrupt)")

    def _open_existing(self) -> sqlite3.Connection:
        writable = os.access(self.path, os.W_OK) and os.access(self.path.parent, os.W_OK)
        if not writable and not self.path.exists() and os.access(self.path.parent, os.W_OK):
            # Gone since we looked: another process is moving a damaged file aside. Wait for
            # its recovery to finish, then open the fresh store it made (or make it).
            with _file_lock(self._recovery_lock()):
                return self._ready(self._connect())
        if not writable:
            return self._open_read_only(f"{self.path} is not writable")
        got = self._checked()
        if isinstance(got, sqlite3.DatabaseError):
            return self._recover(got)
        return self._ready(got)

    def _checked(self) -> sqlite3.Connection | sqlite3.DatabaseError:
        """A connection that passed the checks, or the corruption error that failed them.

        Anything that is not corruption (locked, unreadable, newer schema) raises."""
        conn = self._connect()
        try:
            self._check(conn)
        except StoreError:
            conn.close()
            raise
        except sqlite3.DatabaseError as exc:
            conn.close()
            if not _is_corruption(exc):
                raise StoreError(f"cannot open {self.path}: {exc}") from exc
            return exc
        return conn

    def _recovery_lock(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    def _recover(self, exc: sqlite3.DatabaseError) -> sqlite3.Connection:
        # Double-checked under a lock: another process may have replaced the file already.
        with _file_lock(self._recovery_lock()):
            got = self._checked()
            if not isinstance(got, sqlite3.DatabaseError):
                return self._ready(got)
            try:
                moved = _move_aside(self.path)
            except FileNotFoundError:
                moved = None
            except OSError as err:
                msg = f"{self.path} is damaged and cannot be moved aside: {err}"
                raise StoreError(msg) from err
            fresh = self._ready(self._connect())
            if moved is not None:
                saved = _salvage(moved, fresh)
                rescued = f", rescuing {saved} bookmarks and corrections" if saved else ""
                self._warn(
                    f"{self.path} was damaged ({exc}); moved it to {moved} and started a "
                    f"fresh store{rescued}"
                )
            return fresh

    def _ready(self, conn: sqlite3.Connection) -> sqlite3.Connection:
        """Switch a sound read-write connection to WAL and bring its schema up to date."""
        try:
            _use_wal(conn)
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            if conn.execute("PRAGMA user_version").fetchone()[0] < schema_version():
                migrate(conn)
        except NewerSchemaError:
            conn.close()
            raise
        except sqlite3.OperationalError as exc:
            conn.close()
            if _is_read_only_error(exc):
                return self._open_read_only(f"{self.path} is not writable ({exc})")
            raise StoreError(f"cannot open {self.path}: {exc}") from exc
        return conn

    def _open_read_only(self, why: str) -> sqlite3.Connection:
        self.read_only = True
        self._warn(f"{why}; bookmarks and notes can be read but not saved")
        last: sqlite3.Error | None = None
        for query in ("mode=ro", "immutable=1"):  # immutable: WAL without a writable -shm
            try:
                conn = self._connect(f"{self.path.resolve().as_uri()}?{query}")
                self._check(conn)
                return conn
            except NewerSchemaError:
                raise
            except sqlite3.Error as exc:
                last = exc
        self._warn(f"cannot read {self.path} ({last}); showing an empty store")
        return self._memory()

    def _memory(self) -> sqlite3.Connection:
        if self._mem is None:
            self._mem = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
            migrate(self._mem)
        return self._mem

    def _ensure_dir(self) -> bool:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            self.read_only = True
            self._warn(
                f"cannot create the data dir {self.path.parent} "
                f"({exc.strerror or exc}); bookmarks and notes cannot be saved"
            )
            return False
        if not os.access(self.path.parent, os.W_OK):
            self.read_only = True
            self._warn(
                f"the data dir {self.path.parent} is not writable; "
                "bookmarks and notes cannot be saved"
            )
            return False
        return True

    def connection(self, write: bool = False) -> sqlite3.Connection:
        """The connection to use now. Reading an absent store opens nothing on disk."""
        if self._pid != os.getpid():  # forked: never share a SQLite connection across fork
            self._conn, self._mem, self._pid = None, None, os.getpid()
        if self._conn is not None:
            return self._conn
        if self.path.exists() or self.path.is_symlink():
            if self.path.is_dir():
                self.read_only = True
                self._warn(f"{self.path} is a directory, not a database; nothing can be saved")
                return self._memory()
            self._conn = self._open_existing()
            return self._conn
        if not write or self.read_only:
            return self._memory()
        if not self._ensure_dir():
            return self._memory()
        try:
            self._conn = self._ready(self._connect())
        except sqlite3.OperationalError as exc:  # e.g. unable to open database file
            self.read_only = True
            self._warn(f"cannot create {self.path} ({exc}); bookmarks cannot be saved")
            return self._memory()
        return self._conn

    def open(self) -> Database:
        """Open the file now if it exists, so damage and version problems surface early."""
        with self._lock:
            self.connection()
        return self

    # -- using -------------------------------------------------------------------------------

    def read(self, fn: Callable[[sqlite3.Connection], object]) -> object:
        with self._lock:
            conn = self.connection()
            try:
                return fn(conn)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read {self.path}: {exc}") from exc

    def write(self, fn: Callable[[sqlite3.Connection], object]) -> object:
        """Run ``fn`` in one ``BEGIN IMMEDIATE`` transaction: all of it is committed or none."""
        with self._lock:
            conn = self.connection(write=True)
            if self.read_only or conn is self._mem:
                raise StoreReadOnly(self.warning or f"{self.path} cannot be written")
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise _write_error(self, exc) from exc
            try:
                result = fn(conn)
                conn.execute("COMMIT")
            except BaseException as exc:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError):
                    raise _write_error(self, exc) from exc
                if isinstance(exc, sqlite3.IntegrityError):
                    raise StoreError(f"rejected by the store: {exc}") from exc
                raise
            return result

    def close(self) -> None:
        with self._lock:
            for conn in (self._conn, self._mem):
                if conn is not None:
                    conn.close()
            self._conn = self._mem = None

    def integrity(self) -> str:
        """``PRAGMA integrity_check`` of the file: ``"ok"`` when sound."""
        rows = self.read(lambda c: c.execute("PRAGMA integrity_check").fetchall())
        return "; ".join(r[0] for r in rows)  # type: ignore[union-attr]


def _is_read_only_error(exc: sqlite3.OperationalError) -> bool:
    msg = str(exc).lower()
    return "readonly" in msg or "read-only" in msg or "unable to open" in msg


def _write_error(db: Database, exc: sqlite3.OperationalError) -> StoreError:
    if _is_read_only_error(exc):
        db.read_only = True
        db._warn(f"{db.path} is not writable ({exc}); bookmarks and notes cannot be saved")
        return StoreReadOnly(db.warning or str(exc))
    msg = str(exc).lower()
    if "locked" in msg or "busy" in msg:
        return StoreError(f"{db.path} is busy (another panel-tui is writing); try again")
    if "full" in msg:
        return StoreError(f"cannot save to {db.path}: the disk is full")
    return StoreError(f"cannot save to {db.path}: {exc}")
