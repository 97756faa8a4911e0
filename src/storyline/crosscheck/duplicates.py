"""Finding copied text (repeated paragraphs, reprinted articles) and rewrites that retell the same facts."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from hashlib import sha1
from struct import unpack_from

import numpy as np
from datasketch import MinHash, MinHashLSH

from storyline.crosscheck.claims import words
from storyline.crosscheck.claims_figures import unit_class
from storyline.crosscheck.claims_quotes import quote_groups
from storyline.crosscheck.unionfind import UnionFind
from storyline.model import Article, Duplicate, Story

SHINGLE = 5  # words per shingle
NUM_PERM = 128
SEED = 20240  # fixed, so the same input gives the same signatures on every machine
PARAGRAPH_THRESHOLD = 0.8
ARTICLE_THRESHOLD = 0.7
MIN_PARAGRAPH_WORDS = 12  # shorter ones (datelines, sign-offs) repeat without being copied
# LSH only proposes candidates; asking it for a lower threshold than the one confirmed
# exactly keeps pairs whose estimate falls just under the line.
LSH_SLACK = 0.15
# Members of two classes of identical texts whose sizes multiply to more than this are paired only with
# the first member of the other class they may pair with, looking at most MAX_TRIED members down.
EXACT_PAIRS = 4096
MAX_TRIED = 64
# A rewrite shares at least this many facts, in order, and this share of the shorter article's facts.
MIN_REWRITE_FACTS = 4
REWRITE_SHARE = 0.6

_PARAGRAPH = re.compile(r"[^\n]+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of each non-blank line, trimmed: cleaned bodies keep one paragraph per line."""
    spans = []
    for m in _PARAGRAPH.finditer(text):
        chunk = m.group()
        start = m.start() + len(chunk) - len(chunk.lstrip())
        end = m.end() - (len(chunk) - len(chunk.rstrip()))
        if end > start:
            spans.append((start, end))
    return spans


def shingles(text: str, size: int = SHINGLE) -> set[str]:
    tokens = words(text)
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def hashed(shingle_set: Iterable[str]) -> bytes:
    """A shingle set as the sorted first eight bytes of each shingle's SHA-1, packed: an eighth of
    the memory of the strings, equal for equal sets, and its low four bytes per shingle are the
    32-bit hash that MinHash itself takes of the shingle (datasketch's `sha1_hash32`)."""
    found = {unpack_from("<Q", sha1(x.encode("utf-8")).digest())[0] for x in shingle_set}
    return np.array(sorted(found), dtype=np.uint64).tobytes()


def _signature(packed: bytes, template: MinHash) -> np.ndarray:
    """The MinHash signature of a set given as `hashed` packs it: the same values as hashing the
    shingles' bytes with datasketch's default hash function."""
    low = np.frombuffer(packed, dtype=np.uint64) & np.uint64(0xFFFFFFFF)
    m = MinHash(
        num_perm=NUM_PERM, seed=SEED, hashfunc=int, permutations=template.permutations, scheme=template.scheme
    )
    m.update_batch(low.tolist())
    return m.hashvalues


class _Bands:
    """Which signatures share a band, the way MinHashLSH buckets them (a band's values equal),
    kept as a few integer arrays instead of a dict of byte strings per band."""

    def __init__(self, signatures: np.ndarray, threshold: float) -> None:
        lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self.bands: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
        for lo, hi in lsh.hashranges:
            _, group, counts = np.unique(
                signatures[:, lo:hi], axis=0, return_inverse=True, return_counts=True
            )
            group = group.reshape(-1)
            starts = np.concatenate([[0], np.cumsum(counts)])
            self.bands.append((group, np.argsort(group, kind="stable"), starts))

    def sharing(self, c: int) -> set[int]:
        """Every signature in a bucket with signature `c`, itself included."""
        found = {c}
        for group, members, starts in self.bands:
            lo, hi = starts[group[c]], starts[group[c] + 1]
            if hi - lo > 1:
                found.update(members[lo:hi].tolist())
        return found


def near_pairs(
    sets: Iterable[Iterable[str]],
    threshold: float,
    rank: Callable[[int], object] | None = None,
    allowed: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int, float]]:
    """Index pairs (i < j, in no set order) whose exact shingle Jaccard reaches `threshold`, by MinHash LSH.

    `sets` is read once, one set at a time: each is kept only as its packed hashes (`hashed`)
    and, once per distinct set, its signature, so the strings of every shingle of the input are
    never held at once. Identical sets (a paragraph reprinted by many outlets) are hashed,
    queried and compared once. Pairs `allowed` refuses are left out. Two classes of identical
    sets whose sizes multiply to at most EXACT_PAIRS list all their members' pairs;
    past that, and given `rank` (the order `star_pairs` reads), each member is
    listed only with the first-ranked member it may pair with in each class (its
    own included): that keeps each member's earliest match and joins every member
    to the class's first, which is all `star_pairs` needs, so a paragraph reprinted
    n times gives about n pairs instead of n(n-1)/2.
    """
    same: dict[bytes, list[int]] = {}
    for i, s in enumerate(sets):
        packed = hashed(s)
        if packed:
            same.setdefault(packed, []).append(i)
    packs = list(same)
    classes = list(same.values())
    del same
    if not classes:
        return []
    if rank is not None:
        classes = [sorted(members, key=lambda i: (rank(i), i)) for members in classes]
    template = MinHash(num_perm=NUM_PERM, seed=SEED)
    signatures = np.stack([_signature(packed, template) for packed in packs])
    bands = _Bands(signatures, max(0.2, threshold - LSH_SLACK))
    ok = allowed or (lambda i, j: True)
    found: list[tuple[int, int, float]] = []
    for c, members in enumerate(classes):
        found += _class_pairs(
            members, members, 1.0, ok, exact=rank is None or len(members) ** 2 <= EXACT_PAIRS
        )
        a = np.frombuffer(packs[c], dtype=np.uint64)
        for d in sorted(bands.sharing(c)):
            if d <= c or np.count_nonzero(signatures[c] == signatures[d]) / NUM_PERM < threshold - LSH_SLACK:
                continue
            b = np.frombuffer(packs[d], dtype=np.uint64)
            shared = len(np.intersect1d(a, b, assume_unique=True))
            similarity = shared / (len(a) + len(b) - shared)  # the union's size, without building it
            if similarity >= threshold:
                exact = rank is None or len(members) * len(classes[d]) <= EXACT_PAIRS
                found += _class_pairs(members, classes[d], similarity, ok, exact)
    return found


def _class_pairs(
    one: list[int], other: list[int], similarity: float, ok: Callable[[int, int], bool], exact: bool
) -> list[tuple[int, int, float]]:
    """Pairs between two classes of identical sets (or within one, when `one` is `other`), as ordered pairs.

    Not `exact`: each member with the first member of the other class it may pair with,
    looking at most MAX_TRIED members down (both classes ranked first to last).
    """
    within = one is other
    if exact:
        pairs = (
            ((i, j) for n, i in enumerate(one) for j in one[n + 1 :])
            if within
            else ((i, j) for i in one for j in other)
        )
        return [(min(i, j), max(i, j), similarity) for i, j in pairs if ok(i, j)]
    out: set[tuple[int, int]] = set()
    for members, partners in ((one, other), (other, one)) if not within else ((one, one),):
        for i in members:
            tried = (j for j in partners[: MAX_TRIED + 1] if j != i)
            j = next((j for j in tried if ok(i, j)), None)
            if j is not None:
                out.add((min(i, j), max(i, j)))
    return [(i, j, similarity) for i, j in sorted(out)]


def star_pairs(
    found: list[tuple[int, int, float]], rank: Callable[[int], object]
) -> list[tuple[int, int, float]]:
    """One record per copy instead of one per pair: a text reprinted by twenty outlets gives 19, not 190.

    Each member of a group of near-identical texts is paired with the group's first
    member when they match, else with the earliest member it matches. Done on arrays:
    a paragraph reprinted by hundreds of outlets makes hundreds of thousands of pairs.
    """
    import numpy as np
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    if not found:
        return []
    a = np.fromiter((i for i, _, _ in found), np.int64, len(found))
    b = np.fromiter((j for _, j, _ in found), np.int64, len(found))
    sim = np.fromiter((x for _, _, x in found), np.float64, len(found))
    units, local = np.unique(np.concatenate([a, b]), return_inverse=True)
    la, lb = local[: len(found)], local[len(found) :]
    order = sorted(range(len(units)), key=lambda n: rank(int(units[n])))
    place = np.empty(len(units), np.int64)
    place[order] = np.arange(len(units))
    graph = coo_matrix((np.ones(len(found)), (la, lb)), shape=(len(units), len(units)))
    _, component = connected_components(graph, directed=False)
    first = np.full(component.max() + 1, len(units))
    np.minimum.at(first, component, place)
    # every pair seen from both ends; each unit's partner is its neighbour placed first
    member, partner = np.concatenate([la, lb]), np.concatenate([lb, la])
    pick = np.lexsort((place[partner], member))
    member, partner = member[pick], partner[pick]
    head = np.ones(len(member), bool)
    head[1:] = member[1:] != member[:-1]
    member, partner = member[head], partner[head]
    keep = place[member] != first[component[member]]
    lo = np.minimum(units[member[keep]], units[partner[keep]])
    hi = np.maximum(units[member[keep]], units[partner[keep]])
    sims = {(i, j): x for i, j, x in zip(a.tolist(), b.tolist(), sim.tolist(), strict=True)}
    kept = {(i, j): sims[(i, j)] for i, j in zip(lo.tolist(), hi.tolist(), strict=True)}
    return [(i, j, x) for (i, j), x in sorted(kept.items())]


def first_published(story: Story) -> Callable[[str], tuple[str, str]]:
    """Sort key: earliest published first, then the lexicographically first id (who a copy counts as)."""
    published = {a.id: a.published or "9999-99-99" for a in story.articles}
    return lambda article_id: (published.get(article_id, "9999-99-99"), article_id)


def _place(article: str, start: int, end: int) -> dict[str, object]:
    return {"article": article, "start": start, "end": end}


def article_duplicates(story: Story) -> list[Duplicate]:
    """Whole articles that are near copies of each other, the earlier one as `a`."""
    articles = [a for a in story.articles if len(words(a.text)) >= MIN_PARAGRAPH_WORDS]
    key = first_published(story)
    ranked = lambda i: key(articles[i].id)  # noqa: E731 - one order for both steps
    found = near_pairs((shingles(a.text) for a in articles), ARTICLE_THRESHOLD, ranked)
    copies = []
    for i, j, sim in star_pairs(found, ranked):
        x, y = sorted((articles[i], articles[j]), key=lambda a: key(a.id))
        copies.append(Duplicate(_place(x.id, 0, len(x.text)), _place(y.id, 0, len(y.text)), sim, "article"))
    return copies


def paragraph_duplicates(story: Story, copies: Iterable[tuple[str, str]] = ()) -> list[Duplicate]:
    """Near-identical paragraphs anywhere in the input, inside one article too.

    Pairs between two articles already known as copies of each other are left out:
    the article-level record says it once.
    """
    skip = {frozenset(pair) for pair in copies}
    units: list[tuple[Article, int, int]] = []
    for article in story.articles:
        for start, end in paragraphs(article.text):
            if len(words(article.text[start:end])) >= MIN_PARAGRAPH_WORDS:
                units.append((article, start, end))
    sets = (shingles(a.text[s:e]) for a, s, e in units)
    key = first_published(story)
    ranked = lambda i: (key(units[i][0].id), units[i][1])  # noqa: E731 - one order for both steps

    def allowed(i: int, j: int) -> bool:
        return units[i][0].id == units[j][0].id or frozenset((units[i][0].id, units[j][0].id)) not in skip

    found = near_pairs(sets, PARAGRAPH_THRESHOLD, ranked, allowed)
    repeats = []
    for i, j, sim in star_pairs(found, ranked):
        (x, xs, xe), (y, ys, ye) = sorted((units[i], units[j]), key=lambda u: (key(u[0].id), u[1]))
        repeats.append(Duplicate(_place(x.id, xs, xe), _place(y.id, ys, ye), sim, "paragraph"))
    return repeats


def find_duplicates(story: Story) -> list[Duplicate]:
    """Article-level copies, then paragraph-level ones, in a stable order."""
    whole = article_duplicates(story)
    parts = paragraph_duplicates(story, [(d.a["article"], d.b["article"]) for d in whole])
    key = _sort_key(story)
    return sorted(whole, key=key) + sorted(parts, key=key)


def _sort_key(story: Story) -> Callable[[Duplicate], tuple[int, int, int, int]]:
    order = {a.id: i for i, a in enumerate(story.articles)}
    return lambda d: (order.get(d.a["article"], 0), d.a["start"], order.get(d.b["article"], 0), d.b["start"])


def copy_of(story: Story, duplicates: Iterable[Duplicate]) -> dict[str, str]:
    """Article id -> the original of its copy group (earliest published, then first id), copies only."""
    index = {a.id: i for i, a in enumerate(story.articles)}
    uf = UnionFind(len(story.articles))
    for d in duplicates:
        if d.scope == "article":
            uf.union(index[d.a["article"]], index[d.b["article"]])
    key = first_published(story)
    originals: dict[str, str] = {}
    for group in uf.groups():
        ids = [story.articles[i].id for i in group]
        first = min(ids, key=key)
        originals.update({a: first for a in ids if a != first})
    return originals


def mark_copies(story: Story, duplicates: Iterable[Duplicate]) -> None:
    """Set `duplicate_of` on every copy so it counts as one source with its original."""
    originals = copy_of(story, duplicates)
    for article in story.articles:
        article.duplicate_of = originals.get(article.id)


Fact = tuple[str, object, object]  # ("figure", unit, value) | ("quote", group, None) | ("date", date, None)


def _facts_by_article(story: Story) -> dict[str, list[Fact]]:
    """Each article's facts in the order it states them: figures, quotes, and each event date once.

    Facts are plain values, so two articles share a fact when the values are equal;
    quotes are numbered by the group of matching words they belong to.
    """
    placed: dict[str, list[tuple[int, Fact]]] = {}
    for f in story.figures:
        if f.value is not None:
            placed.setdefault(f.article, []).append(
                (f.start, ("figure", unit_class(f.unit), round(f.value, 6)))
            )
    for n, group in enumerate(quote_groups(story.quotes)):
        for i in group:
            q = story.quotes[i]
            placed.setdefault(q.article, []).append((q.start, ("quote", n, None)))
    dates_seen: set[tuple[str, str]] = set()
    for v in sorted(story.events, key=lambda v: (v.article, v.start)):
        if v.date and (v.article, v.date) not in dates_seen:
            dates_seen.add((v.article, v.date))
            placed.setdefault(v.article, []).append((v.start, ("date", v.date, None)))
    return {a: [fact for _, fact in sorted(facts, key=lambda p: p[0])] for a, facts in placed.items()}


def facts_in_order(a: list[Fact], b: list[Fact]) -> int:
    """Longest common subsequence of two fact lists: facts shared and told in the same order."""
    previous = [0] * (len(b) + 1)
    for fa in a:
        current = [0]
        for j, fb in enumerate(b):
            current.append(previous[j] + 1 if fa == fb else max(previous[j + 1], current[j]))
        previous = current
    return previous[-1]


def find_rewrites(story: Story, groups: Iterable[Iterable[str]] | None = None) -> dict[str, str]:
    """Article id -> the earlier article it retells: the same facts in the same order, new wording.

    Copies (articles with `duplicate_of`) are not rewrites: their text already says so.
    Of two articles published the same day, the one with the later id counts as the rewrite.
    """
    groups = [list(g) for g in groups] if groups is not None else [[a.id for a in story.articles]]
    key = first_published(story)
    copies = {a.id for a in story.articles if a.duplicate_of}
    by_article = _facts_by_article(story)
    rewrites: dict[str, str] = {}
    for group in groups:
        ids = sorted((a for a in group if a not in copies), key=key)
        # fact -> (position in `ids`, times stated) of each earlier article stating it
        holders: dict[Fact, list[tuple[int, int]]] = {}
        for i, later in enumerate(ids):
            facts = Counter(by_article.get(later, []))
            shared: Counter[int] = Counter()
            for fact, times in facts.items():
                for n, earlier_times in holders.get(fact, ()):
                    shared[n] += min(times, earlier_times)
            # only earlier articles sharing enough facts, in any order, can be retold
            for n in sorted(n for n, count in shared.items() if count >= MIN_REWRITE_FACTS):
                if _retells(by_article.get(ids[n], []), by_article.get(later, [])):
                    rewrites[later] = ids[n]
                    break
            for fact, times in facts.items():
                holders.setdefault(fact, []).append((i, times))
    return rewrites


def _retells(a: list[Fact], b: list[Fact]) -> bool:
    shorter = min(len(a), len(b))
    needed = max(MIN_REWRITE_FACTS, REWRITE_SHARE * shorter)
    if shorter < MIN_REWRITE_FACTS or sum((Counter(a) & Counter(b)).values()) < needed:
        return False  # not enough facts in common, in any order
    return facts_in_order(a, b) >= needed
