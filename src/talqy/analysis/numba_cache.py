"""Where numba keeps compiled code, so a new process does not compile UMAP / HDBSCAN again.

The default theme step uses no numba; the optional :class:`~talqy.analysis.themes.
HDBSCANClusterer` (UMAP, fast-hdbscan) does. :func:`ensure_numba_cache` runs before those
libraries are imported: unless ``NUMBA_CACHE_DIR`` is already set, it points numba at
``talqy/numba`` in the user's cache folder (``$XDG_CACHE_HOME`` or ``~/.cache``). When that
folder cannot be written, numba gets a throw-away folder instead (it compiles, as without a
cache) and one warning is logged.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)
_state: dict[str, str] = {}


def user_cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "talqy" / "numba"


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder):
            pass
    except OSError:
        return False
    return True


def ensure_numba_cache() -> str:
    """The numba cache folder in use (chosen once per process; see the module docstring)."""
    if "dir" in _state:
        return _state["dir"]
    chosen = os.environ.get("NUMBA_CACHE_DIR") or str(user_cache_folder())
    if not _writable(Path(chosen)):
        fallback = tempfile.mkdtemp(prefix="talqy-numba-")
        log.warning("numba cache folder %s is not writable; compiling without a cache", chosen)
        chosen = fallback
    os.environ["NUMBA_CACHE_DIR"] = chosen
    if "numba" in sys.modules:  # already imported: its config was read; update it too
        sys.modules["numba"].config.CACHE_DIR = chosen
    _state["dir"] = chosen
    return chosen
