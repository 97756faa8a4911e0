"""Quotations in one article and who said each: marks, cues, speakers and posts."""

from storyline.extract.quotes.find import find_quotes

__all__ = ["find_quotes"]
