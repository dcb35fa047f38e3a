"""A minimal keep-alive HTTP/1.1 client on asyncio streams, for load generation.

The load generator shares the 2 cores with the servers it measures; a full client library
spends about a millisecond of CPU per request, which alone saturates a core near 200 req/s and
turns client-side queueing into "server latency". This client does only what the benchmark
needs: one request at a time per connection, Content-Length or chunked bodies, keep-alive.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any
from urllib.parse import urlsplit

Connection = tuple[asyncio.StreamReader, asyncio.StreamWriter]


class RawPool:
    """Connections to one ``http://host:port`` base, reused across requests."""

    def __init__(self, base: str, *, timeout: float = 30.0) -> None:
        parts = urlsplit(base)
        self.host, self.port = parts.hostname or "127.0.0.1", parts.port or 80
        self.timeout = timeout
        self.idle: list[Connection] = []

    async def request(self, method: str, path: str, body: Any = None) -> int:
        """Send one request; the status code, or 0 when the connection failed.

        A kept-alive connection the server has closed meanwhile is retried once on a new one.
        """
        reused = self.idle.pop() if self.idle else None
        code = await self._try(reused, method, path, body)
        if code == 0 and reused is not None:
            code = await self._try(None, method, path, body)
        return code

    async def _try(self, conn: Connection | None, method: str, path: str, body: Any) -> int:
        try:
            if conn is None:
                conn = await asyncio.open_connection(self.host, self.port)
            code, reusable = await asyncio.wait_for(
                self._exchange(conn, method, path, body), self.timeout
            )
        except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError, IndexError):
            if conn is not None:
                conn[1].close()
            return 0
        if reusable:
            self.idle.append(conn)
        else:
            conn[1].close()
        return code

    async def _exchange(
        self, conn: Connection, method: str, path: str, body: Any
    ) -> tuple[int, bool]:
        reader, writer = conn
        payload = b"" if body is None else json.dumps(body).encode("utf-8")
        head = f"{method} {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: */*\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n"
        writer.write(head.encode("latin-1") + b"\r\n" + payload)
        status = await reader.readline()
        if not status:
            raise ConnectionResetError("closed by the server")
        code = int(status.split()[1])
        length, chunked, keep = 0, False, True
        while (line := await reader.readline()) not in (b"\r\n", b""):
            name, _, value = line.decode("latin-1").partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
            elif name == "connection" and "close" in value.lower():
                keep = False
        if chunked:
            while size := int((await reader.readline()).split(b";")[0], 16):
                await reader.readexactly(size + 2)
            await reader.readline()
        else:
            await reader.readexactly(length)
        return code, keep

    async def close(self) -> None:
        for _, writer in self.idle:
            writer.close()
        self.idle.clear()
