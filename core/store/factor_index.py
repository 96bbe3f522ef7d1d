"""The full-text index over emission factors (SQLite FTS5): kept in step with `emission_factors`, queried by search.

Why it is built this way:
- Chinese has no spaces, and the words people type are mostly two characters (电力, 柴油, 钢材). The trigram
  tokenizer cannot match anything shorter than three characters, so the text is indexed one Han character per token
  (spaces inserted before indexing, `unicode61` tokenizer) and a Chinese word is searched as a phrase of its
  characters: any length matches, in order, through the index. Latin words stay words and match by prefix
  ("diesel" finds "Diesel oil", "MEE-GRID-2023" finds the codes).
- Two indexes, so that a 200,000-row import indexes little text per row: `factor_name_fts` holds each factor's code
  and name; `factor_context_fts` holds the distinct (category, region, source, notes) combinations, which repeat
  across a dataset (one source for all its rows), and each factor points at its combination
  (`emission_factors.search_context_id`). A word found in a context matches every factor of that context.
- Rows leave the name index through a trigger when their factor is deleted (directly or by a dataset's cascade), so
  no code path can forget it; rows are added explicitly by `index_factors` after each bulk insert.
- This module is SQLite-only by nature; a PostgreSQL store would use its own full-text search behind the same
  functions (`core/library/search.py` does not see the SQL).
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from functools import lru_cache

from sqlalchemy import Connection, bindparam, text
from sqlalchemy.orm import Session

from core.store.bulk import bulk_insert

CONTEXT_SEPARATOR = "\x1f"
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0x20000, 0x2A6DF), (0x3000, 0x303F),
               (0xFF00, 0xFFEF))
_TOKENIZER = "unicode61 remove_diacritics 2"

DDL = (
    "CREATE TABLE IF NOT EXISTS factor_search_contexts (id INTEGER PRIMARY KEY, key TEXT NOT NULL UNIQUE)",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS factor_name_fts USING fts5(code, name, tokenize='{_TOKENIZER}')",
    "CREATE VIRTUAL TABLE IF NOT EXISTS factor_context_fts USING fts5(category, geography, source, notes, "
    f"tokenize='{_TOKENIZER}')",
    "CREATE TRIGGER IF NOT EXISTS emission_factors_leave_index AFTER DELETE ON emission_factors "
    "BEGIN DELETE FROM factor_name_fts WHERE rowid = old.id; END",
)


def create_index(conn: Connection) -> None:
    for statement in DDL:
        conn.exec_driver_sql(statement)


@lru_cache(maxsize=1)
def _spacing_table() -> dict[int, str]:
    return {c: f" {chr(c)} " for lo, hi in _CJK_RANGES for c in range(lo, hi + 1)}


def segment(value: str) -> str:
    """Text as the index sees it: NFKC (full-width letters to ASCII), every Han character its own token."""
    return unicodedata.normalize("NFKC", value).translate(_spacing_table())


def context_key(category: str, geography: str, source: str, notes: str) -> str:
    return CONTEXT_SEPARATOR.join((category, geography, source, notes))


def context_ids(session: Session, keys: Iterable[str]) -> dict[str, int]:
    """The id of each (category, region, source, notes) combination, adding the new ones to both tables."""
    wanted = sorted(set(keys))
    known = _lookup_contexts(session, wanted)
    new = [k for k in wanted if k not in known]
    if new:
        session.execute(text("INSERT INTO factor_search_contexts (key) VALUES (:key)"), [{"key": k} for k in new])
        added = _lookup_contexts(session, new)
        session.execute(text("INSERT INTO factor_context_fts (rowid, category, geography, source, notes) "
                             "VALUES (:id, :c, :g, :s, :n)"),
                        [{"id": i, **dict(zip("cgsn", (segment(p) for p in k.split(CONTEXT_SEPARATOR))))}
                         for k, i in added.items()])
        known.update(added)
    return known


def _lookup_contexts(session: Session, keys: list[str]) -> dict[str, int]:
    out: dict[str, int] = {}
    query = text("SELECT key, id FROM factor_search_contexts WHERE key IN :keys").bindparams(
        bindparam("keys", expanding=True))
    for i in range(0, len(keys), 500):
        out.update(dict(session.execute(query, {"keys": keys[i:i + 500]}).all()))
    return out


def index_factors(session: Session, ids: Sequence[int], codes: Sequence[str], names: Sequence[str]) -> None:
    """Add factors to the name index (their contexts were set when the factors were written)."""
    rows = list(zip(ids, segment_many(codes), segment_many(names)))
    bulk_insert(session, "factor_name_fts", ("rowid", "code", "name"), rows)


def segment_many(values: Sequence[str]) -> list[str]:
    """`segment` over many texts in one C-level pass (joined by a separator no text contains), ASCII-only lists
    untouched: ten times faster than one call per text for a 200,000-row import."""
    if all(v.isascii() for v in values):
        return list(values)
    if any("\x1e" in v for v in values):
        return [segment(v) for v in values]
    return segment("\x1e".join(values)).split("\x1e")


def reindex_all(conn: Connection) -> None:
    """Rebuild both indexes from `emission_factors` (the schema upgrade that introduces them)."""
    conn.exec_driver_sql("DELETE FROM factor_name_fts")
    conn.exec_driver_sql("DELETE FROM factor_context_fts")
    conn.exec_driver_sql("DELETE FROM factor_search_contexts")
    rows = conn.exec_driver_sql(
        "SELECT id, code, name, category, geography, source, notes FROM emission_factors").all()
    with Session(bind=conn) as session:
        keys = {r[0]: context_key(r[3], r[4], r[5], r[6]) for r in rows}
        ids = context_ids(session, keys.values())
        session.execute(text("UPDATE emission_factors SET search_context_id = :c WHERE id = :id"),
                        [{"c": ids[k], "id": i} for i, k in keys.items()] or [{"c": None, "id": -1}])
        index_factors(session, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
        session.flush()


def match_expression(query: str) -> list[str]:
    """One FTS5 expression per word of the query: a phrase of its tokens, prefix-matched when it ends in a latin
    word ("电力" -> '"电 力"', "diesel" -> '"diesel" *', "MEE-GRID" -> '"mee grid" *'). Empty words are dropped."""
    out: list[str] = []
    for word in unicodedata.normalize("NFKC", query).split():
        tokens = _tokens(word)
        if not tokens:
            continue
        phrase = '"' + " ".join(t.replace('"', '""') for t in tokens) + '"'
        out.append(phrase + (" *" if not _is_han(tokens[-1]) else ""))
    return out


def _tokens(word: str) -> list[str]:
    """Tokens as unicode61 would cut the segmented word: Han characters alone, runs of letters and digits."""
    out: list[str] = []
    run = ""
    for ch in segment(word).lower():
        if ch.isspace() or not (ch.isalnum() or _is_han(ch)):
            if run:
                out.append(run)
            run = ""
        elif _is_han(ch):
            if run:
                out.append(run)
            out.append(ch)
            run = ""
        else:
            run += ch
    if run:
        out.append(run)
    return out


def _is_han(ch: str) -> bool:
    o = ord(ch[0])
    return any(lo <= o <= hi for lo, hi in _CJK_RANGES[:4])
