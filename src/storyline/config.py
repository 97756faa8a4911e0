"""Settings shared by every stage, with the defaults a user gets without asking."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field, fields

from storyline import __version__

MiB = 1024 * 1024
ENGINES = ("local", "ray")


def default_jobs() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))


@dataclass
class Settings:
    """Knobs for one analysis. Every field has a command-line option of the same name."""

    max_bytes: int = 25 * MiB  # an input (file or download) larger than this is skipped
    timeout: float = 20.0  # seconds for one HTTP request, in total (connect, redirects, every byte)
    max_redirects: int = 5
    follow_feed_links: bool = True  # fetch an entry's linked page when the feed has no content
    allow_private_links: bool = False  # let feed links and redirects reach loopback and private addresses
    ignore_robots: bool = False  # fetch the URLs the user typed even where robots.txt says no
    follow_links: bool = False  # read symbolic links in a folder that lead outside it
    jobs: int = field(default_factory=default_jobs)
    user_agent: str = f"storyline/{__version__} (+news cross-checking)"
    boilerplate_min_articles: int = 3  # a line seen in this many articles of one outlet is boilerplate
    regroup: bool = False  # group every article into stories anew, not only those new to the folder
    engine: str = "local"  # local (processes on this machine) or ray (cleaning and extraction on Ray Data)
    ray_address: str | None = None  # the Ray cluster for engine "ray"; None starts a local Ray instance

    def __post_init__(self) -> None:
        """A value no run could use is a `BadArgument` naming the field, not a failure deep in a run."""
        for f in fields(self):
            value = getattr(self, f.name)
            reason = _unusable(f.name, value)
            if reason:
                from storyline.errors import BadArgument

                raise BadArgument(f"settings.{f.name}", value, reason)


def _unusable(name: str, value: object) -> str | None:
    """Why `value` cannot be the setting `name`, or None when it can."""
    if name == "timeout":
        number = isinstance(value, int | float) and not isinstance(value, bool)
        if not number or not math.isfinite(value) or value <= 0:  # type: ignore[arg-type]
            return "not a positive number of seconds"
    elif name in ("max_bytes", "jobs", "boilerplate_min_articles", "max_redirects"):
        least = 0 if name == "max_redirects" else 1
        if not isinstance(value, int) or isinstance(value, bool) or value < least:
            return f"not a whole number of at least {least}"
    elif name == "user_agent":
        # it becomes an HTTP header: a line break in it would start another header
        if not isinstance(value, str) or not value.strip() or any(c in value for c in "\r\n\0"):
            return "not one line of text"
    elif name == "engine":
        if value not in ENGINES:
            return f"not an engine; give one of {', '.join(ENGINES)}"
    elif name == "ray_address":
        if value is not None and (not isinstance(value, str) or not value.strip()):
            return "not a Ray address; give host:port, ray://host:port, auto, or None for a local instance"
    elif not isinstance(value, bool):
        return "not True or False"
    return None
