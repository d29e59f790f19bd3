"""Progress on stderr while a run works: rich bars and spinners on a terminal, nothing otherwise.

The library reports counted work through ``progress(label, done, total)`` callbacks (embedding,
aligning, checking pairs) and announces uncounted steps (converting the model, loading it,
reading a big file) through ``checker.stages``. ``ProgressBar`` shows both while it is open,
and only when stderr is a terminal and the run is not ``--quiet``: a pipe, a file or a CI log
gets nothing. The bars are transient: they vanish when the run ends.
"""

from __future__ import annotations

import sys
import threading
from contextlib import ExitStack
from typing import Any, TextIO


class ProgressBar:
    """A progress display on ``stream`` (stderr) for one run; use it as a context manager."""

    def __init__(self, enabled: bool, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled and _is_terminal(self.stream)
        self._progress: Any = None
        self._counted: dict[str, Any] = {}
        self._stages: dict[str, Any] = {}
        self._lock = threading.Lock()
        self._exit = ExitStack()

    def __enter__(self) -> ProgressBar:
        if self.enabled:
            from checker.stages import listening

            self._exit.enter_context(listening(self.stage))
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __call__(self, label: str, done: int, total: int) -> None:
        """Counted work: ``done`` of ``total`` under ``label`` (a new label is a new bar)."""
        if not self.enabled or total <= 0:
            return
        with self._lock:
            progress = self._display()
            task = self._counted.get(label)
            if task is None:
                task = self._counted[label] = progress.add_task(label, total=total)
            progress.update(task, completed=done, total=total)

    def stage(self, label: str, started: bool) -> None:
        """An uncounted step: a spinner with its label while it runs."""
        if not self.enabled:
            return
        with self._lock:
            progress = self._display()
            if started:
                self._stages[label] = progress.add_task(label, total=None)
            elif label in self._stages:
                progress.remove_task(self._stages.pop(label))

    def close(self) -> None:
        self._exit.close()
        with self._lock:
            if self._progress is not None:
                self._progress.stop()
                self._progress = None

    def _display(self) -> Any:
        if self._progress is None:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            console = Console(file=self.stream, highlight=False, force_terminal=True)
            self._progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                      _count_column(), TimeElapsedColumn(), console=console, transient=True)
            self._progress.start()
        return self._progress


def _count_column() -> Any:
    """``done/total`` for counted work; nothing for a stage, whose total is unknown."""
    from rich.progress import ProgressColumn
    from rich.text import Text

    class CountColumn(ProgressColumn):
        def render(self, task) -> Text:  # type: ignore[override]
            if task.total is None:
                return Text("")
            return Text(f"{int(task.completed)}/{int(task.total)}", style="progress.download")

    return CountColumn()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
