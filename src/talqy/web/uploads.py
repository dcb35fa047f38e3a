"""Files uploaded to the console, kept in a staging folder until imported.

Each upload gets a random token and a folder ``<root>/<token>/`` holding ``meta.json`` (who,
which consultation, the original name), the file itself and, once an import runs,
``progress.json`` and the reject file. State lives in files, not in memory, so any worker
process on the machine can show an import's progress. Uploads larger than
``TALQY_MAX_UPLOAD_MB`` are refused from their ``Content-Length`` before a byte is read, and
again while copying if the header lied.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import tempfile
from pathlib import Path
from typing import Any

from fastapi import Request
from starlette.datastructures import UploadFile

from talqy.errors import InvalidInput, NotFound, TalqyError
from talqy.i18n import gettext

CHUNK = 1 << 20
TOKEN = re.compile(r"^[0-9a-f]{32}$")
TABLE_SUFFIXES = (".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".jsonl", ".ndjson", ".json")


class TooLarge(TalqyError):
    """An upload over the size limit (413), refused before it is read."""

    status_code = 413
    code = "too_large"


def limit_bytes(request: Request) -> int:
    return int(request.app.state.settings.max_upload_mb) * 1024 * 1024


def check_upload_size(request: Request) -> None:
    """Refuse from the headers alone: no length given (411-like) or over the limit (413)."""
    declared = request.headers.get("content-length")
    limit = limit_bytes(request)
    if declared is None or not declared.isdigit():
        raise InvalidInput(
            gettext(request.state.lang, "the upload must state its size"),
            field="file",
            reason="no_length",
        )
    if int(declared) > limit:
        message = gettext(
            request.state.lang, "the file is larger than %(mb)s MiB", mb=limit // (1024 * 1024)
        )
        raise TooLarge(message, field="file")


def _root(request: Request) -> Path:
    root: Path | None = getattr(request.app.state, "upload_root", None)
    if root is None:
        root = Path(tempfile.mkdtemp(prefix="talqy-uploads-"))
        request.app.state.upload_root = root
    return root


def safe_name(name: str | None) -> str:
    """The uploaded file's name for display: no folders, no control characters."""
    base = (name or "upload").replace("\\", "/").rsplit("/", 1)[-1]
    cleaned = "".join(ch for ch in base if ch.isprintable())[:120]
    return cleaned or "upload"


async def save_upload(
    request: Request, upload: UploadFile, *, slug: str, user_id: int, kind: str
) -> str:
    """Copy ``upload`` into a new staging folder; returns its token."""
    token = secrets.token_hex(16)
    folder = _root(request) / token
    folder.mkdir(mode=0o700)
    name = safe_name(upload.filename)
    suffix = Path(name).suffix.lower()
    target = folder / f"data{suffix if suffix.isascii() and len(suffix) <= 8 else ''}"
    limit, written = limit_bytes(request), 0
    with target.open("wb") as handle:
        while chunk := await upload.read(CHUNK):
            written += len(chunk)
            if written > limit:
                handle.close()
                shutil.rmtree(folder, ignore_errors=True)
                raise TooLarge(
                    gettext(
                        request.state.lang,
                        "the file is larger than %(mb)s MiB",
                        mb=limit // (1024 * 1024),
                    ),
                    field="file",
                )
            handle.write(chunk)
    meta = {
        "slug": slug,
        "user_id": user_id,
        "name": name,
        "file": target.name,
        "size": written,
        "kind": kind,
    }
    (folder / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return token


def folder_of(request: Request, token: str, *, slug: str) -> tuple[Path, dict[str, Any]]:
    """The staging folder of ``token`` and its metadata (404 unless it is this consultation's)."""
    folder = _root(request) / token
    meta_path = folder / "meta.json"
    if not TOKEN.match(token) or not meta_path.is_file():
        raise NotFound("no such upload", field="upload")
    meta: dict[str, Any] = json.loads(meta_path.read_text(encoding="utf-8"))
    if meta.get("slug") != slug:
        raise NotFound("no such upload", field="upload")
    return folder, meta


def write_state(folder: Path, state: dict[str, Any]) -> None:
    """Replace ``progress.json`` atomically (readers never see half a file)."""
    temp = folder / "progress.json.tmp"
    temp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(temp, folder / "progress.json")


def read_state(folder: Path) -> dict[str, Any] | None:
    path = folder / "progress.json"
    if not path.is_file():
        return None
    state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return state


def discard(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)


def discard_staging(state: Any) -> None:
    """Remove the server's staging folder (uploads never imported, finished imports' rejects)."""
    root: Path | None = getattr(state, "upload_root", None)
    if root is not None:
        shutil.rmtree(root, ignore_errors=True)
