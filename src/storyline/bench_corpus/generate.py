"""Writing a generated corpus: many made-up stories, several outlets each, and the truth about every article.

Each story is one happening (a flood in a made-up town, a strike, a recount)
with its own place, organisation, people, numbers and quotes. Outlets report
it in their own words: they round numbers their own way, quote or leave out
the same speaker, sometimes publish a later revision of a number, and wire
copies reappear almost word for word under other outlets' names. Articles go
to a JSON Lines file that `storyline analyze` reads, one story at a time, so a
corpus of any size is never held in memory; the truth of each article (its
story, the numbers and quotes it states) goes to a second file, line for line.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from storyline.bench_corpus import vocabulary as words

FIRST_DAY = dt.date(2025, 1, 6)
ARTICLES_PER_STORY = (3, 13)  # inclusive range; eight on average
SYNDICATED_SHARE = 0.12  # articles that are a wire copy of another article of the same story
REVISED_SHARE = 0.35  # stories where one outlet later reports a changed number


@dataclass(frozen=True)
class Outlet:
    name: str
    domain: str
    rounding: str  # exact | about | more_than: how it writes a number it did not count itself
    percent_sign: bool
    quotes: float  # how often it quotes a speaker word for word
    footer: str  # its own line under every article, which cleaning should take out


@dataclass
class Happening:
    """One story's facts, as every outlet that covers it starts from them."""

    number: int
    kind: words.HappeningKind
    place: str
    district: str  # the part of the place at the centre of it
    region: str  # the county the place is in
    org: str
    day: dt.date
    speakers: list[tuple[str, str]]  # (title, name)
    values: dict[str, float]  # figure name -> true value
    quotes: list[tuple[str, str]]  # (speaker name, words)
    revised: dict[str, float] = field(default_factory=dict)  # figure name -> the later value


def outlets(rng: random.Random, count: int) -> list[Outlet]:
    made: dict[str, Outlet] = {}
    while len(made) < count:
        name = words.outlet_name(rng)
        if name in made:
            continue
        domain = "".join(c for c in name.lower() if c.isalpha())[:24] + ".example"
        footer = rng.choice(
            (
                f"Sign up for the morning briefing from {name}.",
                f"Read more local news at {name}.",
                f"Support independent reporting: subscribe to {name}.",
            )
        )
        made[name] = Outlet(
            name,
            domain,
            rng.choice(("exact", "exact", "about", "more_than")),
            rng.random() < 0.4,
            rng.uniform(0.4, 1.0),
            footer,
        )
    return list(made.values())


def _new_place(rng: random.Random, taken: set[str]) -> str:
    place = words.place_name(rng)
    while place in taken:
        place = words.place_name(rng, len(taken))
    taken.add(place)
    return place


def happening(rng: random.Random, number: int, places: set[str]) -> Happening:
    """A new story; `places` holds the place names taken by earlier ones, so each story has its own."""
    kind = rng.choice(words.KINDS)
    place = _new_place(rng, places)
    speakers = [(rng.choice(words.ROLES), words.person_name(rng)) for _ in range(2)]
    values: dict[str, float] = {}
    for figure in kind.figures:
        value: float = rng.randint(figure.low, figure.high)
        if figure.style == "money":
            value += rng.randint(1, 9) / 10
        values[figure.name] = value
    # each speaker says something else
    openings = rng.sample(kind.quote_openings, len(speakers))
    closings = rng.sample(kind.quote_closings, len(speakers))
    quotes = [
        (name, f"{opening} in {place}, {closing}")
        for (_, name), opening, closing in zip(speakers, openings, closings, strict=True)
    ]
    h = Happening(
        number,
        kind,
        place,
        _new_place(rng, places),
        _new_place(rng, places),
        words.org_name(rng, place),
        FIRST_DAY + dt.timedelta(days=rng.randint(0, 360)),
        speakers,
        values,
        quotes,
    )
    if rng.random() < REVISED_SHARE:
        name = rng.choice([f.name for f in kind.figures if f.style == "count"])
        h.revised[name] = round(h.values[name] * rng.uniform(1.1, 1.6))
    return h


def written(value: float, style: str, rounding: str, percent_sign: bool) -> tuple[str, str]:
    """The number as an outlet writes it: (the whole phrase, the digits within it)."""
    if style == "money":
        shown = f"{value:.1f}" if rounding == "exact" else f"{int(value)}"
        digits, phrase = shown, f"${shown} million"
    elif style == "percent":
        digits = f"{int(value)}"
        phrase = f"{digits}%" if percent_sign else f"{digits} percent"
    else:
        number = int(value)
        if rounding != "exact" and number >= 100:
            step = 10 ** (len(str(number)) - 2)
            number = (number // step) * step if rounding == "more_than" else round(number / step) * step
        digits = f"{number:,}"
        phrase = digits
    if float(digits.replace(",", "")) == value or style == "percent":
        return phrase, digits  # nothing was rounded, so there is nothing to qualify
    return f"{'about' if rounding == 'about' else 'more than'} {phrase}", digits


def _sentence(template: str, h: Happening, n: str, day: str) -> str:
    text = template.format(n=n, place=h.place, org=h.org, day=day, district=h.district, region=h.region)
    return text[0].upper() + text[1:]


def article(
    rng: random.Random, h: Happening, outlet: Outlet, published: dt.date, revision: bool = False
) -> tuple[dict[str, Any], dict[str, Any]]:
    """One outlet's report of a happening: the record to ingest and the truth of what it states."""
    kind = h.kind
    day = words.WEEKDAYS[h.day.weekday()]
    paragraphs = [_sentence(rng.choice(kind.leads), h, "", day)]
    stated: list[dict[str, Any]] = []
    chosen = rng.sample(kind.figures, rng.randint(2, len(kind.figures)))
    for figure in chosen:
        value = h.values[figure.name]
        later = revision and figure.name in h.revised
        if later:
            value = h.revised[figure.name]
        phrase, digits = written(value, figure.style, outlet.rounding, outlet.percent_sign)
        sentence = _sentence(rng.choice(figure.phrasings), h, phrase, day)
        if later:
            sentence += " That is higher than the number first given."
        paragraphs.append(sentence)
        stated.append(
            {
                "key": f"{h.number}/{figure.name}",
                "value": value,
                "text": phrase,
                "digits": digits,
                "revised": later,
            }
        )
    quoted: list[dict[str, Any]] = []
    for (title, name), (_, quote) in zip(h.speakers, h.quotes, strict=True):
        if rng.random() < outlet.quotes:
            if rng.random() < 0.5:
                paragraphs.append(f'"{quote}," {title} {name} said.')
            else:
                paragraphs.append(f'{name}, the {title.lower()}, said: "{quote}."')
            quoted.append({"key": f"{h.number}/{name}", "speaker": name, "text": quote})
    paragraphs.insert(min(2, len(paragraphs)), _sentence(rng.choice(kind.background), h, "", day))
    paragraphs.insert(rng.randint(1, len(paragraphs)), _sentence(rng.choice(words.WHERE), h, "", day))
    paragraphs.append(outlet.footer)
    headline = rng.choice(kind.headlines).format(place=h.place)
    record = {
        "text": "\n\n".join(paragraphs),
        "title": ("Update: " if revision else "") + headline[0].upper() + headline[1:],
        "outlet": outlet.name,
        "published": published.isoformat(),
        "url": f"https://{outlet.domain}/{h.number}-{rng.randrange(10**6)}",
    }
    truth = {
        "story": h.number,
        "place": h.place,
        "outlet": outlet.name,
        "copy_of": None,
        "figures": stated,
        "quotes": quoted,
    }
    return record, truth


def wire_copy(
    rng: random.Random, record: dict[str, Any], truth: dict[str, Any], outlet: Outlet, line: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Another outlet's reprint of an article: the same paragraphs under its own footer, often headline."""
    paragraphs = record["text"].split("\n\n")[:-1]  # the original's footer goes
    paragraphs.append(outlet.footer)
    title = record["title"] if rng.random() < 0.5 else f"{record['title']} ({outlet.name})"
    copy = {
        **record,
        "text": "\n\n".join(paragraphs),
        "title": title,
        "outlet": outlet.name,
        "url": f"https://{outlet.domain}/wire-{rng.randrange(10**6)}",
    }
    return copy, {**truth, "outlet": outlet.name, "copy_of": line}


def stories(
    articles: int, seed: int = 7, per_story: int | None = None
) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    """(record, truth) for `articles` articles, one story at a time; the same seed gives the same corpus."""
    rng = random.Random(seed)
    pool = outlets(rng, max(8, min(400, articles // 25)))
    line = 0
    number = 0
    places: set[str] = set()
    while line < articles:
        size = per_story or rng.randint(*ARTICLES_PER_STORY)
        size = min(size, articles - line)
        h = happening(rng, number, places)
        covering = rng.sample(pool, min(len(pool), max(2, size // 2)))
        first = line
        written_here: list[tuple[dict[str, Any], dict[str, Any]]] = []
        revising = rng.choice(covering) if h.revised else None
        for n in range(size):
            outlet = covering[n % len(covering)]
            published = h.day + dt.timedelta(days=rng.randint(0, 2))
            if written_here and rng.random() < SYNDICATED_SHARE:
                source = rng.randrange(len(written_here))
                # copy_of is the original's line, counted from 1 as sources name them (corpus.jsonl#L1)
                others = [o for o in pool if o.name != written_here[source][0]["outlet"]]
                record, truth = wire_copy(rng, *written_here[source], rng.choice(others), first + source + 1)
            elif outlet is revising and n >= len(covering):
                # the outlet's second article on the story, days later, with the changed number
                record, truth = article(rng, h, outlet, published + dt.timedelta(days=3), revision=True)
            else:
                record, truth = article(rng, h, outlet, published)
            if per_story is None or len(written_here) < 64:  # sources for copies; bounded for huge stories
                written_here.append((record, truth))
            yield record, truth
            line += 1
        number += 1


def write_corpus(path: Path, articles: int, seed: int = 7, per_story: int | None = None) -> tuple[Path, Path]:
    """Write `articles` records to `path` (JSON Lines) and their truth beside it; returns both paths."""
    path = Path(path)
    truth_path = truth_file(path)
    with path.open("w", encoding="utf-8") as out, truth_path.open("w", encoding="utf-8") as truth_out:
        for record, truth in stories(articles, seed, per_story):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            truth_out.write(json.dumps(truth, ensure_ascii=False) + "\n")
    return path, truth_path


def truth_file(path: Path) -> Path:
    return Path(path).with_name(Path(path).stem + ".truth.jsonl")
