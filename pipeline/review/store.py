"""Review decisions in SQLite: one current row per record (with a version for optimistic
concurrency) and an append-only history that undo walks back through.

Records are matched across re-runs by type + normalised value (``record_key``), never by
list position, so a decision survives ``pipeline run`` as long as its record is still produced.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..errors import Errors, PipelineError

ACTIONS = ("accept", "reject", "correct", "add")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS decisions (
    article TEXT NOT NULL, key TEXT NOT NULL, version INTEGER NOT NULL,
    action TEXT, reviewer TEXT, time TEXT, extracted TEXT, corrected TEXT, note TEXT, text_hash TEXT,
    PRIMARY KEY (article, key));
CREATE TABLE IF NOT EXISTS history (
    id INTEGER PRIMARY KEY AUTOINCREMENT, session TEXT NOT NULL, article TEXT NOT NULL, key TEXT NOT NULL,
    version INTEGER NOT NULL, action TEXT, reviewer TEXT, time TEXT, extracted TEXT, corrected TEXT,
    note TEXT, text_hash TEXT, previous TEXT, undone INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS seen (article TEXT NOT NULL, key TEXT NOT NULL, PRIMARY KEY (article, key));
"""
_COLUMNS = ("article", "key", "version", "action", "reviewer", "time", "extracted", "corrected", "note", "text_hash")


class StoreError(PipelineError):
    """The database cannot be read or written (locked, read-only, not a database)."""


class Conflict(Exception):
    """Someone else decided this record since the page was loaded."""

    def __init__(self, current: Decision | None):
        super().__init__(Errors.E043)
        self.current = current


@dataclass(frozen=True)
class Decision:
    """The current state of one record's review; ``action`` None means undecided (after an undo)."""

    article: str
    key: str
    version: int
    action: str | None
    reviewer: str | None
    time: str | None
    extracted: dict | None
    corrected: dict | None
    note: str
    text_hash: str

    def to_dict(self) -> dict:
        return {name: getattr(self, name) for name in _COLUMNS}


def record_key(rec: dict) -> str:
    """What identifies a record across re-runs: its type and normalised value.

    >>> record_key({"type": "organisation", "value": "The  Fudan University"})
    '["organisation", "the fudan university", null, null, null, null]'
    """
    value = rec.get("value")
    if rec.get("type") == "organisation" and isinstance(value, str):
        value = " ".join(value.split()).lower()
    return json.dumps([rec.get("type"), value, rec.get("currency"), rec.get("min"), rec.get("max"), rec.get("end")])


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf8")).hexdigest()[:16]


class Store:
    """One connection per store; every write is one ``BEGIN IMMEDIATE`` transaction."""

    def __init__(self, path: Path, timeout: float = 5.0):
        self.path = Path(path)
        self.session = uuid.uuid4().hex
        self._lock = threading.Lock()  # the server's worker threads share this connection
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.executescript(_SCHEMA)
        except (OSError, sqlite3.Error) as err:
            raise StoreError(Errors.E040.format(path=self.path, reason=err)) from None

    def close(self) -> None:
        self._db.close()

    # ---- reading -----------------------------------------------------------------------

    def decisions(self, article: str | None = None) -> dict[tuple[str, str], Decision]:
        """Current decisions (including undone ones, ``action`` None) by (article, key)."""
        where, args = ("WHERE article = ?", (article,)) if article is not None else ("", ())
        rows = self._read(f"SELECT {', '.join(_COLUMNS)} FROM decisions {where}", args)
        return {(r[0], r[1]): _decision(r) for r in rows}

    def history(self) -> list[dict]:
        """Every decision ever made, oldest first, with who and when (undos included)."""
        rows = self._read(
            "SELECT id, session, article, key, version, action, reviewer, time, extracted, corrected,"
            " note, text_hash, undone FROM history ORDER BY id"
        )
        names = (
            "id",
            "session",
            "article",
            "key",
            "version",
            "action",
            "reviewer",
            "time",
            "extracted",
            "corrected",
            "note",
            "text_hash",
            "undone",
        )
        out = []
        for row in rows:
            item = dict(zip(names, row))
            item["extracted"], item["corrected"] = _load(item["extracted"]), _load(item["corrected"])
            item["undone"] = bool(item["undone"])
            out.append(item)
        return out

    def seen(self, article: str | None = None) -> dict[str, set[str]]:
        """The record keys first seen of each article (of ``article`` alone if given)."""
        where, args = ("WHERE article = ?", (article,)) if article is not None else ("", ())
        out: dict[str, set[str]] = {}
        for aid, key in self._read(f"SELECT article, key FROM seen {where}", args):
            out.setdefault(aid, set()).add(key)
        return out

    def written_since(self, before: tuple[int, int]) -> tuple[set[str] | None, tuple[int, int]]:
        """The articles decided on since ``before`` (None: any may have changed, as records were
        first seen since), and what to pass next time: the last history row and the seen count."""
        last, seen = self._read("SELECT (SELECT coalesce(max(id), 0) FROM history), (SELECT count(*) FROM seen)")[0]
        if seen != before[1]:
            return None, (last, seen)
        rows = self._read("SELECT DISTINCT article FROM history WHERE id > ?", (before[0],))
        return {r[0] for r in rows}, (last, seen)

    def data_version(self) -> int:
        """Changes when another connection (another server, an export) commits; never for this one's own writes."""
        return self._read("PRAGMA data_version")[0][0]

    # ---- writing -----------------------------------------------------------------------

    def first_sight(self, records_by_article: dict[str, list[str]]) -> None:
        """Remember the records of articles never seen before; later arrivals show as new."""

        def write(db):
            known = {r[0] for r in db.execute("SELECT DISTINCT article FROM seen")}
            db.executemany(
                "INSERT OR IGNORE INTO seen VALUES (?, ?)",
                [(a, k) for a, keys in records_by_article.items() if a not in known for k in keys],
            )

        self._write(write)

    def decide(
        self,
        article: str,
        key: str,
        action: str,
        *,
        version: int,
        extracted: dict | None,
        corrected: dict | None,
        note: str,
        text_hash: str,
        reviewer: str,
    ) -> Decision:
        """Record a decision made on a page that saw ``version`` (0: never decided); Conflict if it moved."""
        if action not in ACTIONS:
            raise ValueError(action)
        stamp = datetime.now(UTC).isoformat(timespec="seconds")

        def write(db):
            current = self._current(db, article, key)
            if (current.version if current else 0) != version:
                raise Conflict(current)
            new = Decision(article, key, version + 1, action, reviewer, stamp, extracted, corrected, note, text_hash)
            self._put(db, new, previous=current)
            db.execute("INSERT OR IGNORE INTO seen VALUES (?, ?)", (article, key))
            return new

        return self._write(write)

    def add(self, article: str, record: dict, *, note: str, text_hash: str, reviewer: str) -> Decision:
        """A record the pipeline missed, under a key of its own."""
        return self.decide(
            article,
            f"added:{uuid.uuid4().hex}",
            "add",
            version=0,
            extracted=None,
            corrected=record,
            note=note,
            text_hash=text_hash,
            reviewer=reviewer,
        )

    def undo(self) -> Decision | None:
        """Take back this session's latest decision not yet undone; None when there is none."""

        def write(db):
            row = db.execute(
                "SELECT id, article, key, previous FROM history WHERE session = ? AND undone = 0"
                " AND action != 'undo' ORDER BY id DESC LIMIT 1",
                (self.session,),
            ).fetchone()
            if row is None:
                return None
            hid, article, key, previous = row
            later = db.execute(
                "SELECT session, action, undone FROM history WHERE article = ? AND key = ? AND id > ?",
                (article, key, hid),
            ).fetchall()
            current = self._current(db, article, key)
            if current is None or any(s != self.session or not (a == "undo" or u) for s, a, u in later):
                raise Conflict(current)
            before = _load(previous) or {}
            restored = Decision(
                article,
                key,
                current.version + 1,
                before.get("action"),
                before.get("reviewer"),
                before.get("time"),
                before.get("extracted"),
                before.get("corrected"),
                before.get("note") or "",
                before.get("text_hash") or current.text_hash,
            )
            self._put(db, restored, previous=current, undo=True)
            db.execute("UPDATE history SET undone = 1 WHERE id = ?", (hid,))
            return restored

        return self._write(write)

    # ---- plumbing ----------------------------------------------------------------------

    def _current(self, db, article: str, key: str) -> Decision | None:
        row = db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM decisions WHERE article = ? AND key = ?", (article, key)
        ).fetchone()
        return _decision(row) if row else None

    def _put(self, db, d: Decision, previous: Decision | None, undo: bool = False) -> None:
        values = (
            d.article,
            d.key,
            d.version,
            d.action,
            d.reviewer,
            d.time,
            _dump(d.extracted),
            _dump(d.corrected),
            d.note,
            d.text_hash,
        )
        db.execute(
            f"INSERT OR REPLACE INTO decisions ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
            values,
        )
        db.execute(
            "INSERT INTO history (session, article, key, version, action, reviewer, time, extracted, corrected,"
            " note, text_hash, previous, undone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                self.session,
                *values[:3],
                "undo" if undo else d.action,
                *values[4:],
                _dump(previous.to_dict()) if previous else None,
                0,
            ),
        )

    def _read(self, sql: str, args: tuple = ()) -> list[tuple]:
        try:
            with self._lock:
                return self._db.execute(sql, args).fetchall()
        except sqlite3.Error as err:
            raise StoreError(Errors.E041.format(path=self.path, reason=err)) from None

    def _write(self, work):
        with self._lock:
            return self._transaction(work)

    def _transaction(self, work):
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as err:
            raise StoreError(Errors.E041.format(path=self.path, reason=err)) from None
        try:
            result = work(self._db)
            self._db.execute("COMMIT")
            return result
        except BaseException as err:
            self._db.execute("ROLLBACK")
            if isinstance(err, sqlite3.Error):
                raise StoreError(Errors.E041.format(path=self.path, reason=err)) from None
            raise


def _decision(row: tuple) -> Decision:
    values = dict(zip(_COLUMNS, row))
    values["extracted"], values["corrected"] = _load(values["extracted"]), _load(values["corrected"])
    values["note"] = values["note"] or ""
    return Decision(**values)


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


def _load(value: str | None) -> Any:
    return None if value is None else json.loads(value)
