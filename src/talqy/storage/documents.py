"""Draft versions and their articles: store a parsed document, read it back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import IntegrityError

from talqy.documents.model import Article, Document, Point, Section
from talqy.errors import Conflict, NotFound
from talqy.storage.clock import as_utc, now
from talqy.storage.consultations import get_consultation
from talqy.storage.database import Database, all_rows, from_row
from talqy.storage.tables import articles, documents


@dataclass(frozen=True)
class StoredDocument:
    id: int
    consultation_id: int
    version: str
    language: str
    source_name: str
    articles: int
    created_at: datetime


@dataclass(frozen=True)
class StoredArticle:
    id: int
    number: str
    key: str
    language: str
    version: str
    position: int
    section: str | None
    title: str | None
    text: str
    points: list[dict[str, object]]
    notes: list[str]


def _point_dict(point: Point) -> dict[str, object]:
    return {"number": point.number, "text": point.text, "subpoints": list(point.subpoints)}


def store_document(
    db: Database,
    *,
    consultation: str,
    version: str,
    document: Document,
    source_name: str,
    keys: Sequence[str] | None = None,
    replace: bool = False,
) -> StoredDocument:
    """Store ``document`` as ``version`` in its language; ``keys`` link articles across languages.

    Storing the same version and language twice is a ``Conflict`` unless ``replace`` is set.
    """
    parent = get_consultation(db, consultation)
    keys = list(keys) if keys is not None else [a.number for a in document.articles]
    created = now()
    rows = [
        {
            "position": position,
            "number": article.number,
            "section": article.section,
            "title": article.title,
            "text": article.text,
            "original": article.original,
            "points": [_point_dict(point) for point in article.points],
            "notes": list(article.notes),
            "article_key": key,
        }
        for position, (article, key) in enumerate(zip(document.articles, keys, strict=True))
    ]
    where = (
        (documents.c.consultation_id == parent.id)
        & (documents.c.version == version)
        & (documents.c.language == document.language)
    )
    try:
        with db.engine.begin() as conn:
            if replace:
                conn.execute(delete(documents).where(where))
            inserted = conn.execute(
                insert(documents).values(
                    consultation_id=parent.id,
                    version=version,
                    language=document.language,
                    source_name=source_name,
                    preamble=document.preamble,
                    created_at=created,
                )
            ).inserted_primary_key
            assert inserted is not None
            doc_id = int(inserted[0])
            conn.execute(insert(articles), [{**row, "document_id": doc_id} for row in rows])
    except IntegrityError:
        raise Conflict(
            f"version {version!r} in {document.language} is already stored; use --replace",
            field="version",
        ) from None
    return StoredDocument(
        doc_id, parent.id, version, document.language, source_name, len(rows), created
    )


def list_documents(db: Database, consultation: str) -> list[StoredDocument]:
    """Every stored version and language of a consultation's draft, oldest first."""
    parent = get_consultation(db, consultation)
    counts = (
        select(articles.c.document_id, func.count().label("n"))
        .group_by(articles.c.document_id)
        .subquery()
    )
    query = (
        select(documents, counts.c.n)
        .outerjoin(counts, counts.c.document_id == documents.c.id)
        .where(documents.c.consultation_id == parent.id)
        .order_by(documents.c.created_at, documents.c.id)
    )
    return [
        from_row(StoredDocument, r, articles=r.n or 0, created_at=as_utc(r.created_at))
        for r in all_rows(db, query)
    ]


def latest_version(db: Database, consultation: str, language: str | None = None) -> str | None:
    """The most recently stored version (that has ``language``, when one is given)."""
    stored = [
        d for d in list_documents(db, consultation) if language is None or d.language == language
    ]
    return stored[-1].version if stored else None


def list_articles(
    db: Database,
    consultation: str,
    *,
    language: str | None = None,
    version: str | None = None,
) -> list[StoredArticle]:
    """Articles of one version, all languages unless one is given.

    Without ``version``: the latest version that has ``language`` (or the latest of all).
    """
    parent = get_consultation(db, consultation)
    version = version or latest_version(db, consultation, language)
    if version is None:
        return []
    query = (
        select(articles, documents.c.language, documents.c.version)
        .join(documents, documents.c.id == articles.c.document_id)
        .where(documents.c.consultation_id == parent.id, documents.c.version == version)
        .order_by(documents.c.id, articles.c.position)
    )
    if language is not None:
        query = query.where(documents.c.language == language)
    return [
        from_row(StoredArticle, r, key=r.article_key, points=list(r.points), notes=list(r.notes))
        for r in all_rows(db, query)
    ]


def load_document(db: Database, consultation: str, *, version: str, language: str) -> Document:
    """Rebuild the ``Document`` of one stored version and language."""
    rows = list_articles(db, consultation, version=version, language=language)
    if not rows:
        raise NotFound(f"no draft version {version!r} in {language}", version=version)
    sections = {row.section for row in rows if row.section}
    return Document(
        language=language,
        preamble="",
        sections=tuple(Section(number) for number in sorted(sections)),
        articles=tuple(
            Article(
                number=row.number,
                section=row.section,
                title=row.title,
                text=row.text,
                points=tuple(
                    Point(str(p["number"]), str(p["text"]), tuple(p["subpoints"]))  # type: ignore[arg-type]
                    for p in row.points
                ),
                notes=tuple(row.notes),
            )
            for row in rows
        ),
    )
