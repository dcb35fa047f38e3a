"""One Rich progress bar per pipeline stage, on stderr."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

StageProgress = Callable[[str, int, int], None]


@contextmanager
def stage_progress(console: Console | None = None) -> Iterator[StageProgress]:
    """Yield a ``(stage, done, total)`` callback that draws a bar per stage."""
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    console = console or Console(stderr=True)
    with Progress(*columns, TimeElapsedColumn(), console=console, transient=False) as bar:
        tasks: dict[str, object] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=max(total, 1))
            bar.update(tasks[stage], completed=done, total=max(total, 1))  # type: ignore[arg-type]

        yield progress
