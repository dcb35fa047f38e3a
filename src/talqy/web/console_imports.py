"""Console: upload a table of proposals, check the preview and mapping, import with progress;
upload a draft version.

Upload → ``/imports/{token}`` (first rows, columns, one select per field) → start → the same
page shows a progress bar (refreshing itself, no script) and at the end the summary and the
reject file to download. The import runs in a thread of this server, through the same library
call as ``talqy proposals import``; new proposals get a group of their own for the queue.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.datastructures import UploadFile

from talqy.errors import InvalidInput, TalqyError
from talqy.i18n import gettext
from talqy.intake import CHANNELS, ImportProgress, import_proposals
from talqy.intake.drafts import import_draft
from talqy.intake.flags import flag_unknown_articles
from talqy.intake.preview import preview_table
from talqy.intake.records import FIELDS
from talqy.review.grouping import group_new_proposals
from talqy.review.permissions import Actor
from talqy.settings import Settings
from talqy.storage.database import Database
from talqy.systematization.placement import PlacementSummary, Placer
from talqy.web.auth import StaffUser
from talqy.web.csrf import CsrfChecked
from talqy.web.public import page
from talqy.web.staff_request import StaffPost, StaffView, console_actor
from talqy.web.uploads import (
    check_upload_size,
    discard,
    folder_of,
    read_state,
    save_upload,
    write_state,
)

log = logging.getLogger("talqy.placement")
router = APIRouter(prefix="/staff/console", include_in_schema=False)
SizeChecked = Annotated[None, Depends(check_upload_size)]


def _console_actor(request: Request, user: StaffUser, slug: str) -> Actor:
    return console_actor(request, user, slug)


ConsoleActor = Annotated[Actor, Depends(_console_actor)]


@dataclass(frozen=True)
class Staged:
    """An uploaded file in staging: its token, folder and metadata, and the form's other fields."""

    token: str
    folder: Path
    meta: dict[str, Any]
    fields: dict[str, str]


async def _stage(request: Request, slug: str, actor: Actor, kind: str) -> Staged:
    """Save the form's ``file`` to staging."""
    async with request.form(max_files=1, max_fields=20) as form:
        upload = form.get("file")
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InvalidInput(gettext(request.state.lang, "choose a file"), field="file")
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        token = await save_upload(request, upload, slug=slug, user_id=actor.user_id, kind=kind)
    folder, meta = folder_of(request, token, slug=slug)
    return Staged(token, folder, meta, fields)


@router.post("/c/{slug}/imports")
async def upload_table(
    slug: str, request: Request, _size: SizeChecked, _csrf: CsrfChecked, actor: ConsoleActor
) -> Response:
    staged = await _stage(request, slug, actor, "table")
    try:
        preview_table(staged.folder / staged.meta["file"])
    except TalqyError as exc:
        discard(staged.folder)  # not a table: nothing kept, nothing imported
        return _console_error(request, slug, exc)
    return RedirectResponse(f"/staff/console/c/{slug}/imports/{staged.token}", status_code=303)


def _console_error(request: Request, slug: str, error: TalqyError) -> Response:
    from talqy.web.console import overview

    return overview(request, slug, error=error)


def _mapping_from(fields: dict[str, str], columns: list[str]) -> dict[str, str]:
    return {f: fields[f"map_{f}"] for f in FIELDS if fields.get(f"map_{f}") in columns}


@router.get("/c/{slug}/imports/{token}", response_class=HTMLResponse)
def import_page(staff: StaffView, token: str) -> Response:
    staff.console_actor()
    request, slug = staff.request, staff.slug
    folder, meta = folder_of(request, token, slug=slug)
    state = read_state(folder)
    context: dict[str, Any] = {"slug": slug, "token": token, "meta": meta, "state": state}
    if state is None:
        context.update(
            preview=preview_table(folder / meta["file"]), fields=FIELDS, channels=CHANNELS
        )
    return page(request, "staff/console/import.html", context)


@router.post("/c/{slug}/imports/{token}/start")
async def start_import(staff: StaffPost, token: str) -> Response:
    request, slug = staff.request, staff.slug
    actor = staff.console_actor()
    folder, meta = folder_of(request, token, slug=slug)
    if read_state(folder) is not None:
        return RedirectResponse(f"/staff/console/c/{slug}/imports/{token}", status_code=303)
    async with request.form() as form:
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
    columns = preview_table(folder / meta["file"]).columns
    mapping = _mapping_from(fields, columns)
    channel = fields.get("channel", "") if fields.get("channel", "") in CHANNELS else None
    write_state(folder, {"state": "running", "percent": 0, "rows": 0})
    app = request.app.state
    job = ImportJob(app.db, app.settings, actor, folder, meta, app.placer)
    threading.Thread(target=job.run, args=(mapping, channel), daemon=True).start()
    return RedirectResponse(f"/staff/console/c/{slug}/imports/{token}", status_code=303)


@dataclass
class ImportJob:
    """One import in a thread: progress into ``progress.json``, then the summary."""

    db: Database
    settings: Settings
    actor: Actor
    folder: Path
    meta: dict[str, Any]
    placer: Placer | None = None  # the server's warm one; a new one when None

    def progress(self, step: ImportProgress) -> None:
        write_state(
            self.folder,
            {"state": "running", "percent": int(step.fraction * 100), "rows": step.rows},
        )

    def place(self) -> PlacementSummary | None:
        """Place the new proposals; a placement that fails leaves them to their own groups."""
        try:
            return (self.placer or Placer(self.settings)).place(self.db, self.meta["slug"])
        except Exception as exc:  # the rows are in: the import itself succeeded
            log.error("placement after import failed: %s", type(exc).__name__)
            return None

    def run(self, mapping: dict[str, str], channel: str | None) -> None:
        try:
            summary = import_proposals(
                self.db,
                settings=self.settings,
                consultation=self.meta["slug"],
                path=self.folder / self.meta["file"],
                channel=channel,
                mapping=mapping,
                progress=self.progress,
                reject_path=self.folder / "rejects.csv",
            )
            placed = self.place()
            grouped = group_new_proposals(self.db, actor=self.actor)  # no run yet: own groups
        except TalqyError as exc:
            write_state(
                self.folder,
                {"state": "failed", "message": exc.message, "field": exc.context.get("field")},
            )
            return
        except Exception as exc:  # the thread must always end in a state the page can show
            write_state(self.folder, {"state": "failed", "message": type(exc).__name__})
            return
        (self.folder / self.meta["file"]).unlink(missing_ok=True)  # the rows are in now
        write_state(
            self.folder,
            {
                "state": "done",
                "percent": 100,
                **summary.to_dict(),
                "reject_path": None,
                "rejects": summary.reject_path is not None,
                "grouped": grouped,
                "placed": len(placed.placed) if placed else 0,
                "placed_new": placed.counts()["new_groups"] if placed else 0,
            },
        )


@router.get("/c/{slug}/imports/{token}/rejects.csv")
def download_rejects(staff: StaffView, token: str) -> Response:
    staff.console_actor()
    slug = staff.slug
    folder, _ = folder_of(staff.request, token, slug=slug)
    path = folder / "rejects.csv"
    if not path.is_file():
        raise InvalidInput("no rejected rows", field="rejects")
    return FileResponse(path, media_type="text/csv; charset=utf-8", filename=f"{slug}-rejects.csv")


@router.post("/c/{slug}/drafts")
async def upload_draft(
    slug: str, request: Request, _size: SizeChecked, _csrf: CsrfChecked, actor: ConsoleActor
) -> Response:
    staged = await _stage(request, slug, actor, "draft")
    folder, meta, fields = staged.folder, staged.meta, staged.fields
    language, version = fields.get("language") or None, fields.get("version", "").strip()
    source = (folder / meta["file"]).rename(folder / meta["name"])  # stored as the source name
    try:
        if not version or len(version) > 64:
            raise InvalidInput(gettext(request.state.lang, "give a version label"), field="version")
        stored, _ = import_draft(
            request.app.state.db,
            consultation=slug,
            path=source,
            version=version,
            replace=bool(fields.get("replace")),
            language=language if language in {"kk", "ru", "en"} else None,
        )
    except TalqyError as exc:
        return _console_error(request, slug, exc)
    finally:
        discard(folder)
    flag_unknown_articles(request.app.state.db, consultation_id=actor.consultation_id)
    done = f"draft-{stored.language}"
    return RedirectResponse(f"/staff/console/c/{slug}?done={done}", status_code=303)
