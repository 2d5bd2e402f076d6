"""FTS5 search: turning what a person types into a query that can never be a syntax error.

FTS5 has its own query language (AND, OR, NOT, NEAR, column filters, parentheses); a user typing
`AND(` or a lone `-` would get an error from it. We never pass user text through: we take the
words out, quote each one, keep "quoted phrases" together and a trailing `*` as a prefix search,
and join them with implicit AND.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text
from sqlalchemy.exc import DatabaseError

_TOKEN = re.compile(r"\w+", re.UNICODE)
_PART = re.compile(r'"([^"]*)"|(\S+)')
TITLE_WEIGHT = 10.0
TEXT_WEIGHT = 1.0


def build_match_query(user_query: str) -> str | None:
    """An FTS5 MATCH expression for `user_query`, or None if it holds no searchable word."""
    clauses: list[str] = []
    for phrase, word in _PART.findall(user_query):
        if phrase:
            tokens = _TOKEN.findall(phrase)
            if tokens:
                clauses.append('"' + " ".join(tokens) + '"')
            continue
        tokens = _TOKEN.findall(word)
        if not tokens:
            continue
        prefix = word.endswith("*")
        quoted = '"' + " ".join(tokens) + '"'
        clauses.append(quoted + ("*" if prefix else ""))
    return " AND ".join(clauses) if clauses else None


@dataclass(frozen=True)
class FtsRow:
    id: int
    title: str
    snippet: str
    rank: float


def search(conn: Connection, user_query: str, limit: int = 20) -> list[FtsRow]:
    match = build_match_query(user_query)
    if match is None:
        return []
    rows = conn.execute(
        text(
            "SELECT a.id, a.title, "
            "snippet(articles_fts, 1, '**', '**', '…', 16) AS snip, "
            f"bm25(articles_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT}) AS score "
            "FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
            "WHERE articles_fts MATCH :q ORDER BY score LIMIT :limit"
        ),
        {"q": match, "limit": max(0, limit)},
    ).all()
    # bm25() is "lower is better"; we report a positive relevance where higher is better.
    return [FtsRow(r.id, r.title, r.snip, round(-float(r.score), 6)) for r in rows]


def matching_ids(conn: Connection, user_query: str) -> list[int] | None:
    """All article ids matching, best first (None when the query has no words: no filter)."""
    match = build_match_query(user_query)
    if match is None:
        return None
    rows = conn.execute(
        text(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH :q "
            f"ORDER BY bm25(articles_fts, {TITLE_WEIGHT}, {TEXT_WEIGHT})"
        ),
        {"q": match},
    ).all()
    return [r[0] for r in rows]


def rebuild(conn: Connection) -> None:
    conn.execute(text("INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')"))


def integrity_ok(conn: Connection) -> bool:
    try:
        conn.execute(text("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)"))
    except DatabaseError:
        return False
    return True
