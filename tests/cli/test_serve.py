"""`talqy serve --workers N`: processes sharing one port, keep-alive without Nagle stalls."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import uvicorn

from talqy.cli.serve import FACTORY


def test_the_shared_listener_gives_accepted_connections_tcp_nodelay() -> None:
    """asyncio sets TCP_NODELAY only on sockets that say IPPROTO_TCP; a listener made with
    ``proto=0`` (uvicorn before 0.55) left Nagle on and every keep-alive reply waited ~40 ms."""
    listener = uvicorn.Config(FACTORY, factory=True, host="127.0.0.1", port=0).bind_socket()
    seen: list[int] = []

    class Probe(asyncio.Protocol):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            sock = transport.get_extra_info("socket")
            seen.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            transport.close()

    async def accept_one() -> None:
        loop = asyncio.get_running_loop()
        server = await loop.create_server(Probe, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname()[:2])
        for _ in range(100):
            if seen:
                break
            await asyncio.sleep(0.01)
        writer.close()
        server.close()
        await server.wait_closed()

    asyncio.run(accept_one())
    assert listener.proto == socket.IPPROTO_TCP
    assert seen and seen[0] != 0


def test_serve_with_two_workers_answers_on_one_port(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "TALQY_DATABASE_URL": f"sqlite:///{tmp_path / 'serve.db'}",
           "XDG_DATA_HOME": str(tmp_path)}  # fmt: skip
    command = [sys.executable, "-c", "from talqy.cli.app import main; main()", "serve",
               "--workers", "2", "--port", str(port)]  # fmt: skip
    server = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    try:
        codes = []
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and len(codes) < 20:
            try:
                codes.append(httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=5).status_code)
            except httpx.TransportError:
                time.sleep(0.3)
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=60)
    assert codes == [200] * 20
    assert "2 processes" in stderr
