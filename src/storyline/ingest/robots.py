"""Respect robots.txt: fetch each site's rules once per run and ask them before fetching a page."""

from __future__ import annotations

import threading
from collections.abc import Callable
from urllib.robotparser import RobotFileParser

import httpx

# RFC 9309 asks crawlers to read at least 500 KiB of a robots.txt; more is never needed.
ROBOTS_MAX_BYTES = 512 * 1024

# Fetches a robots.txt URL, trusted or not: (HTTP status, body).
# Raises (InputError, httpx errors) when the site cannot be reached; the page fetch reports it.
RobotsFetch = Callable[[str, bool], tuple[int, bytes]]


class RobotsRules:
    """The robots.txt rules of every site a run visits, each fetched at most once."""

    def __init__(self, fetch: RobotsFetch, user_agent: str) -> None:
        self._fetch = fetch
        self._agent = user_agent
        self._rules: dict[str, RobotFileParser] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    def allows(self, url: httpx.URL, trusted: bool) -> bool:
        """True when the site's robots.txt lets our user agent fetch `url`.

        `trusted` says whether the robots.txt may be fetched from a private address, as the page may.
        """
        return self._site(url, trusted).can_fetch(self._agent, str(url))

    def _site(self, url: httpx.URL, trusted: bool) -> RobotFileParser:
        origin = f"{url.scheme}://{url.netloc.decode('ascii')}"
        with self._guard:
            lock = self._locks.setdefault(origin, threading.Lock())
        # One fetch per site even when several feed pages of it are fetched at once.
        with lock:
            if origin not in self._rules:
                self._rules[origin] = self._load(origin + "/robots.txt", trusted)
            return self._rules[origin]

    def _load(self, robots_url: str, trusted: bool) -> RobotFileParser:
        parser = RobotFileParser(robots_url)
        status, body = self._fetch(robots_url, trusted)
        if 200 <= status < 300:
            parser.parse(body[:ROBOTS_MAX_BYTES].decode("utf-8", "replace").splitlines())
        elif status >= 500:
            # RFC 9309: a site whose robots.txt fails on the server side may not want visitors now.
            parser.disallow_all = True
        else:
            parser.allow_all = True  # no robots.txt (404 and other 4xx): everything is allowed
        return parser
