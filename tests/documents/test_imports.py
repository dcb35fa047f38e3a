"""``talqy.documents`` depends only on ``analysis`` and ``errors`` inside the product."""

from __future__ import annotations

import ast
from pathlib import Path

import talqy.documents

ALLOWED = {"talqy.documents", "talqy.analysis", "talqy.errors"}


def test_documents_imports_point_inwards() -> None:
    package = Path(talqy.documents.__file__).parent
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            for name in names:
                if name.startswith("talqy"):
                    assert any(name == a or name.startswith(a + ".") for a in ALLOWED), (path, name)
