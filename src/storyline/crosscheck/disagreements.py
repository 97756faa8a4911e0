"""Where the members of one claim disagree, how (figure, date, wording, attribution, polarity, framing), and
when a difference is a story moving on (`updated`) rather than a conflict.

Only members from independent sources are compared, and only when they are
about the same thing: the same measure for figures, the same predicate for
dates, negation and hedging. When in doubt, nothing is said: a false
"conflicting" costs a reader's trust more than a missed one.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import TypeVar

from storyline.crosscheck.claims import (
    LABEL_TITLE,
    STOPWORDS,
    WEEKDAY,
    Context,
    sentence_bounds,
    stem,
    truncate,
    words,
)
from storyline.crosscheck.claims_figures import (
    agree,
    prepare_figures,
    read_figure,
    same_count,
    small_happenings,
    split_by_value,
    unit_class,
)
from storyline.crosscheck.claims_figures import similarity as figure_similarity
from storyline.crosscheck.claims_quotes import named_speaker, recast, voice_of
from storyline.crosscheck.statement_pairs import LIGHT_VERBS, inflected_in
from storyline.extract._numbers import WORD_NUMBER, word_value
from storyline.model import Claim, Disagreement, Figure, Quote, Statement

R = TypeVar("R", Figure, Quote)

# Words that say a figure is a revision, a running total or a level that moved, not a rival count.
UPDATE_WORDS = frozenset(
    """
    rose risen climbed increased jumped soared grew grown mounted fell dropped declined lowered raised
    revised updated now latest bringing
    """.split()
)
UPDATE_PHRASES = ("so far", "down to", "has risen", "rose to", "climbed to", "risen to", "increased to")
# Content words two statements must share before their polarity, dates or framing are compared.
SAME_CONTENT = 0.2
# Or this share of the shorter sentence's content words, and at least this many of them.
SHORTER_SHARED = 0.3
SHORTER_SHARED_MIN = 2
ALIGNED_CONTENT = 0.4  # content shared by two sentences that say the same thing in other words
# Verbs that report speech are not what a sentence asserts happened.
REPORTING = frozenset("say tell add state report announce claim confirm accord".split())
FAR_APART = 3.0  # counts this many times apart are of two things (a season and a game), not one
MEASURE_AGREEMENT = 0.6  # how surely two figures count the same thing before a difference is a conflict
COUNTERPART_MEASURE = 0.3  # the same for the one count of a unit on each side of one happening
MAX_COMPARED = 40  # members of one claim compared pairwise; claims are capped near this size anyway
MAX_NOTED = 6  # disagreements recorded per claim: the first of each kind and pair of wordings
# Quotes by one speaker whose words overlap this much are one quote; below the floor they are two.
SAME_WORDS = 0.9
WORDING_FLOOR = 0.5
# Two renderings of one quotation differ materially when this many words differ, or the order does.
WORDING_CHANGED_WORDS = 3
PARTIAL_SLACK = 1  # words of a shortened quotation not found in the longer one
WORDING_ORDER = 0.9  # similarity of the word sequences below which the same words are reordered
# Content shared by two aligned statements before a hedge or a negation on one side counts against the other.
FRAMING_CONTENT = 0.2
# Inside a statement claim, two members are compared (beyond their quotations) only when they share
# this much of their content words: members joined through a third may say different things
# about one event ("scored 23 points", "had five points during the run") without contradicting.
SAME_FACT_CONTENT = 0.2
MONTH_DAY = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?!\d|,\d)\b",
    re.IGNORECASE,
)
# Words that credit what follows to someone: "police say", "according to", "was quoted as".
CREDITED = frozenset(
    """
    say says said saying according told tells claim claims claimed quoted reported
    estimate estimates estimated
    """.split()
)
# A reporting verb right before a day: the day dates the report, not what it reports.
REPORTED_ON = re.compile(
    r"\b(?:said|says|told|reported|announced|confirmed|added|stated|revealed)\s+(?:on\s+|late\s+|early\s+)?$",
    re.IGNORECASE,
)
# Words that doubt what follows them, and how many words after one are doubted.
HEDGE_CUE = re.compile(
    r"\b(?:allegedly|alleged|reportedly|purportedly|supposedly|apparently|presumably|possibly|probably|"
    r"suspected(?:\s+of)?|accused\s+of|rumou?red\s+to|(?:believed|thought|said)\s+to|"
    r"(?:may|might|could)\s+have)\b",
    re.IGNORECASE,
)
HEDGED_SPAN = 5
NOT_DOUBTING = re.compile(r"\s+(?:in|at|as|after|by)\b", re.IGNORECASE)
# Words that doubt, suppose or label as suspected anywhere in a sentence: it states nothing as plain fact.
DOUBT = frozenset(
    """
    accused suspect suspects suspected alleged allegedly reportedly purportedly supposedly
    could might may if possibly probably likely unconfirmed believed feared
    """.split()
)
# A charge, an allegation or a belief reported is an accusation, not the deed stated: "charged with
# arson" does not say the fire was arson, "police allegations that he pointed a gun" not that he did
# (though "Shooter Hiller charged with murder" still calls her the shooter).
ACCUSATION = frozenset("charged charges allegation allegations belief".split())
# Of the content words a hedge doubts, how many the plain sentence must state (all, if fewer).
FRAMING_SHARED = 2
HEDGE_FILLER = frozenset("be been being have having".split())
# Words either side of a figure that say what it counts, and how many two figures must share.
SURROUNDING = 5
SURROUNDING_SHARED = 2
CLAUSE_BREAK = re.compile(r"[,;:()—–]|\b(?:and|but|while|whereas)\b")
# Ages: "61-year-old Sharron Smith", "a 60-year-old woman", "Smith, 61,", "Smith, age 61,".
_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,4}"
_AGE = rf"(?:\d{{1,3}}|{WORD_NUMBER})"
AGE_BEFORE_NAME = re.compile(rf"\b(?P<age>(?i:{_AGE}))[- ](?i:years?)[- ](?i:old)(?:,?\s+(?P<name>{_NAME}))?")
AGE_AFTER_NAME = re.compile(
    rf"(?P<name>{_NAME}),\s+(?:aged?\s+)?(?P<age>\d{{1,3}})(?=,|\.|;|\)|\s+(?:of|and|from)\b)"
)
NOT_NAMES = frozenset("A An The Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. And Of".split())
HYPOTHETICAL = re.compile(r"\b(?:would|could|might)(?:n['’]t| not)? have\b.*\b(?:if|unless)\b", re.IGNORECASE)
# A day that opens the sentence ("On November 19,", "Then, on Friday,") dates its main clause.
OPENING_DAY = re.compile(r"\W*(?:(?:then|and|but|early|late|on|by)\W+)*$", re.IGNORECASE)
POSSESSIVE = re.compile(r"['’]s\b")
RELATIVE_DAY = re.compile(r"\b(?:today|yesterday|tomorrow|tonight)\b", re.IGNORECASE)
NEAREST_DAY_MARGIN = 20  # characters by which one day must be nearer the verb than any other
# Words that say nothing of what happened: stop words, denials, and the verbs that credit a source.
NOT_CONTENT = STOPWORDS | CREDITED | frozenset("never nobody none nothing neither".split())
# An adjective that doubts the label after it: "alleged gang members", "suspected pirates".
DOUBTED_LABEL = re.compile(
    r"\b(alleged|suspected|accused|purported|presumed|reputed)\s+((?:[A-Za-z][\w'’-]*\s+){0,2}[A-Za-z][\w'’-]*)",
    re.IGNORECASE,
)
# A value written to a decimal place, and one scaled by a word ("2.5 million" is rounded, not exact).
DECIMAL = re.compile(r"\d\.\d")
SCALED = re.compile(r"\d\s*(?:million|billion|trillion|thousand|bn|mn|m|k)\b", re.IGNORECASE)
# Words before a figure in its clause that make it a hope or a demand, not an account ("hoping to
# win a six-year deal"). A forecast ("would cost about €2.3m") is an account: estimates rival.
WISHING = frozenset(
    """
    hope hopes hoped hoping want wants wanted wanting seek seeks sought seeking ask asks asked asking
    demand demands demanded demanding
    """.split()
)
CLAUSE_END = re.compile(r"[.;:!?]")
# Spans of time that run on as a story unfolds: "N days of rioting", "N straight days". ("Had been in
# hospital for the past three weeks" is not one: told at her death, it was over, and four weeks conflicts.)
TIME_UNITS = frozenset("day days week weeks month months year years hour hours".split())
RUNNING_AFTER = re.compile(r"\s+(?:of\s+(?!age\b)|straight\b|running\b|in\s+a\s+row\b)", re.IGNORECASE)
# Sentences whose words, hedges and labels are kept once read: members of one claim meet often.
TEXT_CACHE = 8192
QUOTED_IN_NOTE = 120  # characters of each wording a note quotes
QUOTED = re.compile(r"[\"“]([^\"“”]{12,})[\"”]")


@dataclass
class Finding:
    kind: str  # a disagreement kind, or "update"
    note: str
    values: tuple[str, str] | None = None  # the two values, for a timeline


def compare_statements(
    ctx: Context, a: Statement, b: Statement, figures: dict[str, Figure], quotes: dict[str, Quote]
) -> Finding | None:
    """How two statements that report the same thing differ, if they do."""
    for check in (_figures_differ, _quotes_differ, _dates_differ, _polarity, _framing):
        found = check(ctx, a, b, figures, quotes)
        if found is not None:
            return found
    return None


def _who(ctx: Context, article_id: str) -> str:
    """The outlet and date of an article, as a note names it; without an outlet, its headline."""
    article = ctx.articles.get(article_id)
    if article is None:
        return article_id
    if article.outlet:
        name = article.outlet
    elif article.title:
        name = f"“{truncate(article.title, LABEL_TITLE)}”"
    else:
        name = article_id
    return f"{name} ({article.published})" if article.published else name


def _figures_differ(
    ctx: Context, a: Statement, b: Statement, figures: dict[str, Figure], _quotes: dict[str, Quote]
) -> Finding | None:
    # sentences that assert the same happening may be held to their bare counts ("three weeks")
    aligned = _same_verb(a, b) or _shared_content(a.text, b.text) >= ALIGNED_CONTENT
    every_a, every_b = _compared_figures(a, figures), _compared_figures(b, figures)
    converted = _converted(a, every_a) | _converted(b, every_b)
    values_a, values_b = {f.value for f in every_a}, {f.value for f in every_b}

    def rivals(pairs: Iterable[tuple[Figure, Figure]]) -> Iterator[tuple[Figure, Figure]]:
        return ((fa, fb) for fa, fb in pairs if not _not_rivals(fa, fb, converted, values_a, values_b))

    # a sentence with several counts of one unit ("two touchdowns … four TDs … three touchdowns on
    # punt returns", a sum and its conversion) does not say which one another sentence's count matches
    if _counts_apart(ctx, a, b):
        return _ages_differ(ctx, a, b)  # "Phillips missed three games", "Bush missed eight": two counts
    # "Artino scored 14 points and Echenique had 11 rebounds": whose count is which is the parse's
    # guess, so in a sentence naming two people only counts told in the same words are compared
    several = len(_actors(ctx, a, "PERSON")) > 1 or len(_actors(ctx, b, "PERSON")) > 1
    crowded = _repeated_units(every_a) | _repeated_units(every_b)
    own_a = [f for f in every_a if _unit_key(f) not in crowded and not several]
    own_b = [f for f in every_b if _unit_key(f) not in crowded and not several]
    for fa, fb in rivals((fa, fb) for fa in own_a for fb in own_b):
        found = compare_figures(ctx, fa, fb, a.text, b.text, bare=aligned)
        if found is not None:
            return found
    one_happening = _same_verb(a, b) or _same_happening(a, b)
    alike = one_happening or _about_the_same(a.text, b.text)
    for fa, fb in rivals(_counterparts(own_a, own_b) if alike else ()):
        found = compare_figures(ctx, fa, fb, a.text, b.text, bare=True, counterparts=one_happening)
        if found is not None:
            return found
    if alike:
        for fa, fb in rivals(_told_alike(a, b, every_a, every_b)):
            found = compare_figures(ctx, fa, fb, a.text, b.text, bare=True, told_alike=True)
            if found is not None:
                return found
    return _ages_differ(ctx, a, b)


@lru_cache(maxsize=TEXT_CACHE)
def ages(text: str) -> tuple[tuple[frozenset[str], str, int], ...]:
    """The ages a sentence gives, each with the name it is given for, as a set of words and as written
    ("61-year-old Sharron Smith", "Smith, age 61,"); an unnamed one ("a 60-year-old woman") has none."""
    out = []
    for pattern in (AGE_BEFORE_NAME, AGE_AFTER_NAME):
        for m in pattern.finditer(text):
            value = _age_value(m.group("age"))
            name = m.group("name") or ""
            if value is not None:
                out.append((frozenset(name.split()) - NOT_NAMES, name, value))
    return tuple(out)


def _age_value(written: str) -> int | None:
    value = float(written) if written.isdigit() else word_value(written.lower())
    return int(value) if value is not None and 0 < value < 120 else None


def _ages_differ(ctx: Context, a: Statement, b: Statement) -> Finding | None:
    """One person's age given differently: named alike on both sides, or the one age each side gives
    in two sentences that assert the same happening."""
    ages_a, ages_b = ages(a.text), ages(b.text)
    if not ages_a or not ages_b:
        return None
    # one name inside the other ("Smith", "Sharron Smith"); "Gary Gomes" and "Katherine Gomes" are two people
    pairs = [(x, y) for x in ages_a for y in ages_b if x[0] and y[0] and (x[0] <= y[0] or y[0] <= x[0])]
    if not pairs and len(ages_a) == 1 and len(ages_b) == 1 and _same_verb(a, b):
        if not (ages_a[0][0] and ages_b[0][0]):  # one side names nobody: the one age each gives
            pairs = [(ages_a[0], ages_b[0])]
    for (_, name_a, age_a), (_, name_b, age_b) in pairs:
        if age_a != age_b:
            who = name_a or name_b or "the person"
            note = f"age of {who}: {_who(ctx, a.article)} says {age_a}, {_who(ctx, b.article)} says {age_b}"
            return Finding("figure", note, (str(age_a), str(age_b)))
    return None


def _compared_figures(s: Statement, figures: dict[str, Figure]) -> list[Figure]:
    """The statement's figures with a value, in text order."""
    own = [figures[i] for i in s.figures if i in figures and figures[i].value is not None]
    return sorted(own, key=lambda f: f.start)


def _converted(s: Statement, own: list[Figure]) -> set[str]:
    """The sums converted in brackets ("€110bn ($143bn)")."""
    return {
        f.id
        for f in own
        if _is_currency(f.unit) and s.text[: max(0, f.start - s.start)].rstrip().endswith("(")
    }


def _not_rivals(
    fa: Figure, fb: Figure, converted: set[str], values_a: set[float], values_b: set[float]
) -> bool:
    """A sum converted in brackets is not compared (outlets convert at their own rates; the sum
    itself is), nor a value the other sentence also gives ("205 yards … his season total to 4,183"
    against "4,183 passing yards": the two sentences agree on it)."""
    if fa.id in converted or fb.id in converted:
        return True
    return fb.value in values_a or fa.value in values_b


def _is_currency(unit: str | None) -> bool:
    return bool(unit) and len(unit or "") == 3 and (unit or "").isupper()


def _named_apart(a: Statement, b: Statement) -> bool:
    """The two sentences are about two different named subjects ("Phillips", "Bush")."""
    if not (_named_subject(a) and _named_subject(b)):
        return False
    sa, sb = a.subject or "", b.subject or ""
    if set(sa.split()) & set(sb.split()):
        return False
    # "Drake was paced by VanDeest, while Carter had 12" names Carter too: not apart from "Carter scored 14"
    return sa not in b.text.lower() and sb not in a.text.lower()


def _named_subject(s: Statement) -> bool:
    """Whether the statement's subject (lower-cased by extraction) is one of the names it mentions."""
    if not s.subject:
        return False
    names = {s.text[lo - s.start : hi - s.start].lower() for lo, hi in s.entity_spans}
    return any(s.subject == n or s.subject in n.split() for n in names)


def _surroundings(s: Statement, f: Figure) -> set[str]:
    """The content words around a figure in its clause ("an 84-yard run on the first play")."""
    lo, hi = f.start - s.start, f.end - s.start
    before = words(CLAUSE_BREAK.split(s.text[max(0, lo - 80) : max(0, lo)])[-1])[-SURROUNDING:]
    after = words(CLAUSE_BREAK.split(s.text[hi : hi + 80])[0])[:SURROUNDING]
    unit = set(words(f.unit or ""))
    return {stem(w) for w in (*before, *after) if w not in STOPWORDS and w not in unit and not w[0].isdigit()}


def _shared_around(a: Statement, fa: Figure, b: Statement, fb: Figure) -> int:
    """How many content words the clauses around two figures share."""
    return len(_surroundings(a, fa) & _surroundings(b, fb))


def _told_alike(
    a: Statement, b: Statement, own_a: list[Figure], own_b: list[Figure]
) -> Iterator[tuple[Figure, Figure]]:
    """Counts of one unit, one in each sentence, told with the same words around them and nothing
    else of that unit as close: "Solberg had 21 points" and "Solberg scored 24 points", beside
    "9 points from Pike" and "Pike added 9"."""
    near = {}
    for fa in own_a:
        for fb in own_b:
            if not fa.unit or _unit_key(fa) != _unit_key(fb):
                continue
            shared = _shared_around(a, fa, b, fb)
            if shared >= SURROUNDING_SHARED:
                near[(fa.id, fb.id)] = shared
    for (ia, ib), shared in near.items():
        rivals = [n for (x, y), n in near.items() if (x == ia) != (y == ib)]
        if all(n < shared for n in rivals):
            yield next(f for f in own_a if f.id == ia), next(f for f in own_b if f.id == ib)


def _unit_key(f: Figure) -> str:
    """The unit a figure counts, by its last word ("career points" and "points" count points)."""
    unit_words = words(f.unit or "")
    return unit_class(unit_words[-1] if unit_words else (f.unit or ""))


def _repeated_units(own: list[Figure]) -> set[str]:
    return {u for u, n in Counter(_unit_key(f) for f in own).items() if n > 1}


def _counterparts(own_a: list[Figure], own_b: list[Figure]) -> Iterator[tuple[Figure, Figure]]:
    """Figures of two aligned sentences that count the same unit, one on each side and no rival.

    "pirates in two boats" against "pirates in three boats": one count of boats on each side
    is the same count. Two counts of points on one side ("12 points", "13 points") are left
    alone unless their subjects pair them.
    """
    units_a: dict[str, list[Figure]] = {}
    units_b: dict[str, list[Figure]] = {}
    for own, units in ((own_a, units_a), (own_b, units_b)):
        for f in own:
            if f.unit:
                units.setdefault(_unit_key(f), []).append(f)
    for unit, side_a in units_a.items():
        side_b = units_b.get(unit, [])
        if len(side_a) == 1 and len(side_b) == 1:
            fa, fb = side_a[0], side_b[0]
            if not (fa.subject and fb.subject and fa.subject != fb.subject):
                yield fa, fb
            continue
        for fa in side_a:
            same = [fb for fb in side_b if fa.subject and fb.subject == fa.subject]
            if len(same) == 1:
                yield fa, same[0]


def compare_figures(
    ctx: Context,
    fa: Figure,
    fb: Figure,
    text_a: str,
    text_b: str,
    bare: bool = False,
    counterparts: bool = False,
    told_alike: bool = False,
) -> Finding | None:
    """Two figures counting the same thing with values that cannot both hold: a conflict or an update.

    `bare` lets two counts with nothing said of what they count be compared (their sentences
    say the same thing); `counterparts` says the caller already paired them as the one count
    of their unit on each side, so their measure phrases need not match much; `told_alike`, that
    their sentences also tell the same thing in much the same words, so they need not match at all.
    """
    if fa.value is None or fb.value is None:
        return None
    xa, xb = read_figure(fa, set()), read_figure(fb, set())
    if agree(xa, xb) and not _exact_and_different(fa, fb):
        return None
    if _wished(ctx, fa) or _wished(ctx, fb):
        return None  # "hoping he could attract a 10-year deal": a hope, not an account of the deal
    if _lower_bound_met(fa, xa.low, xb.high) or _lower_bound_met(fb, xb.low, xa.high):
        return None  # "at least three dead" and "ten dead" both hold: a lower bound sets no ceiling
    if told_alike:
        pass
    elif counterparts:
        if xa.content and xb.content and figure_similarity(xa, xb) < COUNTERPART_MEASURE:
            return None
    elif xa.content and xb.content:
        if figure_similarity(xa, xb) < MEASURE_AGREEMENT:
            return None
    elif not (bare and fa.unit and xa.unit == xb.unit):
        return None  # a bare count is too vague to accuse anyone over, unless both say the same thing
    values = (fa.text, fb.text)
    far_apart = max(xa.low, xb.low) > FAR_APART * max(min(xa.high, xb.high), 0.0)
    later = _later(ctx, fa.article, fb.article)
    newer, older = (fa, fb) if later == fa.article else (fb, fa)
    grew = later is not None and _counts_up(xa.unit) and float(newer.value) > float(older.value)
    if _revises(text_a) or _revises(text_b) or grew:
        first, second = _who(ctx, fa.article), _who(ctx, fb.article)
        note = f"{first} gives {fa.text}; {second} gives {fb.text} (a later count)"
        return Finding("update", note, values)
    if _running_duration(ctx, fa) or _running_duration(ctx, fb):
        # "after eight days of riots", "five days of riots": a duration still running when each
        # outlet wrote, longer in the later piece; without both dates, which came first is unknown
        if later is None or float(newer.value) < float(older.value):
            return None
        first, second = _who(ctx, older.article), _who(ctx, newer.article)
        note = f"{first} gives {older.text}; {second} gives {newer.text} (later)"
        return Finding("update", note, values if newer is fb else values[::-1])
    if far_apart:
        return None  # "2,290 points" and "20 points": a career and a game, not two readings of one count
    what = fa.measure or fb.measure or "the figure"
    note = f"{what}: {_who(ctx, fa.article)} says {fa.text}, {_who(ctx, fb.article)} says {fb.text}"
    return Finding("figure", note, values)


def _counts_apart(ctx: Context, a: Statement, b: Statement) -> bool:
    """The two sentences' counts are of different subjects, named or among the people they name."""
    return _named_apart(a, b) or _people_apart(ctx, a, b)


def _people_apart(ctx: Context, a: Statement, b: Statement) -> bool:
    """Each sentence names people, none of them the other's, leaving aside whom each credits with
    what it says: the counts are two people's ("Echenique had 11 points", "McDermott finished with
    23"), while "Reyne said €2.3m" and "Kiel said €7m" are two sources' estimates of one."""
    for kind in ("PERSON", "ORG"):
        ones, others = _actors(ctx, a, kind), _actors(ctx, b, kind)
        if ones and others and not ones & others:
            return True
    return False


def _same_actors(ctx: Context, a: Statement, b: Statement) -> bool:
    """Both sentences name the same people and organisations (some), leaving aside their sources."""
    ones = _actors(ctx, a, "PERSON") | _actors(ctx, a, "ORG")
    return bool(ones) and ones == _actors(ctx, b, "PERSON") | _actors(ctx, b, "ORG")


def _actors(ctx: Context, s: Statement, kind: str) -> set[str]:
    """The entities of one type a sentence names, less the source it credits."""
    return {e for e in s.entities if ctx.types.get(e) == kind and e != s.attributed_to}


def _said_by(s: Statement | None, f: Figure) -> bool:
    """The figure's subject is whom its sentence credits with it (a source, not the one counted)."""
    return s is not None and s.attributed_to is not None and s.attributed_to == f.subject


def _lower_bound_met(f: Figure, low: float, other_high: float) -> bool:
    """The figure is a lower bound ("at least 50", "more than 200") that the other value reaches."""
    return f.qualifier in ("at_least", "more_than") and other_high >= low


def _exact_and_different(fa: Figure, fb: Figure) -> bool:
    """Two unrounded exact values that differ: counts ("2,301" and "2,302" points) or measures written
    to a decimal place ("magnitude 5.9" and "6.1"); no rounding makes them one."""
    values = (fa.value, fb.value)
    if any(v is None for v in values) or fa.value == fb.value:
        return False
    if not all(f.qualifier in (None, "exact") and f.value_max is None for f in (fa, fb)):
        return False
    if all(DECIMAL.search(f.text) and not SCALED.search(f.text) for f in (fa, fb)):
        return True
    if any(float(v or 0) != int(v or 0) for v in values):
        return False
    return all(int(float(v or 0)) % 10 != 0 for v in values)


def _wished(ctx: Context, f: Figure) -> bool:
    """The figure is what someone hopes for, wants, seeks or demands, in its clause ("hoping his
    client could attract a 10-year deal")."""
    clause = CLAUSE_END.split(_text_of(ctx, f)[max(0, f.start - 80) : f.start])[-1]
    return bool(WISHING & set(words(clause)))


def _running_duration(ctx: Context, f: Figure) -> bool:
    """A span of time still running as the piece is written: "eight days of riots", "five straight
    days" (not "served four months in prison", which is over)."""
    if unit_class(f.unit) not in TIME_UNITS:
        return False
    return RUNNING_AFTER.match(_text_of(ctx, f)[f.end : f.end + 30]) is not None


def _counts_up(unit: str) -> bool:
    """Counts of people or things grow as a story unfolds; money, shares and levels move both ways."""
    return unit not in {"USD", "EUR", "GBP", "percent"} and not unit.isupper()


def _later(ctx: Context, one: str, other: str) -> str | None:
    """The article published later, when both dates are known and differ."""
    a, b = ctx.articles.get(one), ctx.articles.get(other)
    if a is None or b is None or not a.published or not b.published or a.published == b.published:
        return None
    return one if a.published > b.published else other


def _revises(text: str) -> bool:
    """The sentence reports a change or a revision ("has risen to", "now says", "bringing it down to")."""
    lower = " ".join(text.lower().split())
    return any(p in lower for p in UPDATE_PHRASES) or bool(set(words(lower)) & UPDATE_WORDS)


def _quotes_differ(
    ctx: Context, a: Statement, b: Statement, _figures: dict[str, Figure], quotes: dict[str, Quote]
) -> Finding | None:
    for qa in (quotes[q] for q in a.quotes if q in quotes):
        for qb in (quotes[q] for q in b.quotes if q in quotes):
            found = compare_quotes(ctx, qa, qb)
            if found is not None:
                return found
    return _quoted_wording(ctx, a, b)


def _spoken_words(text: str) -> list[str]:
    """A quotation's words without numbers: times and counts are the figures' business."""
    return [w for w in words(text) if not any(c.isdigit() for c in w)]


def _materially_changed(sa: set[str], sb: set[str]) -> bool:
    """More than one word swapped for another: not a slip of transcription."""
    return len(sa ^ sb) >= WORDING_CHANGED_WORDS


def _quoted(text: str) -> str | None:
    """The quoted words of a sentence that is mostly a quotation, else None.

    Words between an opening and a closing mark, and the words before a first closing mark
    when the sentence opens inside a quotation begun earlier ('… to vote for," said Maral');
    never what follows a closing mark, nor a short nickname in quotes.
    """
    parts = [m.group(1) for m in QUOTED.finditer(text)]
    first = re.search(r"[\"“”]", text)
    if first is not None and (first.group() == "”" or (first.group() == '"' and len(text) - first.end() < 2)):
        parts.insert(0, text[: first.start()])
    elif first is not None and first.group() == '"' and text.count('"') % 2 == 1:
        if first.start() == 0:
            parts.append(text[1:])  # a quotation that runs on into the next sentence
        else:
            parts.insert(0, text[: first.start()])  # an odd straight mark closing a quotation begun earlier
    last = max(text.rfind("“"), text.rfind("”"))
    if last >= 0 and text[last] == "“" and len(text) - last > 12:
        parts.append(text[last + 1 :])  # curly quotation that runs on into the next sentence
    quoted = " ".join(parts)
    return quoted if parts and len(quoted) >= 0.5 * len(text.strip()) else None


def _quoted_wording(ctx: Context, a: Statement, b: Statement) -> Finding | None:
    """Two aligned sentences that quote the same words, materially changed: the wording differs."""
    qa, qb = _quoted(a.text), _quoted(b.text)
    if qa is None or qb is None or a.attributed_to != b.attributed_to and a.attributed_to and b.attributed_to:
        return None
    ta, tb = _spoken_words(qa), _spoken_words(qb)
    if len(ta) < 4 or len(tb) < 4:
        return None
    sa, sb = set(ta), set(tb)
    if len(sa & sb) / len(sa | sb) < WORDING_FLOOR or _partial(sa, sb):
        return None
    reordered = sa == sb and SequenceMatcher(None, ta, tb).ratio() < WORDING_ORDER
    if not (_materially_changed(sa, sb) or reordered):
        return None
    if reordered:
        note = f"the same quoted words in another order: {_who(ctx, a.article)} and {_who(ctx, b.article)}"
    else:
        note = (
            f"the quotation differs: {_who(ctx, a.article)} has “{truncate(qa, QUOTED_IN_NOTE)}”, "
            f"{_who(ctx, b.article)} has “{truncate(qb, QUOTED_IN_NOTE)}”"
        )
    return Finding("wording", note)


def _partial(sa: set[str], sb: set[str]) -> bool:
    """One quotation is a shortened version of the other, give or take one word ("had wanted")."""
    small, large = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    return len(small - large) <= PARTIAL_SLACK


def compare_quotes(ctx: Context, qa: Quote, qb: Quote) -> Finding | None:
    """The same words credited to different people, or one person's words given differently."""
    ta, tb = words(qa.text), words(qb.text)
    if len(ta) < 4 or len(tb) < 4:
        return None
    sa, sb = set(ta), set(tb)
    shared = len(sa & sb) / len(sa | sb)
    contained = _partial(sa, sb)  # a shortened or partial quote is not a different one
    if shared >= SAME_WORDS or contained:
        if (
            named_speaker(ctx, qa)
            and named_speaker(ctx, qb)
            and qa.speaker != qb.speaker
            and shared >= SAME_WORDS
            and not voice_of(ctx, qa, qb)
        ):
            name_a, name_b = ctx.entity_name(qa.speaker), ctx.entity_name(qb.speaker)
            if name_a and name_b and not (set(words(name_a)) & set(words(name_b))):
                first, second = _who(ctx, qa.article), _who(ctx, qb.article)
                note = f"{first} credits the words to {name_a}, {second} to {name_b}"
                return Finding("attribution", note)
        return None
    same_speaker = qa.speaker is not None and qa.speaker == qb.speaker
    changed = _materially_changed(set(_spoken_words(qa.text)), set(_spoken_words(qb.text)))
    if same_speaker and (shared >= WORDING_FLOOR or recast(ta, tb)) and changed:
        note = (
            f"{ctx.entity_name(qa.speaker) or 'the speaker'} quoted differently: "
            f"{_who(ctx, qa.article)} has “{truncate(qa.text, QUOTED_IN_NOTE)}”, "
            f"{_who(ctx, qb.article)} has “{truncate(qb.text, QUOTED_IN_NOTE)}”"
        )
        return Finding("wording", note)
    return None


def _dates_differ(
    ctx: Context, a: Statement, b: Statement, _figures: dict[str, Figure], _quotes: dict[str, Quote]
) -> Finding | None:
    days_a = {d for d in a.dates if len(d) == 10}
    days_b = {d for d in b.dates if len(d) == 10}
    if not _same_verb(a, b):
        return None  # the days may date two different verbs ("started the fire" and "will appear in court")
    if _only_possessive_days(a.text) or _only_possessive_days(b.text):
        return None  # "will play the winner of Friday's semifinal": the day dates the semifinal, not the play
    if len(days_a) == 1 and len(days_b) == 1:
        if days_a == days_b or _same_written_weekday(a, b):
            return None  # the same weekday, resolved from two publication dates, is one day
        (da,), (db,) = days_a, days_b
        return Finding("date", f"{_who(ctx, a.article)} dates it {da}, {_who(ctx, b.article)} dates it {db}")
    for pattern in (WEEKDAY, MONTH_DAY):
        da, db = _day_of(pattern, a), _day_of(pattern, b)
        if da is not None and db is not None and da != db:
            note = f"{_who(ctx, a.article)} says {da}, {_who(ctx, b.article)} says {db}"
            return Finding("date", note)
    return None


def _same_written_weekday(a: Statement, b: Statement) -> bool:
    written_a, written_b = _written_days(WEEKDAY, a.text), _written_days(WEEKDAY, b.text)
    return bool(written_a) and written_a == written_b


def _day_of(pattern: re.Pattern[str], s: Statement) -> str | None:
    """The day a statement gives its happening: its one written day, or of several the one
    nearest its telling verb ("On November 19 it sank a trawler, its third strike since November 2")."""
    found = _day_mentions(pattern, s.text)
    if pattern is WEEKDAY and found and RELATIVE_DAY.search(s.text):
        return None  # "on Tuesday … and another today": which day is whose is not written
    days = {_day_key(m) for m in found}
    if len(days) <= 1:
        # one day, unless it dates a noun ("after Saturday's shooting"), not the verb
        return next((_day_key(m) for m in found if not POSSESSIVE.match(s.text, m.end())), None)
    opening = found[0] if OPENING_DAY.match(s.text, 0, found[0].start()) else None
    if opening is not None and not POSSESSIVE.match(s.text, opening.end()):
        return _day_key(opening)  # "On November 19, it sank a trawler, its third since November 2"
    verb = s.predicate or ""
    if len(verb) < 3 or not verb.isalpha():
        return None
    stem_ = verb[:-1] if verb.endswith("e") else verb
    verb_forms = rf"\b{re.escape(stem_)}(?:e|es|ed|d|s|ing)?\b"  # "seized", not "seizure"
    at = [(v.start(), v.end()) for v in re.finditer(verb_forms, s.text, re.IGNORECASE)]
    if not at:
        return None
    gaps = sorted((min(max(lo - m.end(), m.start() - hi, 0) for lo, hi in at), m.start(), m) for m in found)
    if gaps[1][0] - gaps[0][0] < NEAREST_DAY_MARGIN:
        return None  # two days about as near: the sentence does not say which dates it
    nearest = gaps[0][2]
    return None if POSSESSIVE.match(s.text, nearest.end()) else _day_key(nearest)


def _written_days(pattern: re.Pattern[str], text: str) -> set[str]:
    """The days a sentence names in words ("Thursday", "November 19"), as written, lower-cased."""
    return {_day_key(m) for m in _day_mentions(pattern, text)}


def _day_mentions(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Where a sentence names a day, not the day something was said ("officials said Saturday"),
    which dates the report."""
    return [m for m in pattern.finditer(text) if not REPORTED_ON.search(text, 0, m.start())]


def _only_possessive_days(text: str) -> bool:
    """Every day the sentence writes dates a noun ("Friday's second semifinal")."""
    found = [m for pattern in (WEEKDAY, MONTH_DAY) for m in pattern.finditer(text)]
    return bool(found) and all(POSSESSIVE.match(text, m.end()) for m in found)


def _day_key(m: re.Match[str]) -> str:
    """A written day made comparable: "Thursdays" is "thursday", "Dec. 2" and "December 2" are "dec 2"."""
    if m.re is MONTH_DAY:
        return f"{m.group(1).lower()[:3]} {int(m.group(2))}"
    return m.group(1).lower()


def _same_happening(a: Statement, b: Statement) -> bool:
    """Both tell of one happening: the same telling verb, or one's verb told in the other's words."""
    if _same_predicate(a, b):
        return True
    return _verb_in_other(a, b) and _about_the_same(a.text, b.text)


def _verb_in_other(a: Statement, b: Statement) -> bool:
    """One statement's telling verb appears, inflected, in the other's text ("check" in "checked into")."""
    for one, other in ((a, b), (b, a)):
        verb = one.predicate or ""
        if len(verb) >= 4 and verb not in REPORTING | LIGHT_VERBS and inflected_in(verb, words(other.text)):
            return True
    return False


def _same_verb(a: Statement, b: Statement) -> bool:
    """One telling verb (not a light or a reporting one). Sentences a claim already aligned, or a
    reader paired, that tell of one verb may be held to its counts and days ("holding about a dozen
    ships", "17 ships are still being held"); a denial or a hedge needs more (`_same_predicate`)."""
    return bool(a.predicate) and a.predicate == b.predicate and a.predicate not in REPORTING | LIGHT_VERBS


def _same_predicate(a: Statement, b: Statement) -> bool:
    """Both assert the same happening: one telling verb, and enough of the same words around it."""
    return _same_verb(a, b) and _about_the_same(a.text, b.text)


def _about_the_same(one: str, other: str) -> bool:
    """Enough content words in common: a fifth of all, or a share of the shorter sentence's."""
    if _shared_content(one, other) >= SAME_CONTENT:
        return True
    wa, wb = content_words(one), content_words(other)
    shared = len(wa & wb)
    return shared >= SHORTER_SHARED_MIN and shared >= SHORTER_SHARED * min(len(wa), len(wb))


def _shared_content(one: str, other: str) -> float:
    wa, wb = content_words(one), content_words(other)
    return len(wa & wb) / len(wa | wb) if wa and wb else 0.0


@lru_cache(maxsize=TEXT_CACHE)
def content_words(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words(text) if w not in NOT_CONTENT and not w[0].isdigit())


def _polarity(
    ctx: Context, a: Statement, b: Statement, _figures: dict[str, Figure], _quotes: dict[str, Quote]
) -> Finding | None:
    if a.negated == b.negated:
        return None
    if not _same_predicate(a, b):
        return None  # a denial of one verb against another verb's assertion is no contradiction
    if HYPOTHETICAL.search(a.text) or HYPOTHETICAL.search(b.text):
        return None  # "would not have placed him on injured reserve if…" supposes, it denies nothing
    yes, no = (b, a) if a.negated else (a, b)
    if _later(ctx, yes.article, no.article) == yes.article:
        # "not yet" in an earlier piece and "now" in a later one: the story moved on
        note = f"{_who(ctx, no.article)} says it had not happened; by {_who(ctx, yes.article)} it had"
        values = (f"not {no.predicate}", yes.predicate or "")
        return Finding("update", note, values if a is no else values[::-1])
    note = (
        f"{_who(ctx, yes.article)} says it happened; {_who(ctx, no.article)} says it did not ({no.predicate})"
    )
    return Finding("polarity", note)


def _framing(
    ctx: Context, a: Statement, b: Statement, _figures: dict[str, Figure], _quotes: dict[str, Quote]
) -> Finding | None:
    if a.negated != b.negated:
        return None
    for hedged, plain in ((a, b), (b, a)):
        phrases = hedged_phrases(hedged.text)
        if not phrases or not _states_plainly(plain) or ACCUSATION & set(words(plain.text)):
            continue  # the other doubts, supposes or reports at one remove too: nothing stated as fact
        if not any(_stated_in(doubted, content_words(plain.text)) for doubted in phrases):
            continue  # what one sentence doubts ("apparently a knee sprain"), the other does not state
        if not (_same_happening(a, b) or _about_the_same(a.text, b.text)):
            continue
        note = (
            f"{_who(ctx, plain.article)} states it as fact; "
            f"{_who(ctx, hedged.article)} reports it as alleged or unconfirmed"
        )
        return Finding("framing", note)
    return None


def labelled_apart(ctx: Context, a: Statement, b: Statement) -> Finding | None:
    """One sentence calls someone by a label it doubts ("alleged gang members"); the other, telling of
    the same happening, uses the same label as plain fact ("gang members"), doubting and crediting nothing."""
    for hedged, plain in ((a, b), (b, a)):
        if not _states_plainly(plain):
            continue
        plain_words = _spaced_words(plain.text)
        for written, label in doubted_labels(hedged.text):
            if f" {label} " in plain_words and (_same_happening(a, b) or _about_the_same(a.text, b.text)):
                note = (
                    f"{_who(ctx, plain.article)} writes {label!r} as fact; "
                    f"{_who(ctx, hedged.article)} writes {written!r}"
                )
                return Finding("framing", note)
    return None


@lru_cache(maxsize=TEXT_CACHE)
def _spaced_words(text: str) -> str:
    """The sentence's words, lower-cased, one space between and around them: a label is found whole."""
    return f" {' '.join(words(text))} "


@lru_cache(maxsize=TEXT_CACHE)
def doubted_labels(text: str) -> tuple[tuple[str, str], ...]:
    """Labels a sentence doubts, as written and as lower-case words: ("alleged Mafia boss", "mafia boss").

    The label is the words after the doubting adjective up to the first stop word; one that ends in
    a capital is a name ("suspected Felt of being the source" suspects a man, it labels no one).
    """
    out = []
    for m in DOUBTED_LABEL.finditer(text):
        label = list(itertools.takewhile(_label_word, m[2].split()))
        if label and label[-1][0].islower():
            out.append((f"{m[1]} {' '.join(label)}", " ".join(words(" ".join(label)))))
    return tuple(out)


def _label_word(word: str) -> bool:
    return word[0].isalpha() and word.lower() not in STOPWORDS


def _states_plainly(s: Statement) -> bool:
    """The sentence neither doubts nor supposes ("murder accused", "if he signs, they would") nor
    reports at one remove ("police said"): what it says, it says as fact."""
    return not s.hedged and s.attributed_to is None and _text_states_plainly(s.text)


@lru_cache(maxsize=TEXT_CACHE)
def _text_states_plainly(text: str) -> bool:
    said = set(words(text))
    return not (hedged_phrases(text) or DOUBT & said or CREDITED & said)


def _stated_in(doubted: tuple[str, ...], stated: frozenset[str]) -> bool:
    """A doubted phrase is stated by the other sentence when its first word is ("suspected *Mafia*
    boss", not only "arrested Tuesday" after it), and two of its words, or all if it has fewer."""
    shared = [w for w in doubted if w in stated]
    return doubted[0] in stated and len(shared) >= min(FRAMING_SHARED, len(doubted))


@lru_cache(maxsize=TEXT_CACHE)
def hedged_phrases(text: str) -> tuple[tuple[str, ...], ...]:
    """The content words each hedge of a sentence doubts, in order: those just after "allegedly",
    "accused of", "believed to be"."""
    out = []
    for m in HEDGE_CUE.finditer(text):
        if m.group().lower() == "suspected" and NOT_DOUBTING.match(text, m.end()):
            continue  # "arson suspected in the fire" doubts the arson, written before it
        following = words(text[m.end() : m.end() + 80])[:HEDGED_SPAN]
        phrase = [
            stem(w) for w in following if w not in STOPWORDS and w not in HEDGE_FILLER and not w[0].isdigit()
        ]
        if phrase:
            out.append(tuple(phrase))
    return tuple(out)


def annotate(ctx: Context, claims: list[Claim]) -> None:
    """Fill each claim's `disagreements`, `timeline` and status from its members."""
    story = ctx.story
    statements = {s.id: s for s in story.statements}
    figures = {f.id: f for f in story.figures}
    quotes = {q.id: q for q in story.quotes}
    # a figure or quote already in a claim of its own is compared there, not again through its sentence
    claim_of = {m: c.id for c in claims if c.kind in ("figure", "quote") for m in c.members}

    def statements_differ(a: Statement, b: Statement) -> Finding | None:
        own_figures = _unclaimed(a.figures, b.figures, figures, claim_of)
        own_quotes = _unclaimed(a.quotes, b.quotes, quotes, claim_of)
        found = compare_statements(ctx, a, b, own_figures, own_quotes)
        if found is None or found.kind in ("wording", "attribution"):
            return found
        if found.kind == "figure" and _ages_differ(ctx, a, b) is None and not _same_actors(ctx, a, b):
            # the counts no figure claim joined: sentences alike in words ("sentenced to 12 years",
            # "Gigante was sentenced to seven years"; "after four days of riots", "eight days")
            # are held to them only when they name the same people and organisations, and some
            return None
        return found if _shared_content(a.text, b.text) >= SAME_FACT_CONTENT else None

    # the happening (event claim) each sentence tells of, and the sentence of each figure
    happening = {m: c.id for c in claims if c.kind == "event" for m in c.members}
    told_in = {f: s.id for s in story.statements for f in s.figures}
    # what the figure aligner read from each figure, so both judge "one count" alike
    small = small_happenings(claims, story.statements)
    valued = [f for f in story.figures if f.value is not None]
    read = {x.figure.id: x for x in prepare_figures(ctx, valued, small)}

    def figures_differ(a: Figure, b: Figure) -> Finding | None:
        sa, sb = statements.get(told_in.get(a.id, "")), statements.get(told_in.get(b.id, ""))
        alike = a.id in read and b.id in read and same_count(read[a.id], read[b.id])
        found = compare_figures(ctx, a, b, _sentence(ctx, a), _sentence(ctx, b), told_alike=alike)
        if found is None or found.kind == "update":
            return found
        if sa is not None and sb is not None and _counts_apart(ctx, sa, sb):
            return None  # "Artino scored 14 points", "McDermott scored 23 points": two players' counts
        if sa is not None and sb is not None and not (read[a.id].alone and read[b.id].alone):
            # "793 yards … 39 passes for 302 yards" against "caught 29 passes for 201 yards": of
            # several counts of a unit, the one the other sentence means is told by the words around
            if _shared_around(sa, a, sb, b) < SURROUNDING_SHARED:
                return None
        if a.subject and b.subject:
            if a.subject == b.subject or _said_by(sa, a) or _said_by(sb, b):
                return found  # one count, or two sources' estimates of it ("Reyne said €2.3m", "Kiel: €7m")
            return None  # two people's or teams' own counts ("Charles' 226 yards", "the Chiefs' 352")
        # two counts of one measure not both tied to someone named ("16 points" and "20 points")
        # are rivals only when their sentences tell of one happening
        one, other = happening.get(told_in.get(a.id, "")), happening.get(told_in.get(b.id, ""))
        return found if one is not None and one == other else None

    refused: dict[int, list[Figure]] = {}
    for n, claim in enumerate(claims):
        if claim.kind == "statement":
            members = [statements[m] for m in claim.members if m in statements]
            found = _pairwise(ctx, members, statements_differ)
        elif claim.kind == "figure":
            members_f = [figures[m] for m in claim.members if m in figures]
            found = _pairwise(ctx, members_f, figures_differ)
        elif claim.kind == "quote":
            members_q = [quotes[m] for m in claim.members if m in quotes]
            found = _pairwise(ctx, members_q, lambda a, b: compare_quotes(ctx, a, b))
        elif claim.kind == "event" and all(m in statements for m in claim.members):
            # sentences of one happening need not say the same thing, but one may doubt a label
            # the other states: that much they can be held to
            members = [statements[m] for m in claim.members]
            found = _pairwise(ctx, members, lambda a, b: labelled_apart(ctx, a, b))
        else:
            continue  # a dated event claim's note already says how its members' dates clash
        _apply(ctx, claim, found)
        if claim.kind == "figure" and claim.status == "conflicting" and not claim.disagreements:
            refused[n] = members_f
    # the aligner joined values the comparison will not call rivals (two players' points, two
    # teams' offers): those are as many claims as there are values, not one corroborated claim
    for n in sorted(refused, reverse=True):
        claims[n : n + 1] = split_by_value(ctx, refused[n])


def _unclaimed(
    one: list[str], other: list[str], records: dict[str, R], claim_of: dict[str, str]
) -> dict[str, R]:
    """The records of two sentences, less those that share a claim with a record of the other sentence."""
    claims_one = {claim_of[i] for i in one if i in claim_of}
    claims_other = {claim_of[i] for i in other if i in claim_of}
    shared = claims_one & claims_other
    return {i: records[i] for i in (*one, *other) if i in records and claim_of.get(i) not in shared}


def _text_of(ctx: Context, f: Figure) -> str:
    """The text of the figure's article ("" when the article is not in the story)."""
    article = ctx.articles.get(f.article)
    return article.text if article is not None else ""


def _sentence(ctx: Context, f: Figure) -> str:
    text = _text_of(ctx, f)
    if not text:
        return ""
    lo, hi = sentence_bounds(text, f.start, f.end)
    return text[lo:hi]


def _pairwise(ctx: Context, members: list, compare: object) -> Iterator[tuple[str, str, Finding]]:
    ordered = sorted(members[:MAX_COMPARED], key=lambda m: (ctx.order.get(m.article, 0), m.start))
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            if ctx.source.get(a.article, a.article) == ctx.source.get(b.article, b.article):
                continue  # copies and one outlet's own pieces do not disagree with each other
            found = compare(a, b)  # type: ignore[operator]
            if found is not None:
                yield a.id, b.id, found


def _apply(ctx: Context, claim: Claim, found: Iterable[tuple[str, str, Finding]]) -> None:
    seen: set[tuple[str, str]] = set()
    noted = {frozenset((d.a, d.b)) for d in claim.disagreements}  # what the aligner already recorded
    updates = []
    for a, b, finding in found:
        if frozenset((a, b)) in noted:
            continue
        if finding.kind == "update":
            updates.append((a, b, finding))
            continue
        key = (finding.kind, finding.note)
        if key in seen or len(claim.disagreements) >= MAX_NOTED:
            continue
        seen.add(key)
        claim.disagreements.append(Disagreement(finding.kind, a, b, finding.note))
    if claim.disagreements:
        claim.status = "conflicting"
        claim.note = claim.note or claim.disagreements[0].note
    elif updates:
        claim.status = "updated"
        claim.note = None
        claim.timeline = _timeline(ctx, claim, updates)


def _timeline(ctx: Context, claim: Claim, updates: list[tuple[str, str, Finding]]) -> list[dict[str, object]]:
    entries: dict[str, dict[str, object]] = {}
    by_id = {**{f.id: f for f in ctx.story.figures}, **{s.id: s for s in ctx.story.statements}}
    for a, b, finding in updates:
        for member, value in zip((a, b), finding.values or ("", ""), strict=True):
            record = by_id.get(member)
            article = getattr(record, "article", None)
            published = ctx.articles[article].published if article in ctx.articles else None
            entries.setdefault(
                member, {"member": member, "article": article, "date": published, "value": value}
            )
    return sorted(entries.values(), key=lambda e: (str(e["date"] or ""), ctx.order.get(str(e["article"]), 0)))
