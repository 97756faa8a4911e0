"""Aligning figures from different articles that count the same thing into figure claims."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from storyline.crosscheck.claims import (
    Context,
    content_stems,
    greedy_clusters,
    jaccard,
    make_claim,
    overlap,
    sentence_bounds,
    significant_digits,
    words,
)
from storyline.model import Claim, Figure, Statement

# Values within this share of each other agree: news rounds ("1,200" for 1,240).
TOLERANCE = 0.05
# Plurals that give no number, only its order: "dozens", "several hundred", "a few thousand".
VAGUE_PLURAL = re.compile(
    r"(?i)(?:several |a few |many )?(?:dozens?|scores|hundreds?|thousands?|millions?|billions?)\b"
)
# Measure similarity needed to put two figures in one claim; a disagreement needs more
# evidence than an agreement, because a false conflict costs a reader more than a missed match.
JOIN_AGREEING = 0.5
JOIN_DISAGREEING = 0.7
# Share of content words (Jaccard) two sentences have in common when they tell one thing in much the
# same words: at 0.4 four of five new conflicts on the ECB+ dev topics were false, at 0.5 none.
TOLD_ALIKE = 0.5
# An event claim of at most this many sentences is one small happening: the one count of a unit in
# each of its sentences is one count. A larger one is a whole game or day, whose counts are of many things.
SMALL_HAPPENING = 2
# Figures that may count the same thing are compared pair by pair up to this many; past it (a feed
# of look-alike reports where every figure counts "homes checked") each one meets only its nearest
# neighbours, so the work grows with the number of figures, not its square, whatever the input.
EXACT_BLOCK = 150
NEIGHBOURS = 12  # on each side, in each of two orders
# Members of one claim searched pairwise for values that cannot both hold.
MAX_COMPARED = 200

CURRENCIES = {
    "$": "USD", "usd": "USD", "us$": "USD", "dollar": "USD", "dollars": "USD",
    "€": "EUR", "eur": "EUR", "euro": "EUR", "euros": "EUR",
    "£": "GBP", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
}  # fmt: skip

# Nouns that count people without saying anything more about them.
GENERIC_PEOPLE = frozenset({"people", "person", "persons", "individual", "individuals"})


def _word_classes(table: str) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    """Read "name: members | related words" entries; a line without a colon continues the one above."""
    entries: list[str] = []
    for line in table.strip().splitlines():
        if ":" in line:
            entries.append(line)
        else:
            entries[-1] += " " + line
    classes = {}
    for entry in entries:
        name, _, rest = entry.partition(":")
        members, _, related = rest.partition("|")
        classes[name.strip()] = (frozenset(members.split()), frozenset(related.split()))
    return classes


# Generic classes of counted nouns in news: members name the class; related words in a
# measure phrase ("held in the prison") point at it without naming it.
NOUN_CLASSES = _word_classes(
    """
    resident: resident residents inhabitant inhabitants local locals villager villagers
    inmate: inmate inmates prisoner prisoners detainee detainees convict convicts
        | prison prisons jail jails gaol held detained incarcerated custody detention
    dead: dead death deaths fatality fatalities killed died die dies deceased
    injured: injured wounded hurt injury injuries treated
    worker: worker workers employee employees staff staffer staffers personnel | job jobs employed hired laid
    student: student students pupil pupils schoolchildren | school schools
    child: child children kid kids minor minors
    migrant: migrant migrants refugee refugees asylum-seekers | asylum
    evacuee: evacuee evacuees | evacuated evacuation evacuate
    protester: protester protesters protestor protestors demonstrator demonstrators
        | protest protests rally march
    patient: patient patients | hospital hospitals hospitalised hospitalized
    soldier: soldier soldiers troop troops
    passenger: passenger passengers
    home: home homes house houses dwelling dwellings household households
    """
)
# Verbs news uses interchangeably for one counted happening ("evacuated", "moved out").
VERB_CLASSES = {
    name: members
    for name, (members, _) in _word_classes(
        """
        displace: evacuate evacuated evacuating evacuation moved relocated displaced fled forced
            rehoused uprooted
        cost: cost costs costing bill price priced spend spending expense expenses outlay
        arrest: arrest arrests arrested
        transfer: deport deported deporting deportation deportations deportee deportees expel expelled
            flew flown fly flying sent transferred transported removed
        """
    ).items()
}
# Words around a number that say nothing about what it counts: the number's own furniture
# ("the count", "the figure"), light verbs ("remains", "stood at") and number words.
MEASURE_FILLER = frozenset(
    """
    count counts figure figures number numbers total totals tally toll level levels estimate estimates
    official officials amount sum remain remains remained stand stands stood reach reached reaches
    rise rose risen put puts give gave given make made take took taken bring brought get got now
    hundreds hundred thousands thousand millions million billion billions dozen dozens
    """.split()
)
_HUMAN = frozenset(NOUN_CLASSES) - {"home"}
HUMAN_UNITS = frozenset("#" + c for c in _HUMAN)
_MEMBER_CLASS = {w: c for c, (members, _) in NOUN_CLASSES.items() for w in members}
_RELATED_CLASS = {w: c for c, (_, related) in NOUN_CLASSES.items() for w in related}
_VERB_CLASS = {w: c for c, members in VERB_CLASSES.items() for w in members}


@dataclass
class _Fig:
    """A figure with what alignment reads from it precomputed."""

    figure: Figure
    unit: str
    content: set[str]
    hints: set[str]  # noun classes the measure points at without naming
    entities: set[str]
    low: float
    high: float
    told: frozenset[str] = frozenset()  # the content words of its sentence
    alone: bool = False  # the only count of its unit in its sentence
    happening: str | None = None  # the small event claim its sentence belongs to, if any


def unit_class(unit: str | None) -> str:
    """Units that mean the same thing made equal: currencies, per cent, singular and plural nouns."""
    u = " ".join((unit or "").lower().split())
    if u in CURRENCIES:
        return CURRENCIES[u]
    if u.upper() in CURRENCIES.values():
        return u.upper()
    if u in GENERIC_PEOPLE:
        return "people"
    if u in _MEMBER_CLASS:
        return "#" + _MEMBER_CLASS[u]
    stems = content_stems(u)
    return stems.pop() if len(stems) == 1 else u


def measure_terms(measure: str | None, unit: str) -> tuple[set[str], set[str]]:
    """Content of a measure phrase, class words folded together, minus the figure's own unit."""
    content: set[str] = set()
    hints: set[str] = set()
    for w in words(measure or ""):
        if w in GENERIC_PEOPLE or w in MEASURE_FILLER:
            continue
        if w in _MEMBER_CLASS:
            content.add("#" + _MEMBER_CLASS[w])
            continue
        if w in _RELATED_CLASS:
            hints.add("#" + _RELATED_CLASS[w])
        content |= {"~" + _VERB_CLASS[w]} if w in _VERB_CLASS else content_stems(w)
    content.discard(unit)
    return content, hints


def value_range(f: Figure) -> tuple[float, float]:
    """The values a figure allows once its qualifier is read ("more than 2,000" is not 1,200)."""
    v = float(f.value or 0.0)
    if f.value_max is not None and f.value_max > v:
        return v, float(f.value_max)
    spans = {
        "about": (0.9, 1.1),
        "more_than": (1.0, 2.0),
        "at_least": (1.0, 2.0),
        "less_than": (0.5, 1.0),
        "up_to": (0.5, 1.0),
        "almost": (0.9, 1.0),
    }
    lo, hi = spans.get(f.qualifier, (1.0, 1.0))
    if f.qualifier == "at_least" and v > 0 and VAGUE_PLURAL.match(f.text):
        # "dozens" is 24 up to a hundred, "hundreds of thousands" up to a million: the next power of ten
        return v, float(10 ** math.ceil(math.log10(v * 1.0001)))
    return min(v * lo, v * hi), max(v * lo, v * hi)  # a negative value flips the bounds


def agree(a: _Fig, b: _Fig) -> bool:
    gap = max(a.low, b.low) - min(a.high, b.high)
    scale = max(abs(a.low), abs(a.high), abs(b.low), abs(b.high))
    return gap <= TOLERANCE * scale


def read_figure(f: Figure, entities: set[str]) -> _Fig:
    """What alignment and comparison read from a figure: unit class, measure words, value range."""
    unit = unit_class(f.unit)
    content, hints = measure_terms(f.measure, unit)
    return _Fig(f, unit, content, hints, entities, *value_range(f))


def prepare_figures(ctx: Context, figures: list[Figure], happening: Mapping[str, str]) -> list[_Fig]:
    """What alignment reads from each figure, with what its sentence says of it."""
    figs = [
        read_figure(f, ctx.entities_near(f.article, f.start, f.end) | ({f.subject} if f.subject else set()))
        for f in figures
    ]
    for x in figs:
        x.happening = happening.get(x.figure.id)
    sentence = {}
    for x in figs:
        article = ctx.articles.get(x.figure.article)
        if article is not None:
            lo, hi = sentence_bounds(article.text, x.figure.start, x.figure.end)
            sentence[x.figure.id] = (x.figure.article, lo)
            x.told = frozenset(content_stems(article.text[lo:hi]))
    units = Counter((sentence.get(x.figure.id), x.unit) for x in figs)
    for x in figs:
        alone = x.figure.id in sentence and units[(sentence[x.figure.id], x.unit)] == 1
        # a sum in brackets ("$US1 million ($1.52 million)") converts another: it stands for nothing alone
        x.alone = alone and not _bracketed(ctx, x.figure)
    return figs


def _bracketed(ctx: Context, f: Figure) -> bool:
    article = ctx.articles.get(f.article)
    return article is not None and article.text[max(0, f.start - 3) : f.start].rstrip().endswith("(")


def kin_units(one: str, other: str) -> bool:
    """The same unit class, or people counted generically on one side and as a kind of people on the
    other ("261 people", "238 migrants")."""
    if one == other:
        return True
    return {one, other} & {"people"} != set() and {one, other} - {"people"} <= HUMAN_UNITS


def _specific(f: Figure) -> bool:
    """A number precise enough to be a fingerprint: "1,240", "€2.3m", a range; not "three" or "2,000"."""
    return f.value_max is not None or significant_digits(f.value or 0) >= 2


def similarity(a: _Fig, b: _Fig) -> float:
    """How surely two figures count the same thing, from unit, measure words and entities."""
    if a.unit == b.unit and not (a.content and b.content):
        # nothing says what is counted: only a specific number ("1,240", not "three") ties them
        score = 0.5 if _specific(a.figure) and _specific(b.figure) else 0.25
    elif a.unit == b.unit:
        score = overlap(a.content, b.content)
    elif kin_units(a.unit, b.unit):
        # "people held in the prison" vs "inmates": the broader noun is backed by its phrase
        specific = b.unit if a.unit == "people" else a.unit
        generic = a if a.unit == "people" else b
        score = overlap(a.content, b.content) + (0.5 if specific in generic.hints | generic.content else 0.0)
    else:
        return 0.0
    same_subject = a.figure.subject is not None and a.figure.subject == b.figure.subject
    if same_subject or jaccard(a.entities, b.entities) >= 0.5:
        score += 0.25
    if same_count(a, b):
        score = max(score, JOIN_DISAGREEING)
    return min(score, 1.0)


def same_count(a: _Fig, b: _Fig) -> bool:
    """The one count of one unit in each of two sentences that tell the same thing in much the same
    words ("Valmont flew 238 members of the gang to the prison", "Valmont sent 261 members of the
    gang to the prison") or alone make up one small happening ("14 ships were waiting offshore",
    "about 20 ships are now anchored off Brenna"): the counts are of one thing, whatever verb each
    measure took, unless the verbs are of two known kinds ("arrested 261", "deported 238")."""
    if not (kin_units(a.unit, b.unit) and a.alone and b.alone):
        return False
    kinds_a, kinds_b = {w for w in a.content if w[0] == "~"}, {w for w in b.content if w[0] == "~"}
    if kinds_a and kinds_b and not kinds_a & kinds_b:
        return False
    small_happening = a.happening is not None and a.happening == b.happening
    return small_happening or jaccard(set(a.told), set(b.told)) >= TOLD_ALIKE


def _blocks(figs: list[_Fig]) -> Iterator[tuple[list[int], set[int] | None]]:
    """Figures that may count the same thing, and which of them need a partner (None: all of them).

    A figure meets others through a word its measure shares with theirs, within a family of units
    (kinds of people meet "people" through the class the generic figure's phrase points at); a
    bare count ("40 homes") meets every figure of its unit.
    """
    by_unit: dict[str, list[int]] = {}
    bare: dict[str, set[int]] = {}
    keyed: dict[tuple[str, str], list[int]] = {}
    for i, x in enumerate(figs):
        by_unit.setdefault(x.unit, []).append(i)
        if not x.content:
            bare.setdefault(x.unit, set()).add(i)
        family = "people" if x.unit == "people" or x.unit[1:] in _HUMAN else x.unit
        for key in sorted(x.content | (x.hints if x.unit == "people" else {x.unit})):
            keyed.setdefault((family, key), []).append(i)
    for ids in keyed.values():
        yield ids, None
    for unit, probes in bare.items():
        yield by_unit[unit], probes


def _by_value(x: _Fig) -> tuple[float, float]:
    return x.low, x.high


def _by_context(x: _Fig) -> tuple[tuple[str, ...], tuple[str, ...], float, float]:
    return tuple(sorted(x.entities)), tuple(sorted(x.content)), x.low, x.high


def _block_pairs(figs: list[_Fig], ids: list[int], probes: set[int] | None) -> Iterator[tuple[int, int]]:
    """Every pair of a small block; in a large one, each probe with its nearest neighbours only.

    Neighbours are the NEIGHBOURS figures on either side in value order (where agreeing
    figures sit together) and in order of entities and measure words (where figures
    about the same actors sit together), so a block costs a bounded number of pairs
    per figure however many look-alike figures it holds.
    """
    if len(ids) <= EXACT_BLOCK:
        for n, i in enumerate(ids):
            for j in ids[n + 1 :]:
                if probes is None or i in probes or j in probes:
                    yield i, j
        return
    for order in (_by_value, _by_context):
        ranked = sorted(ids, key=lambda i: (order(figs[i]), i))
        for place, i in enumerate(ranked):
            if probes is not None and i not in probes:
                continue
            for j in ranked[max(0, place - NEIGHBOURS) : place + NEIGHBOURS + 1]:
                if j != i:
                    yield min(i, j), max(i, j)


def candidate_pairs(figs: list[_Fig]) -> set[tuple[int, int]]:
    """Index pairs (i < j) of figures from different articles worth scoring, a bounded number per figure."""
    return {
        (i, j)
        for ids, probes in _blocks(figs)
        for i, j in _block_pairs(figs, ids, probes)
        if figs[i].figure.article != figs[j].figure.article
    }


def _pairs(figs: list[_Fig]) -> list[tuple[float, int, int]]:
    pairs = []
    for i, j in sorted(candidate_pairs(figs)):
        a, b = figs[i], figs[j]
        if agree(a, b):
            needed = JOIN_AGREEING
        elif a.content and b.content and a.unit:
            needed = JOIN_DISAGREEING
        else:
            # a bare count ("40 people") is too vague to accuse anyone of disagreeing, and so is a
            # number that says nothing of what it counts ("Earthquake kills 12" against "a quake of 6.1")
            continue
        score = similarity(a, b)
        if score >= needed:
            pairs.append((score, i, j))
    return pairs


def align_figures(
    ctx: Context, figures: list[Figure], happening: Mapping[str, str] | None = None
) -> list[Claim]:
    """One claim per thing counted, corroborated, conflicting or resting on one source.

    One article never gives two different values for the same thing in one claim. `happening`
    (figure id -> small event claim, from `small_happenings`) pairs the one count of a unit in the
    sentences of one small happening whatever verbs their measures took.
    """
    valued = [f for f in figures if f.value is not None]
    figs = sorted(prepare_figures(ctx, valued, happening or {}), key=lambda x: _position(ctx, x))
    groups = greedy_clusters(
        len(figs),
        _pairs(figs),
        part=lambda i: figs[i].figure.article,
        fits=lambda i, j: agree(figs[i], figs[j]),
    )
    return [_claim(ctx, [figs[i] for i in g]) for g in groups]


def small_happenings(claims: Iterable[Claim], statements: Iterable[Statement]) -> dict[str, str]:
    """Figure id -> the event claim its sentence belongs to, for event claims of at most
    SMALL_HAPPENING sentences."""
    told_in = {f: s.id for s in statements for f in s.figures}
    claim_of = {
        m: c.id for c in claims if c.kind == "event" and len(c.members) <= SMALL_HAPPENING for m in c.members
    }
    return {f: claim_of[s] for f, s in told_in.items() if s in claim_of}


def _position(ctx: Context, x: _Fig) -> tuple[int, int, str]:
    return ctx.order.get(x.figure.article, 0), x.figure.start, x.figure.id


def _claim(ctx: Context, group: list[_Fig]) -> Claim:
    articles = [x.figure.article for x in group]
    compared = group[:MAX_COMPARED]  # a claim that large is already a pile of look-alikes
    conflicts = _conflicting_pairs(ctx, compared)
    if conflicts:
        a, b = conflicts[0]
        statement = f"{_measure(group)}: {a.figure.text} vs {b.figure.text} {ctx.outlets_phrase(articles)}"
        in_conflict = {id(x) for pair in conflicts for x in pair}
        involved = [x for x in compared if id(x) in in_conflict]
        stated = dict.fromkeys(f"{ctx.label(x.figure.article)} says {x.figure.text}" for x in involved)
        note = "values disagree: " + "; ".join(stated)
        status = "conflicting"
    else:
        best = max(
            compared, key=lambda x: (sum(agree(x, y) for y in compared), x.figure.qualifier == "exact")
        )
        statement = f"{_phrase(best)} {ctx.outlets_phrase(articles)}"
        note = None
        status = "corroborated" if len(ctx.sources_of(articles)) >= 2 else "single_source"
    return make_claim("figure", statement, [x.figure.id for x in group], articles, status, note)


def split_by_value(ctx: Context, figures: list[Figure]) -> list[Claim]:
    """One claim per value among figures that turned out not to count one thing: each figure joins
    the first group whose every value it agrees with."""
    groups: list[list[_Fig]] = []
    for x in sorted((read_figure(f, set()) for f in figures), key=lambda x: _position(ctx, x)):
        home = next((g for g in groups if all(agree(x, y) for y in g)), None)
        if home is None:
            groups.append([x])
        else:
            home.append(x)
    return [_claim(ctx, g) for g in groups]


def _conflicting_pairs(ctx: Context, group: list[_Fig]) -> list[tuple[_Fig, _Fig]]:
    """Pairs from different sources that cannot both be right, one per distinct pair of wordings."""
    found: list[tuple[_Fig, _Fig]] = []
    seen: set[tuple[str, str]] = set()
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            key = (a.figure.text, b.figure.text)
            if ctx.source.get(a.figure.article) == ctx.source.get(b.figure.article) or agree(a, b):
                continue
            if key not in seen:
                seen.add(key)
                found.append((a, b))
    return found


def _measure(group: list[_Fig]) -> str:
    """The wording most members use for what is counted."""
    said = Counter(x.figure.measure for x in group if x.figure.measure)
    if said:
        return max(said, key=lambda m: (said[m], -len(m)))
    return group[0].figure.unit or "figure"


def _phrase(x: _Fig) -> str:
    """ "1,240" + "residents evacuated" -> "1,240 residents evacuated", without saying a noun twice."""
    text, measure = x.figure.text.strip(), (x.figure.measure or "").strip()
    if not measure and x.unit not in CURRENCIES.values():
        measure = x.figure.unit or ""
    text_words, measure_words = text.lower().split(), measure.split()
    while measure_words and text_words and measure_words[0].lower() == text_words[-1]:
        measure_words = measure_words[1:]
    return " ".join([text, *measure_words]).strip()
