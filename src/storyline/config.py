"""Settings shared by every stage, with the defaults a user gets without asking."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from storyline import __version__

MiB = 1024 * 1024


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
