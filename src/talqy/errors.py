"""One exception tree for the whole product.

::

    TalqyError                      base; never raised directly
     ├── InvalidInput    (400)      bad input; carries field / row / line
     ├── Forbidden       (403)      the actor may not do this
     ├── NotFound        (404)      an object that does not exist
     ├── Conflict        (409)      duplicate key, stale version, illegal review transition
     ├── ParseError      (422)      a document or file that cannot be read; carries position
     └── ConfigError     (500)      settings that cannot work (bad database URL, default secret)

Domain code raises these; ``web/`` renders them once (HTML or JSON by ``Accept``), the CLI
prints them as one line on stderr and exits non-zero. Vendor exceptions are translated to these
at the boundary where the vendor is called.
"""

from __future__ import annotations

from typing import Any


class TalqyError(Exception):
    """Base of every error this product raises on purpose."""

    status_code: int = 500
    code: str = "error"

    def __init__(self, message: str, **context: Any) -> None:
        super().__init__(message)
        self.message = message
        self.context = {k: v for k, v in context.items() if v is not None}

    def __str__(self) -> str:
        where = ", ".join(f"{k} {v}" for k, v in self.context.items())
        return f"{self.message} ({where})" if where else self.message

    def to_dict(self) -> dict[str, Any]:
        """Plain data for a JSON error body."""
        return {"error": self.code, "message": self.message, **self.context}


class InvalidInput(TalqyError):
    """Input that fails validation; ``field``, ``row`` or ``line`` say where."""

    status_code = 400
    code = "invalid_input"

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        row: int | None = None,
        line: int | None = None,
        **context: Any,
    ) -> None:
        super().__init__(message, field=field, row=row, line=line, **context)
        self.field, self.row, self.line = field, row, line


class Forbidden(TalqyError):
    status_code = 403
    code = "forbidden"


class NotFound(TalqyError):
    status_code = 404
    code = "not_found"


class Conflict(TalqyError):
    status_code = 409
    code = "conflict"


class ParseError(TalqyError):
    """A file or document that cannot be parsed; ``position`` (line/offset) says where."""

    status_code = 422
    code = "parse_error"

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        position: int | None = None,
        **context: Any,
    ) -> None:
        super().__init__(message, path=path, line=line, position=position, **context)
        self.path, self.line, self.position = path, line, position


class ConfigError(TalqyError):
    status_code = 500
    code = "config_error"
