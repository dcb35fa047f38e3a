"""60 concurrent sign-ins with new usernames against a real uvicorn: memory stays bounded.

Each argon2 check takes 64 MiB; unbounded, 60 concurrent checks grew this server's peak
(VmHWM) by 1,260 MiB. The per-process cap on concurrent password checks keeps the growth to a
few checks' worth (68 MiB measured), whatever the rate limits let through (here: all of them).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.review.web_support import csrf_of

REPO = Path(__file__).resolve().parents[2]
SERVE = (
    "import uvicorn; from talqy.settings import load_settings; from talqy.web.app import "
    "create_app; uvicorn.run(create_app(load_settings()), host='127.0.0.1', port={port}, "
    "log_level='warning', proxy_headers=False)"
)
MIB = 1024 * 1024


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _peak_rss(pid: int) -> int:
    status = Path(f"/proc/{pid}/status").read_text()
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    assert found
    return int(found.group(1)) * 1024


def _sign_in(base: str, cookies: dict[str, str], token: str, username: str) -> int:
    with httpx.Client(base_url=base, timeout=300, cookies=cookies) as client:
        data = {"username": username, "password": "wrong password!!", "csrf_token": token}
        return client.post("/staff/login", data=data).status_code


def test_concurrent_sign_ins_do_not_grow_memory(tmp_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "TALQY_ENVIRONMENT": "test",
           "TALQY_DATABASE_URL": f"sqlite:///{tmp_path / 'talqy.db'}",
           "TALQY_LOGIN_ATTEMPTS_PER_MINUTE": "1000000",
           "TALQY_LOGIN_ATTEMPTS_GLOBAL_PER_MINUTE": "1000000"}  # fmt: skip
    server = subprocess.Popen([sys.executable, "-c", SERVE.format(port=port)], env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.HTTPError:
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        with httpx.Client(base_url=base, timeout=60) as browser:
            token = csrf_of(browser.get("/staff/login").text)
            cookies = dict(browser.cookies)
        assert _sign_in(base, cookies, token, "warm-up") == 401
        before = _peak_rss(server.pid)
        with ThreadPoolExecutor(max_workers=60) as pool:  # all 60 posted at once
            codes = list(
                pool.map(lambda i: _sign_in(base, cookies, token, f"new-user-{i}"), range(60))
            )
        grown = _peak_rss(server.pid) - before
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert codes == [401] * 60
    print(f"peak RSS growth over 60 concurrent sign-ins: {grown / MIB:.0f} MiB")
    assert grown < 300 * MIB
