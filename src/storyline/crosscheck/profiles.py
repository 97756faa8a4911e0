"""Profiling each article as a source: opinion or reporting, and which facts it shares, owns or lacks."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from storyline.crosscheck.claims import source_keys, words
from storyline.crosscheck.duplicates import find_rewrites
from storyline.crosscheck.stories import cluster_stories, story_index
from storyline.model import Article, Claim, Quote, Story

MIN_WORDS = 60  # below this a text is too short to say how it is written
# Opinion evidence minus attribution evidence, per 100 words, above which a piece argues
# rather than reports. A page its publisher labels as opinion (title or address) is opinion.
OPINION_THRESHOLD = 1.5
# A piece that attributes almost none of its sentences to anyone, and speaks in its own voice at all,
# argues: reporting carries its facts to a source sentence by sentence.
LOW_ATTRIBUTION = 0.15  # share of sentences that quote or attribute
OWN_VOICE = 0.75  # own-voice markers per 100 words, for a piece that attributes that little

FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself", "i'm", "i've", "i'd", "i'll"})
FIRST_PERSON_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves", "we're", "we've", "let's"})
EVALUATIVE = frozenset(
    """
    absurd admirable alarming appalling arrogant awful baffling bizarre brilliant callous careless
    commendable courageous cowardly cruel cynical deplorable disastrous disgraceful dishonest dismal
    dreadful embarrassing excellent foolish hypocritical idiotic incompetent inept inexcusable
    insulting irresponsible laudable laughable ludicrous mediocre misguided naive outrageous pathetic
    pointless preposterous reckless ridiculous scandalous senseless sensible shameful shameless silly
    stupid terrible unacceptable unconscionable unforgivable unjust wise woeful wonderful wrong
    clearly obviously surely frankly honestly sadly unfortunately thankfully fortunately hopefully
    undoubtedly arguably simply merely truly absolutely utterly blatantly shamefully ridiculously
    """.split()
)
HEDGES = frozenset({"should", "must", "ought", "perhaps", "maybe", "probably", "seemingly", "shouldn't"})
ATTRIBUTION_CUES = frozenset(
    {
        "said",
        "says",
        "told",
        "according",
        "stated",
        "announced",
        "confirmed",
        "added",
        "reported",
        "explained",
    }
)
_LABELLED_PATH = re.compile(
    r"(?:^|[/_.-])(?:opinions?|comment|commentisfree|editorials?|op-?eds?|columns?|columnists?)(?:[/_.-]|$)"
)
_LABELLED_TITLE = re.compile(
    r"^\s*(?:opinion|comment|editorial|op-?ed|column|letters?)\s*[:|—–-]", re.IGNORECASE
)
_QUOTED = re.compile(r"“[^”]*”|\"[^\"\n]*\"")
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’']?\s+(?=[\"“‘'(]?[A-Z0-9])")


@dataclass
class OpinionEvidence:
    """The counts an opinion score is made of, so a reader can check the call."""

    words: int = 0
    first_person: int = 0  # I, me, my outside quotes
    first_person_plural: int = 0  # we, our outside quotes (the editorial "we")
    evaluative: int = 0  # judging adjectives and stance adverbs outside quotes
    hedges: int = 0  # should, must, perhaps outside quotes
    questions: int = 0  # questions asked in the writer's own voice
    attributions: int = 0  # quotes carried plus "said", "according to" and the like
    labelled: bool = False  # the title or address calls it opinion
    sentences: int = 0
    attributed_sentences: int = 0  # sentences holding a quote or an attribution cue

    @property
    def attributed_share(self) -> float:
        return self.attributed_sentences / self.sentences if self.sentences else 0.0

    @property
    def voice(self) -> float:
        """Own-voice markers, weighted: the writer's I and questions count most."""
        return (
            2 * self.first_person
            + 0.5 * self.first_person_plural
            + self.evaluative
            + self.hedges
            + 2 * self.questions
        )


@dataclass
class SourceProfile:
    article: str
    kind: str  # news | opinion | unknown
    opinion_score: float
    evidence: OpinionEvidence
    facts_total: int = 0
    facts_corroborated: int = 0  # facts another independent source also states, without conflict
    exclusive: list[str] = field(default_factory=list)  # claim ids no other source states
    missing: list[str] = field(default_factory=list)  # claim ids every other source (2+) states
    rewrite_of: str | None = None
    story: int = 0  # which story of the input the article belongs to

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _own_voice(article: Article, quotes: Iterable[Quote]) -> str:
    """The article's text with every quoted passage blanked out."""
    chars = list(article.text)
    spans = [(q.start, q.end) for q in quotes] + [m.span() for m in _QUOTED.finditer(article.text)]
    for start, end in spans:
        chars[max(0, start) : max(0, end)] = " " * (max(0, end) - max(0, start))
    return "".join(chars)


def _labelled(article: Article) -> bool:
    address = (article.url or article.source or "").lower().split("?")[0]
    return bool(_LABELLED_PATH.search(address) or _LABELLED_TITLE.match(article.title or ""))


def _attributed(sentence: str) -> bool:
    return bool(_QUOTED.search(sentence)) or any(t in ATTRIBUTION_CUES for t in words(sentence))


def opinion_evidence(article: Article, quotes: list[Quote]) -> OpinionEvidence:
    own = _own_voice(article, quotes)
    tokens = words(own)
    sentences = [s for s in _SENTENCE_END.split(article.text) if words(s)]
    return OpinionEvidence(
        words=len(words(article.text)),
        first_person=sum(t in FIRST_PERSON for t in tokens),
        first_person_plural=sum(t in FIRST_PERSON_PLURAL for t in tokens),
        evaluative=sum(t in EVALUATIVE for t in tokens),
        hedges=sum(t in HEDGES for t in tokens),
        questions=own.count("?"),
        attributions=len(quotes) + sum(t in ATTRIBUTION_CUES for t in tokens),
        labelled=_labelled(article),
        sentences=len(sentences),
        attributed_sentences=sum(1 for s in sentences if _attributed(s)),
    )


def opinion_score(e: OpinionEvidence) -> float:
    """Opinion markers minus attribution, per 100 words, from the text alone (labels aside)."""
    if not e.words:
        return 0.0
    return round(100 * (e.voice - e.attributions) / e.words, 3)


def classify(article: Article, quotes: list[Quote]) -> tuple[str, float, OpinionEvidence]:
    """The article's kind (news, opinion, or unknown for a very short text), its score and evidence."""
    evidence = opinion_evidence(article, quotes)
    score = opinion_score(evidence)
    if evidence.labelled:
        return "opinion", score, evidence
    if evidence.words < MIN_WORDS:
        return "unknown", score, evidence
    # the writer's own "I" in a piece that attributes almost nothing: a narrated match report has the
    # low attribution but not the I, a reporter's aside has one I but attributes
    unattributed = (
        evidence.first_person >= 2
        and evidence.attributed_share < LOW_ATTRIBUTION
        and 100 * evidence.voice / evidence.words >= OWN_VOICE
    )
    return ("opinion" if score > OPINION_THRESHOLD or unattributed else "news"), score, evidence


def profile_sources(story: Story, groups: list[list[str]] | None = None) -> dict[str, SourceProfile]:
    """A profile per article id; reads the claims `crosscheck` filled, so run it after. `groups` are
    the stories cross-checking used (`crosscheck_stories` returns them); without them, they are
    grouped again."""
    quotes: dict[str, list[Quote]] = {}
    for q in story.quotes:
        quotes.setdefault(q.article, []).append(q)
    groups = groups if groups is not None else cluster_stories(story)
    index = story_index(groups)
    rewrites = find_rewrites(story, groups)
    source = source_keys(story)
    claims = _claims_by_story(story.claims, index, source)
    facts = {n: _StoryFacts(claims.get(n, []), source, group) for n, group in enumerate(groups)}
    profiles = {}
    for article in story.articles:
        kind, score, evidence = classify(article, quotes.get(article.id, []))
        kind = article.kind if kind == "unknown" else kind  # too short to judge: keep what cleaning said
        profile = SourceProfile(article.id, kind, score, evidence, rewrite_of=rewrites.get(article.id))
        profile.story = index.get(article.id, 0)
        if profile.story in facts:
            facts[profile.story].fill(profile)
        profiles[article.id] = profile
    return profiles


def _claims_by_story(
    claims: list[Claim], index: dict[str, int], source: dict[str, str]
) -> dict[int, list[tuple[Claim, set[str]]]]:
    """Each story's claims, with the independent sources that state each one."""
    out: dict[int, list[tuple[Claim, set[str]]]] = {}
    for claim in claims:
        story = index.get(claim.articles[0], 0) if claim.articles else 0
        out.setdefault(story, []).append((claim, {source.get(a, a) for a in claim.articles}))
    return out


class _StoryFacts:
    """One story's claims indexed by article, and by the source that alone leaves each one out.

    A profile then reads only its own claims and the ones it misses, instead of every
    claim of the story, so a story of a thousand articles costs its claims once.
    """

    def __init__(
        self, claims: list[tuple[Claim, set[str]]], source: dict[str, str], group: list[str]
    ) -> None:
        self.source = source
        self.sources = {source.get(a, a) for a in group}
        self.stated: dict[str, list[tuple[Claim, set[str]]]] = {}
        self.missed_by_source: dict[str, list[str]] = {}  # source -> claims every other source states
        self.missed_by_all: list[tuple[Claim, set[str]]] = []  # claims every source of the story states
        in_group = set(group)
        for claim, sources in claims:
            for article in dict.fromkeys(claim.articles):
                self.stated.setdefault(article, []).append((claim, sources))
            if not in_group.issuperset(claim.articles):
                continue
            absent = self.sources - sources
            if not absent:
                self.missed_by_all.append((claim, set(claim.articles)))
            elif len(absent) == 1:
                self.missed_by_source.setdefault(absent.pop(), []).append(claim.id)

    def fill(self, profile: SourceProfile) -> None:
        own = self.source.get(profile.article, profile.article)
        for claim, sources in self.stated.get(profile.article, []):
            profile.facts_total += 1
            if sources - {own} and claim.status != "conflicting":
                profile.facts_corroborated += 1
            if sources == {own}:
                profile.exclusive.append(claim.id)
        if len(self.sources - {own}) >= 2:
            # every other source states it and this article does not
            profile.missing += self.missed_by_source.get(own, [])
            profile.missing += [c.id for c, articles in self.missed_by_all if profile.article not in articles]
        profile.exclusive.sort()
        profile.missing.sort()
