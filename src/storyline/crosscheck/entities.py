"""Entity resolution: every mention in every article joined into one entity per real-world actor.

Mentions are joined in this order, each step using only evidence that is safe
at that point:

1. full names of people: the same first and last name (middle names and
   initials allowed) are one person;
2. a bare surname goes to the nearest full name with that surname before it in
   the same article (after it when none is before), else to the only person in
   the corpus with that surname; a surname shared by several people and not
   settled by its article stays apart from all of them; a lone given name
   ("Mirela") goes to the one full name in its article that begins with it;
3. "the Directorate" goes to the nearest name before it ending in that word,
   unless the word is also written as a name of its own;
4. every other name joins the mentions with the same normalised form
   (apostrophes, possessives, "the", case, acronym dots, common country
   abbreviations, "Republic of");
5. one word that begins exactly one organisation's name ("Greyhaven") joins it,
   unless the word is used as a place or a person, or an article writes it
   before the longer name ("Norvale" ... "Norvale Japan");
6. an acronym joins its expansion, from a bracketed introduction anywhere in
   the corpus, else from the initials of the only name that spells it.

Types come from the evidence of all of an entity's mentions (see `_types`); an
entity made only of a capitalised common noun ("the Government") is dropped.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import cache

from storyline.crosscheck._references import fill_references
from storyline.crosscheck._types import (
    GENERIC_NOUNS,
    HEAD_TYPES,
    PLACE,
    SURNAME_HEADS,
    Evidence,
    decide,
    decide_cluster,
    is_generic_noun,
    mention_evidence,
    vote_by_coordination,
)
from storyline.crosscheck.unionfind import UnionFind
from storyline.model import Article, ArticleAnnotations, Entity, Mention, content_id
from storyline.names import everyday_words, initials, is_acronym, normalise, straight, titled_form

_INITIAL = re.compile(r"^[a-z]\.?$")
# Last words that make a name a group of people: a crime family, a gang, a cartel, a militia
_GROUP_HEADS = frozenset("family gang cartel militia brigade brigades syndicate".split())
_THE_BEFORE = re.compile(r"\b(?:the|this|that|these|those)\s+$", re.IGNORECASE)
# "al-Rashidi" is "Mr. Rashidi" on second reference
_ARTICLE_PREFIX = re.compile(r"^(?:al|el|ad|as|ash|ar)-")


@dataclass
class _Item:
    """One mention with what resolution knows about it."""

    article: int
    mention: Mention
    key: str
    evidence: Evidence
    after_the: bool
    titled_form: str | None = None

    @property
    def words(self) -> list[str]:
        return self.key.split()


@dataclass
class _Corpus:
    articles: list[Article]
    items: list[_Item]
    sets: UnionFind = field(init=False)

    def __post_init__(self) -> None:
        self.sets = UnionFind(len(self.items))

    def find(self, i: int) -> int:
        return self.sets.find(i)

    def union(self, i: int, j: int) -> None:
        self.sets.union(i, j)


def resolve_entities(articles: list[Article], annotations: list[ArticleAnnotations]) -> list[Entity]:
    """One entity per actor; quotes', figures' and events' entity fields are filled in place."""
    corpus = _collect(articles, annotations)
    evidence = _key_evidence(corpus)
    people = {k for k, ev in evidence.items() if len(k.split()) >= 2 and decide(ev) == "PERSON"}
    settled = _join_people(corpus, people)
    settled |= _join_head_references(corpus, people, settled)
    _join_same_names(corpus, settled)
    _join_first_words(corpus, people, evidence)
    _join_acronyms(corpus, people)
    entities = _build_entities(corpus, people)
    fill_references(articles, annotations, entities)
    return entities


def _collect(articles: list[Article], annotations: list[ArticleAnnotations]) -> _Corpus:
    position = {a.id: i for i, a in enumerate(articles)}
    items = []
    for ann in annotations:
        index = position.get(ann.article)
        if index is None:
            continue
        text = articles[index].text
        for m in sorted(ann.mentions, key=lambda m: m.start):
            key = normalise(m.text)
            if not key:
                continue
            evidence = mention_evidence(text, m.start, m.end, m.label, key)
            after_the = bool(_THE_BEFORE.search(text[max(0, m.start - 10) : m.start]))
            items.append(_Item(index, m, key, evidence, after_the, titled_form(text, m.start, m.end)))
    vote_by_coordination(
        [(i.article, articles[i.article].text, i.mention.start, i.mention.end, i.evidence) for i in items]
    )
    return _Corpus(articles, items)


def _key_evidence(corpus: _Corpus) -> dict[str, Evidence]:
    """Evidence per name over the corpus; a surname used alone as a person's counts for the full name."""
    evidence: dict[str, Evidence] = defaultdict(Evidence)
    single_person: set[tuple[int, str]] = set()
    for item in corpus.items:
        evidence[item.key] += item.evidence
        if len(item.words) == 1 and (item.mention.label == "PERSON" or item.evidence.strong["PERSON"]):
            single_person.add((item.article, item.key))
    for item in corpus.items:
        words = item.words
        # "the Bill" tagged a person does not make "Data Retention Bill" one: its head word says LAW
        named_by_head = words[-1] in HEAD_TYPES and words[-1] not in SURNAME_HEADS
        if (
            len(words) >= 2
            and not named_by_head
            and not is_acronym(item.mention.text)
            and (item.article, words[-1]) in single_person
        ):
            evidence[item.key].strong["PERSON"] += 1
    return evidence


def _join_people(corpus: _Corpus, people: set[str]) -> set[int]:
    """Join full-name variants, then bare surnames; returns the surname items joined to a person."""
    # "de la cruz" is the surname of "ana de la cruz", not a full name of its own
    suffixes = {" ".join(k.split()[i:]) for k in people for i in range(1, len(k.split()))}
    full_keys = people - suffixes
    person_of = _group_full_names(corpus, full_keys)
    by_suffix: dict[str, set[int]] = defaultdict(set)
    for key, group in person_of.items():
        words = key.split()
        for i in range(1, len(words)):
            by_suffix[" ".join(words[i:])].add(group)
        if len(words) >= 2 and _ARTICLE_PREFIX.match(words[-1]):
            by_suffix[_ARTICLE_PREFIX.sub("", words[-1])].add(group)
    full_items: dict[int, list[int]] = defaultdict(list)
    of_person = _Places(corpus)  # (article, person) -> that person's full names in the article
    for n, item in enumerate(corpus.items):
        if item.key in person_of:
            full_items[item.article].append(n)
            of_person.add((item.article, person_of[item.key]), n)
    said_person = {
        (i.article, i.key) for i in corpus.items if i.key in by_suffix and decide(i.evidence) == "PERSON"
    }
    settled = set()
    for n, item in enumerate(corpus.items):
        groups = by_suffix.get(item.key)
        if item.key in person_of or not groups:
            continue
        near = of_person.nearest([(item.article, g) for g in groups], n)
        if near is None and len(groups) == 1 and (item.article, item.key) in said_person:
            near = next(iter(groups))
        if near is not None:
            corpus.union(n, near)
            settled.add(n)
    settled |= _join_given_names(corpus, person_of, full_items, of_person, settled)
    return settled


def _join_given_names(
    corpus: _Corpus,
    person_of: dict[str, int],
    full_items: dict[int, list[int]],
    of_person: _Places,
    settled: set[int],
) -> set[int]:
    """ "her sister, Mirela," beside "Mirela Sandoval": the leading words of one full name in the article."""
    leading: dict[tuple[int, str], set[int]] = defaultdict(set)
    for article, found in full_items.items():
        for f in found:
            words = corpus.items[f].words
            for i in range(1, len(words)):
                leading[(article, " ".join(words[:i]))].add(person_of[corpus.items[f].key])
    joined = set()
    for n, item in enumerate(corpus.items):
        # "Te Arohanui" beside "Te Arohanui Wiremu Kahu" is a full name of its own but the same person
        own = {person_of[item.key]} if item.key in person_of else set()
        groups = leading.get((item.article, item.key), set()) - own
        if n in settled or len(groups) != 1 or _after_article(corpus, item):
            continue
        if item.mention.label != "PERSON" and not item.evidence.strong["PERSON"]:
            continue
        near = of_person.nearest([(item.article, next(iter(groups)))], n)
        if near is not None:
            corpus.union(n, near)
            joined.add(n)
    return joined


def _after_article(corpus: _Corpus, item: _Item) -> bool:
    """ "this Bill" is not him; "so close that Bill" is: "that" before a name is mostly the conjunction."""
    text = corpus.articles[item.article].text
    return bool(_ARTICLE_BEFORE.search(text[max(0, item.mention.start - 6) : item.mention.start]))


_ARTICLE_BEFORE = re.compile(r"\b(?:the|a|an|this|these|those)\s+$", re.IGNORECASE)


def _group_full_names(corpus: _Corpus, full_keys: set[str]) -> dict[str, int]:
    """Each full name mapped to its person: same first and last name, or an initial only one name fits."""
    first_item: dict[str, int] = {}
    for n, item in enumerate(corpus.items):
        if item.key in full_keys:
            first_item.setdefault(item.key, n)
    by_ends: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key in sorted(full_keys):
        words = key.split()
        by_ends[(words[0], words[-1])].append(key)
    for keys in by_ends.values():
        for key in keys[1:]:
            corpus.union(first_item[keys[0]], first_item[key])
    # the names under each last name, so an initial is matched within its surname only
    by_last: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for (first, last), keys in by_ends.items():
        by_last[last].append((first, keys[0]))
    for (first, last), keys in by_ends.items():
        if not _INITIAL.match(first):
            continue
        fits = [key for f, key in by_last[last] if f[0] == first[0] and len(f) > 2]
        if len(fits) == 1:
            corpus.union(first_item[keys[0]], first_item[fits[0]])
    return {key: corpus.find(first_item[key]) for key in full_keys}


def _join_head_references(corpus: _Corpus, people: set[str], settled: set[int]) -> set[int]:
    """ "The Directorate" is the nearest name before it ending in that word, else the only such name."""
    names: dict[str, set[str]] = defaultdict(set)
    here = _Places(corpus)  # (article, head word) -> the names ending in it there
    # "Norvale" written without "the" is a name of its own; "the Norvale sale" makes it no head word
    own_names = {
        i.key for i in corpus.items if len(i.words) == 1 and not i.after_the and i.key not in GENERIC_NOUNS
    }
    for n, item in enumerate(corpus.items):
        words = item.words
        if len(words) >= 2 and item.key not in people and not is_acronym(item.mention.text):
            names[words[-1]].add(item.key)
            here.add((item.article, words[-1]), n)
    first = {}
    for n, item in enumerate(corpus.items):
        first.setdefault(item.key, n)
    joined = set()
    for n, item in enumerate(corpus.items):
        if n in settled or not item.after_the or len(item.words) != 1 or item.key not in names:
            continue
        if item.key in own_names:
            continue
        near = here.nearest([(item.article, item.key)], n, after=False)
        if near is None and len(names[item.key]) == 1:
            near = first[next(iter(names[item.key]))]
        if near is not None:
            corpus.union(n, near)
            joined.add(n)
    return joined


class _Places:
    """Items filed under keys, in text order, so the nearest one to a mention is found by bisection.

    Items must be added in corpus order: one article's items come in order of position, so each
    key's list is sorted and a lookup costs a logarithm, not a pass over the article's names
    (one book-length article may hold hundreds of thousands of them).
    """

    def __init__(self, corpus: _Corpus) -> None:
        self.corpus = corpus
        self.items: dict[Hashable, list[int]] = defaultdict(list)
        self.starts: dict[Hashable, list[int]] = defaultdict(list)

    def add(self, key: Hashable, n: int) -> None:
        self.items[key].append(n)
        self.starts[key].append(self.corpus.items[n].mention.start)

    def nearest(self, keys: Iterable[Hashable], n: int, after: bool = True) -> int | None:
        """The closest item under any of `keys` before item `n`, else (if allowed) the closest after it.

        Of items at one position, the first filed.
        """
        at = self.corpus.items[n].mention.start
        before: list[tuple[int, int]] = []
        later: list[tuple[int, int]] = []
        for key in keys:
            starts, items = self.starts.get(key), self.items.get(key)
            if not starts or items is None:
                continue
            k = bisect_left(starts, at)
            if k:
                first = bisect_left(starts, starts[k - 1])  # the first filed at that position
                before.append((starts[k - 1], -items[first]))
            k = bisect_right(starts, at)
            if after and k < len(starts):
                later.append((starts[k], items[k]))
        if before:
            return -max(before)[1]
        return min(later)[1] if later else None


def _join_same_names(corpus: _Corpus, settled: set[int]) -> None:
    first: dict[str, int] = {}
    for n, item in enumerate(corpus.items):
        if n not in settled:
            corpus.union(n, first.setdefault(item.key, n))


def _join_first_words(corpus: _Corpus, people: set[str], evidence: dict[str, Evidence]) -> None:
    """ "Greyhaven" for "Greyhaven Maritime Partners": one word that begins exactly one organisation's name.

    A word ever used as a place ("in Halvermouth") or a person is left alone: towns
    lend their names to the organisations in them. So is a word an article uses before
    the longer name ("Norvale" long before "Norvale Japan"): it was a name of its own there,
    unless the longer name only adds a word such as "Group" or "Inc".
    """
    first: dict[str, int] = {}
    starting: dict[str, set[int]] = defaultdict(set)
    longer: dict[str, set[str]] = defaultdict(set)
    first_at: dict[tuple[int, str], int] = {}
    used_in: dict[str, list[int]] = defaultdict(list)  # the articles using each name, in order of use
    for n, item in enumerate(corpus.items):
        first.setdefault(item.key, n)
        if (item.article, item.key) not in first_at:
            first_at[(item.article, item.key)] = item.mention.start
            used_in[item.key].append(item.article)
        words = item.words
        if len(words) >= 2 and item.key not in people and decide(evidence[item.key]) not in ("GPE", "NORP"):
            starting[words[0]].add(corpus.find(n))
            longer[words[0]].add(item.key)
    for key, n in first.items():
        ev = evidence[key]
        owners = starting.get(key, set())
        if len(key.split()) != 1 or len(owners) != 1 or is_acronym(corpus.items[n].mention.text):
            continue
        if ev.weak[PLACE] or ev.strong["PERSON"] or decide(ev) in ("GPE", "NORP"):
            continue
        generic_tail = all(w.rstrip(".") in GENERIC_NOUNS for k in longer[key] for w in k.split()[1:])
        if not generic_tail and _written_first(key, longer[key], first_at, used_in[key]):
            continue
        corpus.union(n, owners.pop())


def _written_first(
    short: str, longs: set[str], first_at: dict[tuple[int, str], int], articles: list[int]
) -> bool:
    """Whether some article (of those using the short name) uses it before any of the longer ones."""
    for article in articles:
        at = first_at[(article, short)]
        starts = [first_at[(article, long)] for long in longs if (article, long) in first_at]
        if starts and at < min(starts):
            return True
    return False


def _join_acronyms(corpus: _Corpus, people: set[str]) -> None:
    """An acronym joins the name it was introduced after in brackets, else the one name it spells."""
    first: dict[str, int] = {}
    for n, item in enumerate(corpus.items):
        first.setdefault(item.key, n)
    introduced: dict[str, set[str]] = defaultdict(set)
    previous: _Item | None = None
    for item in corpus.items:
        text = corpus.articles[item.article].text
        if (
            previous is not None
            and previous.article == item.article
            and is_acronym(item.mention.text)
            and text[previous.mention.end : item.mention.start].strip() == "("
        ):
            introduced[item.key].add(previous.key)
        previous = item
    # every multi-word name under the acronyms its initials make, with and without "of", "and"...
    spelled: dict[str, set[str]] = defaultdict(set)
    for name in first:
        words = name.split()
        if len(words) >= 2 and name not in people:
            for letters in {initials(words, False), initials(words, True)}:
                spelled[letters].add(name)
    for key in sorted({i.key for i in corpus.items if is_acronym(i.mention.text)}):
        found = introduced.get(key) or set(spelled.get(key.upper(), ()))
        if len(found) == 1:
            corpus.union(first[key], first[found.pop()])


def _build_entities(corpus: _Corpus, people: set[str]) -> list[Entity]:
    clusters: dict[int, list[_Item]] = defaultdict(list)
    for n, item in enumerate(corpus.items):
        clusters[corpus.find(n)].append(item)
    by_id: dict[str, Entity] = {}
    forms: dict[str, set[str]] = defaultdict(set)
    everyday = cache(lambda article: everyday_words(corpus.articles[article].text))
    for members in clusters.values():
        # "the Government" where the article also writes "government": a common noun names no one
        if all(is_generic_noun(i.key, i.mention.text, everyday(i.article)) for i in members):
            continue
        kind = _vote_type(members, people)
        name = _canonical_name(members, kind, people)
        entity_id = content_id("e", name, kind)
        entity = by_id.setdefault(entity_id, Entity(entity_id, name, kind))
        entity.mentions.extend(i.mention for i in members)
        forms[entity_id].update(i.titled_form for i in members if i.titled_form)
    order = {a.id: i for i, a in enumerate(corpus.articles)}
    for entity in by_id.values():
        entity.mentions.sort(key=lambda m: (order[m.article], m.start))
        # aliases are the names as written, with the titled forms ("Mrs Brandt") that the spans leave out
        seen = {m.text for m in entity.mentions} | forms[entity.id]
        entity.aliases = sorted(seen, key=lambda t: (t.casefold(), t))
    return sorted(by_id.values(), key=lambda e: (-len(e.mentions), e.name, e.type))


def _vote_type(members: list[_Item], people: set[str]) -> str:
    """A known full name settles it; otherwise the evidence of every mention, pooled."""
    # "the head of the Brannock crime family, who ...": the "who" is the head's; a group is a group
    if all(len(i.words) >= 2 and i.words[-1] in _GROUP_HEADS for i in members):
        return "ORG"
    if any(i.key in people for i in members):
        return "PERSON"
    pooled = Evidence()
    for item in members:
        pooled += item.evidence
    acronym = any(is_acronym(i.mention.text) for i in members)
    return decide_cluster(pooled, all(len(i.words) == 1 for i in members), acronym)


def _canonical_name(members: list[_Item], kind: str, people: set[str]) -> str:
    """The longest full form the articles use often: a person's full name, an acronym's expansion."""
    forms: Counter[str] = Counter(straight(i.mention.text) for i in members)
    top = max(forms.values())

    def rank(form: str) -> tuple[int, int, int, int, int, str]:
        full = normalise(form) in people if kind == "PERSON" else not is_acronym(form)
        shouting = len(form.split()) > 1 and form.isupper()
        # a longer variant written once among thirty uses of the short name does not represent them
        # (a person's full name always does)
        common = kind == "PERSON" or forms[form] * 5 >= top
        return (full, not shouting, common, len(form.split()), forms[form], form)

    return max(forms, key=rank)
