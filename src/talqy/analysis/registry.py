"""Every analysis step, embedder and engine, found in the package rather than listed by hand.

:func:`step_classes` imports each module of :mod:`talqy.analysis` and returns the public,
concrete classes defined there that have ``get_params``: deduplicators, campaign detectors,
clusterers, the language detector, linker, stance classifier, the pipeline, every embedder and
every engine. One contract test (``tests/analysis/test_step_contract.py``) runs over all of
them, so a new step is checked the moment it exists.

:func:`describe` turns a step into JSON-ready data for the run record: its class, its identity
(embedders: name, version, dim; engines: name) and its parameters, nested.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any


def analysis_modules() -> list[Any]:
    """Every module of :mod:`talqy.analysis`, imported, in name order."""
    import talqy.analysis as package

    names = sorted(info.name for info in pkgutil.iter_modules(package.__path__))
    return [importlib.import_module(f"{package.__name__}.{name}") for name in names]


def step_classes() -> list[type[Any]]:
    """Public concrete classes of the analysis package with ``get_params``, by name."""
    found: dict[str, type[Any]] = {}
    for module in analysis_modules():
        for name, cls in vars(module).items():
            if (
                inspect.isclass(cls)
                and cls.__module__ == module.__name__
                and not name.startswith("_")
                and not inspect.isabstract(cls)
                and callable(getattr(cls, "get_params", None))
            ):
                found[name] = cls
    # a role base class (Deduplicator, Clusterer) has no constructor of its own and is
    # extended by the concrete steps; it is not a step itself
    bases = {
        base
        for cls in found.values()
        for base in cls.__mro__[1:]
        if base in found.values() and "__init__" not in vars(base)
    }
    return [found[name] for name in sorted(found) if found[name] not in bases]


def constructor_params(step: Any, *, deep: bool = True) -> dict[str, Any]:
    """``get_params`` read off the constructor: each keyword parameter of ``type(step)``'s
    ``__init__`` with the value ``step`` stores under its name; with ``deep``, a nested step
    (an embedder, an engine) is :func:`describe`-d."""
    signature = inspect.signature(type(step).__init__)
    names = [
        n
        for n, p in signature.parameters.items()
        if n != "self" and p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    params = {name: getattr(step, name) for name in names}
    if not deep:
        return params
    return {k: describe(v) if hasattr(v, "get_params") else v for k, v in params.items()}


def describe(step: Any) -> Any:
    """JSON-ready nested description of a step and its parameters."""
    if isinstance(step, str | int | float | bool) or step is None:
        return step
    if isinstance(step, list | tuple):
        return [describe(s) for s in step]
    if isinstance(step, dict):
        return {str(k): describe(v) for k, v in step.items()}
    if hasattr(step, "get_params"):
        from talqy.analysis.themes import Clusterer

        params = step.get_params(deep=False) if isinstance(step, Clusterer) else step.get_params()
        identity = step.identity() if callable(getattr(step, "identity", None)) else {}
        out = {"class": type(step).__name__, **identity}
        return out | {k: describe(v) for k, v in params.items()}
    return repr(step)
