"""Grouping the articles of a mixed input into stories, one happening each, so claims stay within one.

Two passes. The first groups articles on the same subject by their words and the
names and numbers they use (TF-IDF, average linkage). The second splits each
group by the names and numbers that tell its members apart: two earthquakes,
two trials or two launches share their words but not their places, people,
ships, tolls or dates; and a group whose articles centre on two people, one of
whom the other's articles never name, is two happenings (two players' arrests).
Articles stating the same specific facts, and copies, always share a story.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storyline.crosscheck.claims import UnionFind, significant_digits, words
from storyline.crosscheck.claims_figures import unit_class
from storyline.extract.dates import published_day
from storyline.model import Article, Story

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix
    from sklearn.feature_extraction.text import TfidfVectorizer

# Thresholds are cosine distances for average linkage, fitted on ECB+ dev topics
# (eval/crosscheck.py; topics divisible by 3 are held out and never tuned on).
SUBJECT_DISTANCE = 0.92  # first pass: same subject
HAPPENING_DISTANCE = 0.90  # second pass: same happening, on the names that differ within a subject
NAME_WEIGHT = 0.8  # names and numbers against all words, in the first pass
MIN_TO_SPLIT = 4  # a group smaller than this has too few articles to tell what sets members apart
FRAGMENT = 3  # a part of a split group smaller than this rejoins the part it is most like...
FRAGMENT_LIKENESS = 0.05  # ...when its average cosine to that part's articles reaches this
# A name in more than this share of a group is the group's subject, not what tells its members apart.
MAX_NAME_SHARE = 0.7
BATCH = 2000  # articles clustered at once; later batches join earlier stories by centroid
# A new group joins an earlier story when it is at least this share as alike to the story's articles
# as they are to one another (and alike enough to share a subject at all).
JOIN_COHESION = 0.5
SAMPLE_OF_STORY = 200  # articles of an earlier story that a new article is checked against
# Capitalised words and numbers: the names, places, ships, tolls and years that set a happening apart.
NAME_TOKEN = re.compile(r"\b(?:[A-Z][\w'’-]+|\d[\d,.]*\d|\d)\b")
# Years, counted this many times more than other names: two elections, two trials or two signings
# of one topic share their words and often their names, but not their year.
YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
YEAR_REPEATS = 2
# Facts too specific to turn up in two unrelated stories: a figure written with this many
# significant digits ("1,240 residents", not "12 people" or "2 million"), a quoted run of words.
MIN_FIGURE_DIGITS = 3
QUOTED_RUN = 8
MAX_FACT_HOLDERS = 30  # a "fact" that many articles state is common currency, not a fingerprint
# Two spells of reporting this many days apart, naming nobody and nothing in common, are two stories.
GAP_DAYS = 30
THINGS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC"})


def _names(text: str) -> str:
    """The names and numbers of a text, its years counted again: a year says when a happening was."""
    return " ".join([*NAME_TOKEN.findall(text), *YEAR.findall(text) * YEAR_REPEATS])


def _text(article: Article) -> str:
    """Title and text, and the year of publication as one name ("Published2013"): two reports of one
    kind of happening published years apart tell of two happenings, as two written years do."""
    text = f"{article.title or ''}\n{article.text}"
    year = (article.published or "")[:4]
    return f"{text}\nPublished{year}" if YEAR.fullmatch(year) else text


def article_vectors(articles: Sequence[Article]) -> csr_matrix:
    """Unit-length TF-IDF rows: every content word, plus the names and numbers weighted again."""
    from scipy.sparse import csr_matrix as csr
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    texts = [_text(a) for a in articles]
    blocks = []
    for vectorizer, docs, weight in (
        (TfidfVectorizer(sublinear_tf=True, stop_words="english"), texts, 1.0),
        (_name_vectorizer(), [_names(t) for t in texts], NAME_WEIGHT),
    ):
        try:
            blocks.append(vectorizer.fit_transform(docs) * weight)
        except ValueError:  # no usable word at all (digits-only or empty texts)
            continue
    if not blocks:
        return csr((len(articles), 1))
    return normalize(hstack(blocks).tocsr())


def _name_vectorizer(min_df: int = 1, max_df: float = 1.0) -> TfidfVectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        sublinear_tf=True, lowercase=False, token_pattern=r"\S+", min_df=min_df, max_df=max_df
    )


def _average_link(vectors: csr_matrix, distance: float) -> list[list[int]]:
    """Groups of rows whose average cosine distance stays within `distance` (rows in input order)."""
    import numpy as np
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = vectors.shape[0]
    if n <= 1:
        return [list(range(n))]
    dist = 1.0 - (vectors @ vectors.T).toarray()
    np.fill_diagonal(dist, 0.0)
    dist = np.clip((dist + dist.T) / 2, 0.0, 2.0)
    tree = linkage(squareform(dist, checks=False), method="average")
    labels = fcluster(tree, distance, criterion="distance")
    return _by_label(labels)


def _by_label(labels: Iterable[int]) -> list[list[int]]:
    groups: dict[int, list[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _subjects(vectors: csr_matrix) -> list[list[int]]:
    """First pass, batch by batch: each batch clustered, then joined to earlier groups by centroid."""
    import numpy as np

    groups: list[list[int]] = []
    # one row per group, grown by doubling: a group's likeness to every earlier one is one product
    centroids = np.zeros((0, vectors.shape[1]))
    n = vectors.shape[0]
    for lo in range(0, n, BATCH):
        batch = vectors[lo : lo + BATCH]
        for local in _average_link(batch, SUBJECT_DISTANCE):
            rows = [lo + i for i in local]
            centroid = np.asarray(vectors[rows].mean(axis=0)).ravel()
            # The mean of unit rows: its dot product with another mean is the average cosine.
            sims = centroids[: len(groups)] @ centroid
            close = np.flatnonzero(sims >= 1.0 - SUBJECT_DISTANCE)
            if close.size == 0:
                if len(groups) == len(centroids):
                    centroids = np.vstack([centroids, np.zeros((max(len(groups), 16), vectors.shape[1]))])
                centroids[len(groups)] = centroid
                groups.append(rows)
                continue
            best = int(close[sims[close] == sims[close].max()][-1])  # the likeliest, the latest of equals
            size = len(groups[best])
            centroids[best] = (centroids[best] * size + centroid * len(rows)) / (size + len(rows))
            groups[best].extend(rows)
    return groups


def _happenings(texts: list[str]) -> list[list[int]]:
    """Second pass inside one subject: split by the names and numbers that differ between members."""
    from sklearn.preprocessing import normalize

    if len(texts) < MIN_TO_SPLIT:
        return [list(range(len(texts)))]
    vectorizer = _name_vectorizer(min_df=2, max_df=MAX_NAME_SHARE)
    try:
        names = vectorizer.fit_transform([_names(t) for t in texts])
    except ValueError:  # nothing shared by two members and not by most: nothing to split on
        return [list(range(len(texts)))]
    return _rejoin_fragments(texts, _average_link(normalize(names), HAPPENING_DISTANCE))


def _rejoin_fragments(texts: list[str], parts: list[list[int]]) -> list[list[int]]:
    """Parts too small to show what sets them apart join the larger part whose words they share most.

    An article that names little ("the quake", "the victims") is cut off by the names pass
    for want of names, not for naming someone else; its words still say which happening it tells of.
    """
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    small = [p for p in parts if len(p) < FRAGMENT]
    large = [list(p) for p in parts if len(p) >= FRAGMENT]
    if not small or not large:
        return parts
    try:
        vectors = normalize(TfidfVectorizer(sublinear_tf=True, stop_words="english").fit_transform(texts))
    except ValueError:  # no content word at all
        return parts
    members = [np.asarray(p) for p in large]
    for part in small:
        alike = [float((vectors[part] @ vectors[m].T).mean()) for m in members]
        best = int(np.argmax(alike))
        if alike[best] >= FRAGMENT_LIKENESS:
            large[best].extend(part)
        else:
            large.append(list(part))
    return sorted(large, key=min)


def _means(vectors: csr_matrix, groups: list[list[int]]) -> csr_matrix:
    """One sparse row per group: the mean of its members' rows."""
    from scipy.sparse import csr_matrix as csr

    rows = [n for n, g in enumerate(groups) for _ in g]
    cols = [i for g in groups for i in g]
    weights = [1.0 / len(g) for g in groups for _ in g]
    membership = csr((weights, (rows, cols)), shape=(len(groups), vectors.shape[0]))
    return (membership @ vectors).tocsr()


def _cohesion(square: float, size: int) -> float:
    """The average cosine between two different members of a story, from the squared length of the
    mean of its unit rows."""
    if size < 2:
        return 0.0
    return (size * size * square - size) / (size * (size - 1))


def _same_happening(articles: Sequence[Article], earlier: list[int], group: list[int]) -> bool:
    """Whether the second pass, run on an earlier story and a new group together, keeps them as one.

    A large story is represented by an even sample of its articles, so placing one new
    article costs the same however long the story has run.
    """
    if len(earlier) > SAMPLE_OF_STORY:
        step = len(earlier) / SAMPLE_OF_STORY
        earlier = [earlier[int(k * step)] for k in range(SAMPLE_OF_STORY)]
    parts = _happenings([_text(articles[i]) for i in (*earlier, *group)])
    part_of = {i: n for n, part in enumerate(parts) for i in part}
    old = Counter(part_of[i] for i in range(len(earlier))).most_common(1)[0][0]
    joining = sum(part_of[len(earlier) + i] == old for i in range(len(group)))
    return 2 * joining > len(group)


def _fact_keys(story: Story) -> Iterator[tuple[object, str]]:
    """(fact, article id) for every fact specific enough to tie two articles to one story."""
    for f in story.figures:
        if f.value is not None and significant_digits(f.value) >= MIN_FIGURE_DIGITS:
            yield ("figure", unit_class(f.unit), float(f.value)), f.article
    for q in story.quotes:
        tokens = words(q.text)
        for i in range(len(tokens) - QUOTED_RUN + 1):
            yield ("quote", *tokens[i : i + QUOTED_RUN]), q.article


def shared_facts(story: Story) -> Counter[tuple[str, str]]:
    """How many specific figures or quoted runs of words each pair of articles has in common."""
    holders: dict[object, list[str]] = {}
    for key, article in _fact_keys(story):
        found = holders.setdefault(key, [])
        if article not in found:
            found.append(article)
    counts: Counter[tuple[str, str]] = Counter()
    for ids in holders.values():
        if len(ids) <= MAX_FACT_HOLDERS:
            counts.update((min(a, b), max(a, b)) for n, a in enumerate(ids) for b in ids[n + 1 :])
    return counts


def cluster_stories(
    story: Story, linked: Iterable[tuple[str, str]] = (), previous: Mapping[str, int] | None = None
) -> list[list[str]]:
    """Groups of article ids, one per story, in the input's order.

    Articles join when their words, names and numbers say they tell of the same
    happening, when they state the same specific facts, when one is a copy of the
    other (`duplicate_of`), or when `linked` pairs them.

    `previous` (article id -> story number from an earlier run) keeps the stories
    already made: their articles stay together, in their old order, and only the
    articles it does not name are grouped, then each new group joins the earlier
    story it tells of or opens one of its own. Nothing earlier is regrouped.
    """
    articles = story.articles
    if len(articles) <= 1:
        return [[a.id for a in articles]] if articles else []
    index = {a.id: i for i, a in enumerate(articles)}
    known = {a.id: previous[a.id] for a in articles if previous and a.id in previous}
    uf = UnionFind(len(articles))
    fresh = [i for i, a in enumerate(articles) if a.id not in known]
    people = _people_named(story)
    for group in _new_groups(articles, fresh, known, people):
        for i in group[1:]:
            uf.union(group[0], i)
    # two specific facts in common tie two articles, whatever their words; copies share a story
    facts = [pair for pair, shared in shared_facts(story).items() if shared >= 2]
    copies = [(a.id, a.duplicate_of) for a in articles if a.duplicate_of]
    for a, b in [*linked, *copies, *facts]:
        if a in index and b in index and not (a in known and b in known):
            uf.union(index[a], index[b])
    groups = [[articles[i].id for i in group] for group in uf.groups()]
    # earlier stories first, in their old order; new ones after, in the input's order
    return sorted(groups, key=lambda g: (min((known[a] for a in g if a in known), default=len(known) + 1),))


def _new_groups(
    articles: Sequence[Article],
    fresh: list[int],
    known: Mapping[str, int],
    people: People,
) -> list[list[int]]:
    """Groups of article indexes: the earlier stories, each with the new articles that tell of it,
    then the new articles that fit none, grouped among themselves."""
    import numpy as np

    earlier: dict[int, list[int]] = {}
    for i, a in enumerate(articles):
        if a.id in known:
            earlier.setdefault(known[a.id], []).append(i)
    stories = list(earlier.values())
    if not fresh:
        return stories
    vectors = article_vectors(articles)
    left = fresh
    if stories:
        # the mean of unit rows: its dot product with a row is the row's average cosine to the story;
        # kept sparse, so memory follows the words the stories use, not stories times the vocabulary
        centroids = _means(vectors, stories)
        square = np.asarray(centroids.multiply(centroids).sum(axis=1)).ravel()
        needed = []
        for n, g in enumerate(stories):
            needed.append(max(1 - SUBJECT_DISTANCE, JOIN_COHESION * _cohesion(float(square[n]), len(g))))
        similar = (vectors[fresh] @ centroids.T).toarray()
        gained: dict[int, list[int]] = {}
        left = []
        for row, i in enumerate(fresh):
            best = int(np.argmax(similar[row]))
            if similar[row, best] >= needed[best] and _same_happening(articles, stories[best], [i]):
                gained.setdefault(best, []).append(i)
            else:
                left.append(i)
        stories = [g + gained.get(n, []) for n, g in enumerate(stories)]
    found: list[list[int]] = []
    if left:
        for subject in _subjects(vectors[left]):
            texts = [_text(articles[left[i]]) for i in subject]
            for happening in _happenings(texts):
                for part in _by_protagonist(articles, [left[subject[i]] for i in happening], people):
                    found += _by_time(articles, part, people)
    return stories + found


@dataclass
class People:
    """The people each article names (resolved entity ids, with how often) and each person's name."""

    named: dict[str, Counter[str]] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)
    # the words of every person, place and organisation each article names
    things: dict[str, set[str]] = field(default_factory=dict)


def _people_named(story: Story) -> People:
    people = People()
    for e in story.entities:
        if e.type in THINGS:
            for m in e.mentions:
                people.things.setdefault(m.article, set()).update(_name_words(e.name))
        if e.type != "PERSON":
            continue
        people.names[e.id] = e.name
        for m in e.mentions:
            people.named.setdefault(m.article, Counter())[e.id] += 1
    return people


def _by_time(articles: Sequence[Article], group: list[int], people: People) -> list[list[int]]:
    """A group whose articles fall into two spells more than GAP_DAYS apart, each naming people,
    places or organisations of its own, sharing no person and no word of a name that not every
    article names, is two happenings: a quake in the north in May and one on the coast in August
    share the country and every word, not their towns. Words of names, not resolved entities:
    "Betty Ford Center" and "Betty Ford Centre" are one clinic however resolution went."""
    days = {i: _day(articles[i].published) for i in group}
    dated = sorted((d, i) for i, d in days.items() if d is not None)
    things = {i: people.things.get(articles[i].id, set()) for i in group}
    everywhere = set.intersection(*things.values()) if things else set()
    for k in range(1, len(dated)):
        if dated[k][0] - dated[k - 1][0] <= GAP_DAYS:
            continue
        early, late = [i for _d, i in dated[:k]], [i for _d, i in dated[k:]]
        named_early = set().union(*(things[i] for i in early))
        named_late = set().union(*(things[i] for i in late))
        if (named_early & named_late) - everywhere:
            continue  # a name in both spells beyond the subject: one happening followed up
        if _people_in(early, articles, people) & _people_in(late, articles, people):
            continue  # one person in both (a defendant tried months after the crime)
        if not (named_early - everywhere and named_late - everywhere):
            continue  # a spell that names only what all name has nothing of its own to set it apart
        for i in group:  # an undated article goes with the spell whose names it shares more
            if days[i] is None:
                (late if len(things[i] & named_late) > len(things[i] & named_early) else early).append(i)
        return _by_time(articles, sorted(early), people) + _by_time(articles, sorted(late), people)
    return [group]


def _people_in(group: list[int], articles: Sequence[Article], people: People) -> set[str]:
    """The words of the names of the people a group's articles name."""
    ids = {e for i in group for e in people.named.get(articles[i].id, ())}
    return {w for e in ids for w in _name_words(people.names.get(e, ""))}


def _day(published: str | None) -> int | None:
    """The day of publication as a day number, or None when the date is unknown."""
    day = published_day(published)
    return day.toordinal() if day is not None else None


def _share_a_name(one: str, other: str) -> bool:
    """ "W. Mark Felt" and "Felt": one man, whom entity resolution kept as two."""
    return bool(_name_words(one) & _name_words(other))


def _name_words(name: str) -> set[str]:
    return {w for w in words(name) if len(w) > 2}


def _by_protagonist(articles: Sequence[Article], group: list[int], people: People) -> list[list[int]]:
    """A group whose articles centre on two different people, one of whom the other's articles never
    name, is two happenings: one player's arrest and a teammate's a month later share every word
    and place, not their protagonist. Articles centred on neither go with the person they name more."""
    if len(group) < 2 * FRAGMENT:
        return [group]
    named = {i: people.named.get(articles[i].id, Counter()) for i in group}
    main = {i: max(sorted(n), key=lambda e: n[e]) for i, n in named.items() if n}
    counts = Counter(main.values()).most_common(2)
    if len(counts) < 2 or counts[1][1] < FRAGMENT:
        return [group]
    (one, _), (other, _) = counts
    ones = [i for i in group if main.get(i) == one]
    others = [i for i in group if main.get(i) == other]
    apart = not any(named[i][other] for i in ones) or not any(named[i][one] for i in others)
    if not apart or _share_a_name(people.names.get(one, ""), people.names.get(other, "")):
        return [group]
    for i in group:
        if main.get(i) not in (one, other):
            (ones if named[i][one] >= named[i][other] else others).append(i)
    return [sorted(ones), sorted(others)]


def story_index(groups: list[list[str]]) -> dict[str, int]:
    """Article id -> the number of its story (0-based, in the order `cluster_stories` gives)."""
    return {article_id: n for n, group in enumerate(groups) for article_id in group}
