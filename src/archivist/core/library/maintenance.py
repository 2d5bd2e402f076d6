"""`archivist check`: is the library whole, and can what is not be mended?

Each check looks at one promise the library makes (the file is intact, links point somewhere,
search finds every article, every article has its text and original, its images are stored,
every highlight sits on the words it quotes) and reports each broken promise in plain words.
With `repair`, what can be mended without guessing is: the search index is rebuilt from the
articles, highlights that drifted are re-anchored by their quote (or marked orphaned, never
dropped), links to records that no longer exist are deleted. Nothing the user wrote (text,
highlights, notes) is ever deleted by a repair.

Everything runs in one write transaction, so the checks see one consistent state and a repair
is all-or-nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import DBAPIError

from archivist.core.anchors import Selector, TextPosition, TextQuote, make_selector, reanchor
from archivist.core.library.portable import table_of
from archivist.core.library.store import Store
from archivist.core.store import fts, health, orm

#: Rows that only connect two records: deleting one that points nowhere loses nothing.
LINK_TABLES = frozenset({"article_tags", "article_images", "dossier_items", "image_origins"})
IMAGE_REF = re.compile(r"archivist-image:[A-Za-z0-9._-]+")
MAX_LINES_PER_CHECK = 50


@dataclass(frozen=True)
class Finding:
    """One line of a check's report: a passed check (ok) or one problem, maybe repaired."""

    check: str
    ok: bool
    problem: str | None = None
    repaired: bool = False


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]

    @property
    def healthy(self) -> bool:
        """True when nothing is wrong any more (all passed, or every problem was repaired)."""
        return all(f.ok or f.repaired for f in self.findings)

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if not f.ok]


CHECK_NAMES = ("integrity", "foreign-keys", "search-index", "articles", "images", "highlights")


class _Discard(Exception):
    """Raised to end a transaction with a rollback instead of a commit."""


def check_library(store: Store, repair: bool = False) -> CheckReport:
    """Run every check; with `repair`, run them again with their repairs if anything was wrong.

    Checking reads in one read transaction, so importers go on while a large library is
    checked; only FTS5's own integrity check needs the write lock, briefly, and is rolled back.
    Repairs run in one write transaction (all or nothing) that checks again as it mends, so
    the report describes what it found and did. Nothing is repaired in a file that fails
    SQLite's own integrity check: writing into a damaged file can spread the damage, and the
    way back is a restore, not a repair.
    """
    findings = _pass(store, repair=False)
    damaged = any(f.check == "integrity" and not f.ok for f in findings)
    if repair and not damaged and any(not f.ok for f in findings):
        findings = _pass(store, repair=True)
    return CheckReport(tuple(findings))


def _pass(store: Store, repair: bool) -> list[Finding]:
    findings: list[Finding] = []
    try:
        with store.write() if repair else store.read() as session:
            conn = session.connection()
            for name, fn in _CHECKS.items():
                try:
                    problems = list(fn(conn, repair))
                except DBAPIError as exc:
                    reason = _one_line(str(exc.orig))
                    problems = [Finding(name, False, f"the library file is damaged ({reason}); restore a backup "
                                                     "with `archivist restore`" if name == "integrity"
                                        else f"could not be checked: {reason}")]
                findings.extend(_capped(name, problems))
            if not repair:
                # A check changes nothing: end by rolling back (after SQLite has met a damaged
                # page, even committing a read-only transaction can fail).
                raise _Discard
    except _Discard:
        pass
    if not repair and all(f.ok for f in findings):
        # Only worth asking when the cheaper checks found the index complete and the file sound.
        try:
            with store.write() as session:
                fts_ok = fts.integrity_ok(session.connection())
                raise _Discard
        except _Discard:
            pass
        if not fts_ok:
            at = next(i for i, f in enumerate(findings) if f.check == "search-index")
            findings[at] = Finding("search-index", False, "the search index does not match the articles' text")
    return findings


def _capped(name: str, problems: list[Finding]) -> list[Finding]:
    if not problems:
        return [Finding(name, True)]
    if len(problems) <= MAX_LINES_PER_CHECK:
        return problems
    rest = problems[MAX_LINES_PER_CHECK:]
    return problems[:MAX_LINES_PER_CHECK] + [
        Finding(name, False, f"... and {len(rest)} more problems of this kind", repaired=all(p.repaired for p in rest))]


def _one_line(s: str) -> str:
    return " ".join(s.split())


def _integrity(conn: Connection, _repair: bool) -> Iterator[Finding]:
    for msg in health.integrity_problems(conn):
        for line in msg.splitlines():
            if line.strip() and not line.startswith("***"):
                yield Finding("integrity", False, f"the library file is damaged ({_one_line(line)}); "
                                                  "restore a backup with `archivist restore`")


def _foreign_keys(conn: Connection, repair: bool) -> Iterator[Finding]:
    for row in health.dangling_rows(conn):
        fixable = row.table in LINK_TABLES and row.rowid is not None
        if repair and fixable and row.rowid is not None:
            health.delete_link_row(conn, row.table, row.rowid)
        what = f"a {row.table} link (row {row.rowid})" if row.table in LINK_TABLES else f"{row.table} row {row.rowid}"
        advice = "; deleted" if repair and fixable else "" if fixable else "; left in place, since it holds your data"
        yield Finding("foreign-keys", False, f"{what} points to a missing {row.parent} record{advice}",
                      repaired=repair and fixable)


def _fts_problems(conn: Connection, deep: bool) -> list[str]:
    missing, stale = health.fts_missing_and_stale(conn)
    out = []
    if missing:
        out.append(f"{missing} article(s) cannot be found by search (missing from the search index)")
    if stale:
        out.append(f"the search index lists {stale} article(s) that no longer exist")
    if deep and not out and not fts.integrity_ok(conn):  # needs the write lock: repair passes only
        out.append("the search index does not match the articles' text")
    return out


def _search_index(conn: Connection, repair: bool) -> Iterator[Finding]:
    problems = _fts_problems(conn, deep=repair)
    fixed = False
    if problems and repair:
        fts.rebuild(conn)
        fixed = not _fts_problems(conn, deep=True)
    for p in problems:
        yield Finding("search-index", False, p + ("; rebuilt" if fixed else ""), repaired=fixed)


def _articles(conn: Connection, _repair: bool) -> Iterator[Finding]:
    a, src = orm.Article, orm.Source
    rows = conn.execute(
        select(a.id, a.title, a.text, src.id, func.length(src.data))
        .outerjoin(src, src.article_id == a.id).order_by(a.id)
    )
    for aid, title, body, source_id, data_len in rows:
        name = f"article {aid} ({_short(title)})"
        if not (body or "").strip():
            yield Finding("articles", False, f"{name} has no text; re-import it from its original")
        if source_id is None:
            yield Finding("articles", False, f"{name} has lost its original source; it cannot be re-cleaned")
        elif not data_len:
            yield Finding("articles", False, f"{name} has an empty original source; it cannot be re-cleaned")


def _images(conn: Connection, repair: bool) -> Iterator[Finding]:
    stored = {ref: iid for ref, iid in conn.execute(select(orm.Image.ref, orm.Image.id))}
    links = orm.article_images.c
    linked = {(aid, iid) for aid, iid in conn.execute(select(links.article_id, links.image_id))}
    a = orm.Article
    for aid, html, lead in conn.execute(select(a.id, a.html, a.lead_image).order_by(a.id)):
        refs = set(IMAGE_REF.findall(html or ""))
        if lead and lead.startswith("archivist-image:"):
            refs.add(lead)
        for ref in sorted(refs):
            image_id = stored.get(ref)
            if image_id is None:
                yield Finding("images", False,
                              f"article {aid} shows an image that is not stored ({ref[:40]}); it will display as missing")
            elif (aid, image_id) not in linked:
                if repair:
                    conn.execute(insert(orm.article_images).values(article_id=aid, image_id=image_id))
                yield Finding("images", False, f"article {aid} uses image {image_id} without a link to it"
                              + ("; linked" if repair else ""), repaired=repair)


def _highlights(conn: Connection, repair: bool) -> Iterator[Finding]:
    h = orm.Highlight
    texts: dict[int, str] = {}
    rows = conn.execute(
        select(h.id, h.article_id, h.start, h.end, h.exact, h.prefix, h.suffix)
        .where(h.status == "anchored").order_by(h.article_id, h.id)).all()
    for hid, aid, start, end, exact, prefix, suffix in rows:
        if aid not in texts:
            texts[aid] = conn.execute(select(orm.Article.text).where(orm.Article.id == aid)).scalar() or ""
        body = texts[aid]
        if 0 <= start < end <= len(body) and body[start:end] == exact:
            continue
        if not repair:
            yield Finding("highlights", False,
                          f"highlight {hid} on article {aid} no longer sits on the words it quotes ({_short(exact)})")
            continue
        outcome = _reanchor(conn, hid, body, start, end, exact, prefix, suffix)
        yield Finding("highlights", False, f"highlight {hid} on article {aid} had drifted from "
                      f"its words ({_short(exact)}); {outcome}", repaired=True)


def _reanchor(conn: Connection, hid: int, body: str, start: int, end: int, exact: str,
              prefix: str, suffix: str) -> str:
    """Move a drifted highlight to where its quote is, or mark it orphaned (kept, not placed)."""
    result = reanchor(Selector(TextQuote(exact, prefix, suffix), TextPosition(start, end)), body)
    row = update(table_of(orm.Highlight)).where(table_of(orm.Highlight).c.id == hid)
    if result.start is not None and result.end is not None:
        try:
            sel = make_selector(body, result.start, result.end)
        except ValueError:
            sel = None
        if sel is not None:
            conn.execute(row.values(start_offset=result.start, end_offset=result.end, exact=sel.quote.exact,
                                    prefix=sel.quote.prefix, suffix=sel.quote.suffix))
            return f"re-anchored at {result.start}-{result.end}"
    conn.execute(row.values(status="orphaned"))
    return "its words are gone, so it is kept as an orphaned highlight"


def _short(s: str | None, limit: int = 40) -> str:
    one_line = " ".join((s or "").split())
    return f"“{one_line[:limit]}{'…' if len(one_line) > limit else ''}”"


_CHECKS: dict[str, Callable[[Connection, bool], Iterator[Finding]]] = {
    "integrity": _integrity,
    "foreign-keys": _foreign_keys,
    "search-index": _search_index,
    "articles": _articles,
    "images": _images,
    "highlights": _highlights,
}
