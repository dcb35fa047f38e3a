"""Draft law text → ``Document`` tree; render, diff versions, align language versions."""

from __future__ import annotations

from talqy.documents.alignment import ArticleGroup, align_languages
from talqy.documents.diff import ArticlePair, DocumentDiff, PairStatus, WordOp, diff_documents
from talqy.documents.diff_html import render_diff_html
from talqy.documents.model import Article, Document, ParseWarning, Point, Section
from talqy.documents.parser import parse_document
from talqy.documents.render import render_markdown

__all__ = [
    "Article",
    "ArticleGroup",
    "ArticlePair",
    "Document",
    "DocumentDiff",
    "PairStatus",
    "ParseWarning",
    "Point",
    "Section",
    "WordOp",
    "align_languages",
    "diff_documents",
    "parse_document",
    "render_diff_html",
    "render_markdown",
]
