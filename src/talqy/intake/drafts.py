"""Bringing a draft law in: parse a file, link its articles to the other languages, store it."""

from __future__ import annotations

from pathlib import Path

from talqy.documents.alignment import align_languages
from talqy.documents.model import Document
from talqy.documents.parser import parse_document
from talqy.storage.database import Database
from talqy.storage.documents import StoredDocument, list_documents, load_document, store_document


def article_keys(reference: Document | None, document: Document) -> list[str]:
    """The cross-language key of each article of ``document``.

    The key is the article number of the first stored language when numbering is shared, the
    number of the content-aligned article otherwise, and the article's own number when nothing
    corresponds.
    """
    if reference is None:
        return [article.number for article in document.articles]
    position = {id(article): i for i, article in enumerate(document.articles)}
    keys = [article.number for article in document.articles]
    for group in align_languages([reference, document]):
        ref_article, own = group.articles
        if ref_article is not None and own is not None:
            keys[position[id(own)]] = ref_article.number
    return keys


def import_draft(
    db: Database,
    *,
    consultation: str,
    path: Path,
    version: str,
    language: str | None = None,
    replace: bool = False,
) -> tuple[StoredDocument, Document]:
    """Parse ``path`` and store it as ``version``; returns what was stored and the parse."""
    document = parse_document(path, language=language, name=path.name)
    same_version = [
        stored
        for stored in list_documents(db, consultation)
        if stored.version == version and stored.language != document.language
    ]
    reference = (
        load_document(db, consultation, version=version, language=same_version[0].language)
        if same_version
        else None
    )
    stored = store_document(
        db,
        consultation=consultation,
        version=version,
        document=document,
        source_name=path.name,
        keys=article_keys(reference, document),
        replace=replace,
    )
    return stored, document
