"""The local web explorer (FastAPI): the report's views as pages, search, and a JSON twin of every page."""

from __future__ import annotations

from storyline.web.app import create_app

__all__ = ["create_app"]
