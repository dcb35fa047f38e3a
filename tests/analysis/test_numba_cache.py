from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    code = (
        "import logging; logging.basicConfig(level=logging.WARNING);"
        "from talqy.analysis.numba_cache import ensure_numba_cache as e;"
        "print(e()); print(e())"
    )
    full = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"} | env
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=full, check=True)  # fmt: skip


def test_cache_goes_to_the_user_cache_folder(tmp_path: Path) -> None:
    out = run({"XDG_CACHE_HOME": str(tmp_path)})
    lines = out.stdout.splitlines()
    assert lines == [str(tmp_path / "talqy" / "numba")] * 2
    assert (tmp_path / "talqy" / "numba").is_dir()
    assert "not writable" not in out.stderr


def test_unwritable_folder_falls_back_and_warns_once(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    out = run({"NUMBA_CACHE_DIR": str(blocked / "numba")})
    first, second = out.stdout.splitlines()
    assert first == second and "talqy-numba-" in first
    assert out.stderr.count("not writable") == 1
