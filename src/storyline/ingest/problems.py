"""Turn failures while reading one input into `InputProblem` records, so the batch goes on."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from storyline.errors import InputError
from storyline.model import InputProblem, RawDocument

Item = RawDocument | InputProblem

_KiB = 1024
_MiB = 1024 * 1024


def human_size(n: int) -> str:
    """A byte count the way a user would say it: "25 MB", "1.5 KB", "100 bytes"."""
    if n >= _MiB:
        return f"{n / _MiB:.1f}".removesuffix(".0") + " MB"
    if n >= _KiB:
        return f"{n / _KiB:.1f}".removesuffix(".0") + " KB"
    return f"{n} bytes"


def too_large_reason(limit: int, size: int | None = None) -> str:
    actual = f" ({human_size(size)})" if size is not None else ""
    return f"larger than {human_size(limit)}{actual}; raise --max-mb to include it"


def os_reason(exc: OSError) -> str:
    """Why the system would not let us read something, in a user's words."""
    if isinstance(exc, PermissionError):
        return "permission denied; check its permissions"
    return f"could not read: {exc.strerror or exc}"


def as_problem(exc: InputError) -> InputProblem:
    return InputProblem(source=exc.source, reason=exc.reason, kind=exc.kind)


def guarded(source: str, items: Iterable[Item]) -> Iterator[Item]:
    """Yield `items`; if producing them fails, yield one problem for `source` instead of raising.

    Items already yielded stay yielded: a container that breaks halfway still
    gives the documents before the break.
    """
    try:
        yield from items
    except InputError as exc:
        yield as_problem(exc)
    except OSError as exc:
        yield InputProblem(source=source, reason=os_reason(exc), kind="unreadable")
    except Exception as exc:  # noqa: BLE001 - one odd input must never stop a batch
        reason = f"internal error while reading ({type(exc).__name__}: {exc}); please report it"
        yield InputProblem(source=source, reason=reason, kind="unreadable")
