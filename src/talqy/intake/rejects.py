"""The reject file: every refused row with its number, the reason and its fields, redacted.

It is written to a temporary file beside the target and moved into place when the import ends,
so a rerun rewrites it whole and two imports of one file never interleave their lines. Author
fields are never written (only a mask saying one was there); every other field passes through
:func:`talqy.intake.redaction.redact`.
"""

from __future__ import annotations

import contextlib
import glob
import os
import secrets
from pathlib import Path
from types import TracebackType
from typing import Any

from talqy.errors import InvalidInput
from talqy.intake.records import FIELDS, parse_language
from talqy.intake.redaction import PLACEHOLDERS, redact
from talqy.tabular.csv_writer import CsvFile

COLUMNS = ("row", "reason", "field", *FIELDS)
_AUTHOR = {"name", "iin", "phone", "email"}


def default_reject_path(source: Path) -> Path:
    return source.with_name(source.name + ".rejects.csv")


def _redacted(fields: dict[str, Any]) -> list[str]:
    raw_language = fields.get("language")
    language = parse_language(raw_language if isinstance(raw_language, str) else None) or "kk"
    out = []
    for name in FIELDS:
        value = fields.get(name)
        text = "" if value is None else str(value)
        if text.strip() and name in _AUTHOR:
            text = PLACEHOLDERS[language][name]
        elif text:
            text = redact(text.replace("\x00", ""), language)
        out.append(text.encode("utf-8", "replace").decode("utf-8"))
    return out


def _remove_stale_temps(target: Path) -> None:
    """Temporary files left by an import that was killed (its process is gone)."""
    for temp in target.parent.glob(f".{glob.escape(target.name)}.*.tmp"):
        pid = temp.name[len(target.name) + 2 :].split(".", 1)[0]
        if not pid.isdigit():
            continue
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            with contextlib.suppress(OSError):
                temp.unlink()
        except OSError:
            continue


class RejectWriter:
    """Collects refused rows; ``path`` is set once the file is in place (None if no rejects)."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.count = 0
        self.path: Path | None = None
        _remove_stale_temps(target)
        token = f"{os.getpid()}.{secrets.token_hex(4)}"
        self._temp = target.with_name(f".{target.name}.{token}.tmp")
        try:
            self._file = CsvFile.open(self._temp)
        except OSError as exc:
            raise InvalidInput(
                f"cannot write the reject file next to the input ({exc.strerror})",
                field="reject_path",
            ) from None
        self._file.write(COLUMNS)

    def add(self, row: int, error: InvalidInput, fields: dict[str, Any]) -> None:
        self.count += 1
        message = redact(error.message)
        self._file.write([row, message, error.field or "", *_redacted(fields)])

    def finish(self) -> Path | None:
        """Move the file into place (or remove a stale one when nothing was refused)."""
        self._file.close()
        if self.count:
            os.replace(self._temp, self.target)
            self.path = self.target
        else:
            self._temp.unlink(missing_ok=True)
            self.target.unlink(missing_ok=True)
        return self.path

    def __enter__(self) -> RejectWriter:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is not None:
            self._file.close()
            with contextlib.suppress(OSError):
                self._temp.unlink()
