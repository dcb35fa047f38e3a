from __future__ import annotations

from pathlib import Path

import pytest

from talqy.documents.model import Document
from talqy.documents.parser import parse_document

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "constitution"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def kk2026() -> Document:
    return parse_document(DATA / "kk-2026.md")


@pytest.fixture(scope="session")
def ru2026() -> Document:
    return parse_document(DATA / "ru-2026.md")


@pytest.fixture(scope="session")
def kk1995() -> Document:
    return parse_document(DATA / "kk-1995-2022.md")
