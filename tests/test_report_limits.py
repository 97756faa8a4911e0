"""A report of a story past the report's limits: each long list cut, a line saying how many are
left out, every link still landing, every article's text still escaped."""

from __future__ import annotations

import re

from storyline.model import Article, Claim, Disagreement, Statement, Story, content_id
from storyline.report import render_report
from storyline.report.limits import LIMITS

HOSTILE = '<script>alert("x")</script> Officials said <img src=x onerror=alert(1)> the road reopened.'


def crowded_story(articles: int, claims_per_article: int) -> Story:
    """Many outlets, each article a few sentences; each sentence its own one-outlet claim, and the
    first sentence of every article one claim that all of them state."""
    story = Story()
    shared = Claim(content_id("c", "shared"), "statement", "The road reopened.", [], [], "corroborated")
    for n in range(articles):
        sentences = [HOSTILE] + [
            f"Crew {n}-{k} cleared the <b>ditch</b> {k}." for k in range(claims_per_article)
        ]
        text = "\n\n".join(sentences)
        article = Article(
            content_id("a", n),
            f"{n}.txt",
            text,
            outlet=f"Outlet <i>{n}</i>",
            published=f"2026-03-{n % 28 + 1:02d}",
        )
        story.articles.append(article)
        start = 0
        for k, sentence in enumerate(sentences):
            s = Statement(
                content_id("s", article.id, start), article.id, start, start + len(sentence), sentence
            )
            story.statements.append(s)
            if k == 0:
                shared.members.append(s.id)
                shared.articles.append(article.id)
            else:
                story.claims.append(
                    Claim(content_id("c", s.id), "statement", sentence, [s.id], [article.id], "single_source")
                )
            start += len(sentence) + 2
    story.claims.append(shared)
    return story


def test_a_story_past_the_limits_says_how_many_are_not_shown_and_still_escapes() -> None:
    articles = LIMITS["articles"] + 30
    claims_per_article = LIMITS["claims"] // LIMITS["articles"] + 1
    story = crowded_story(articles, claims_per_article)
    html = render_report(story)

    assert html.count('<article class="doc"') == LIMITS["articles"]
    assert re.search(r'id="articles-more">30 more articles not shown here', html)
    hidden_claims = len(story.claims) - LIMITS["claims"]
    assert re.search(rf'id="claims-more">{hidden_claims:,} more claims not shown here', html)
    assert html.count('<div class="claim" id=') == LIMITS["claims"]
    # the claim every article states lists its first sentences and says how many more there are
    assert f"{articles - LIMITS['members']} more sentences that state this claim" in html
    # the coverage table's columns are the articles stating the most of its claims, the rest counted
    assert f"Columns: the {LIMITS['coverage_columns']} articles that state the most" in html
    assert f"{articles - LIMITS['coverage_columns']} more are not shown" in html
    # the header still counts every article
    assert f"{articles} articles" in html

    assert "<script" not in html.lower() and "<img" not in html.lower()
    assert "&lt;script&gt;" in html and "&lt;b&gt;ditch&lt;/b&gt;" in html
    targets = set(re.findall(r'id="([^"]+)"', html))
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert links <= targets, f"links without a target: {sorted(links - targets)[:5]}"
    assert "#articles-more" in {f"#{x}" for x in links}


def test_a_story_within_the_limits_has_no_line_about_what_is_left_out() -> None:
    html = render_report(crowded_story(12, 3))
    assert "not shown here" not in html
    assert html.count('<article class="doc"') == 12


def test_past_the_limit_the_articles_a_disagreement_quotes_are_printed() -> None:
    story = crowded_story(LIMITS["articles"] + 30, 1)
    # the two latest articles, which the earliest-first cut would leave out, disagree
    late = sorted(story.articles, key=lambda a: (a.published or "", a.id))[-2:]
    sides = [next(s for s in story.statements if s.article == a.id and "Crew" in s.text) for a in late]
    story.claims.append(
        Claim(
            content_id("c", "clash"),
            "statement",
            sides[0].text,
            [s.id for s in sides],
            [a.id for a in late],
            "conflicting",
            note="the two crews' counts differ",
            disagreements=[Disagreement("figure", sides[0].id, sides[1].id, "the two crews' counts differ")],
        )
    )
    html = render_report(story)
    for a, s in zip(late, sides, strict=True):
        assert f'<article class="doc" id="{a.id}">' in html
        assert f'href="#{s.id}">read it in the article' in html
    assert html.count('<article class="doc"') == LIMITS["articles"]
