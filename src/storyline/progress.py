"""Progress reporting for long stages: silent for the Python API, Rich bars on the command line."""

from __future__ import annotations

import re
from typing import Protocol

from storyline.model import InputProblem


class Task(Protocol):
    def advance(self, n: int = 1) -> None: ...

    def done(self) -> None: ...


class Progress(Protocol):
    def task(self, description: str, total: int | None) -> Task: ...

    def problem(self, problem: InputProblem) -> None: ...


# C0 and C1 control characters: a file name or feed link holding them could move
# the cursor, retitle the terminal or split one problem line into several.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def shown(text: str) -> str:
    """Untrusted text (a file name, a URL from a feed, a reason quoting either) made safe to print
    with Rich: markup escaped, control characters written out as `\\x1b`."""
    from rich.markup import escape

    return escape(_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text))


def problem_line(problem: InputProblem) -> str:
    """One line of Rich markup naming a skipped input; the input's own text is escaped."""
    return f"[yellow]skipped[/] {shown(problem.source)}: {shown(problem.reason)}"


# Problem lines shown for the documents of one container (a corpus, a feed, an
# archive); the rest are counted, so a corpus of 10,000 bad records is not 10,000 lines.
LINES_PER_CONTAINER = 10


class ProblemLines:
    """Decides which problems get a line of their own, and counts those that do not."""

    def __init__(self, per_container: int = LINES_PER_CONTAINER) -> None:
        self.per_container = per_container
        self.shown: dict[str, int] = {}
        self.hidden: dict[str, int] = {}  # container -> problems not given a line

    def show(self, problem: InputProblem) -> bool:
        container, hash_, _ = problem.source.partition("#")
        if not hash_:
            return True  # an input the user named: always its own line
        if self.shown.get(container, 0) < self.per_container:
            self.shown[container] = self.shown.get(container, 0) + 1
            return True
        self.hidden[container] = self.hidden.get(container, 0) + 1
        return False


class _NullTask:
    def advance(self, n: int = 1) -> None:
        pass

    def done(self) -> None:
        pass


class NullProgress:
    """Reports nothing; what the library uses unless a caller asks for more."""

    def task(self, description: str, total: int | None) -> Task:
        return _NullTask()

    def problem(self, problem: InputProblem) -> None:
        pass


class ProblemsOnly(NullProgress):
    """No bars, but still one line per input that could not be read, as it happens."""

    def __init__(self, console: object) -> None:
        self.console = console
        self.lines = ProblemLines()

    def problem(self, problem: InputProblem) -> None:
        if self.lines.show(problem):
            self.console.print(problem_line(problem), highlight=False)  # type: ignore[attr-defined]


class _RichTask:
    def __init__(self, bar: object, task_id: object) -> None:
        self._bar = bar
        self._id = task_id

    def advance(self, n: int = 1) -> None:
        self._bar.advance(self._id, n)  # type: ignore[attr-defined]

    def done(self) -> None:
        bar = self._bar
        task = bar.tasks[[t.id for t in bar.tasks].index(self._id)]  # type: ignore[attr-defined]
        # a step with no count (total None) shows as one finished step, not "0/0"
        finished = task.completed or 1
        bar.update(self._id, total=finished, completed=finished)  # type: ignore[attr-defined]
        bar.stop_task(self._id)  # type: ignore[attr-defined]


class RichProgress:
    """Progress bars on stderr, and one line per input that could not be read."""

    def __init__(self, console: object | None = None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import Progress as Bars

        self.console = console or Console(stderr=True)
        self.lines = ProblemLines()
        self._bars = Bars(
            SpinnerColumn(),
            TextColumn("[progress.description]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=self.console,
            transient=False,
        )

    def __enter__(self) -> RichProgress:
        self._bars.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._bars.stop()

    def task(self, description: str, total: int | None) -> Task:
        return _RichTask(self._bars, self._bars.add_task(description, total=total))

    def problem(self, problem: InputProblem) -> None:
        if self.lines.show(problem):
            self._bars.console.print(problem_line(problem), highlight=False)
