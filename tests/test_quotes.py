"""Quote finding: marks, cues, split and multi-paragraph quotes, posts, and speaker resolution."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.extract.quotes import find_quotes
from storyline.extract.quotes.cues import cue_base
from storyline.extract.quotes.marks import MAX_QUOTE_CHARS, find_marked
from storyline.model import Article, Mention, Quote, Span, content_id
from storyline.nlp import load


def quotes_of(
    text: str, mentions: list[Mention] | None = None, embeds: list[Span] | None = None
) -> list[Quote]:
    article = Article(id="a-test", source="test.txt", text=text, embeds=embeds or [])
    return find_quotes(article, load()(text), mentions or [])


def speaker_name(text: str, quote: Quote) -> str | None:
    return text[quote.speaker_span[0] : quote.speaker_span[1]] if quote.speaker_span else None


def only(quotes: list[Quote]) -> Quote:
    assert len(quotes) == 1, [q.text for q in quotes]
    return quotes[0]


# marks ----------------------------------------------------------------------


def test_straight_quote_with_cue_after_is_direct_with_speaker() -> None:
    text = 'Ana Ortega visited the dam on Monday.\n\n"The wall will hold," Ortega said.'
    quote = only(quotes_of(text))
    assert quote.text == "The wall will hold"
    assert text[quote.start : quote.end] == "The wall will hold"
    assert (quote.kind, quote.cue, quote.speaker_text) == ("direct", "say", "Ortega")
    assert speaker_name(text, quote) == "Ortega"
    assert quote.speaker is None
    assert quote.id == content_id("q", "a-test", quote.start, quote.end)


def test_curly_quotes_are_read_like_straight_ones() -> None:
    text = "“We are not leaving,” said Ortega."
    quote = only(quotes_of(text))
    assert quote.text == "We are not leaving"
    assert speaker_name(text, quote) == "Ortega"


def test_single_quotes_with_says_survive_apostrophes() -> None:
    text = "Ana Ortega grew up here in the ’90s. 'It's Ortega's town and it's worth saving,' she says."
    quote = only(quotes_of(text))
    assert quote.text == "It's Ortega's town and it's worth saving"
    assert quote.cue == "say"
    assert speaker_name(text, quote) == "Ana Ortega"


def test_apostrophes_alone_make_no_quote() -> None:
    text = "The farmers' union met in the '90s and it's still Ortega's favourite hall."
    assert quotes_of(text) == []


def test_quote_inside_a_quote_stays_part_of_the_outer_one() -> None:
    text = "'He told us \"never again\" and left,' said Tom Reyes."
    quote = only(quotes_of(text))
    assert quote.text == 'He told us "never again" and left'


# cues -----------------------------------------------------------------------


def test_cue_before_quote_with_colon() -> None:
    text = 'Tom Reyes said: "The pumps are running again."'
    quote = only(quotes_of(text))
    assert quote.cue == "say"
    assert speaker_name(text, quote) == "Tom Reyes"


def test_told_reporters_that_keeps_the_name_not_the_appositive() -> None:
    text = 'Ortega, the minister, told reporters that "the water is safe to drink."'
    quote = only(quotes_of(text))
    assert quote.cue == "tell"
    assert quote.speaker_text == "Ortega"
    assert speaker_name(text, quote) == "Ortega"


def test_question_with_inverted_cue_keeps_the_name() -> None:
    text = '"Why now?" asked Senator Ruth Okafor. "Why not five years ago?"'
    quote = only(quotes_of(text))
    assert (quote.text, quote.cue) == ("Why now? Why not five years ago?", "ask")
    assert speaker_name(text, quote) == "Ruth Okafor"


def test_cue_forms_reduce_to_their_base() -> None:
    pairs = {"said": "say", "says": "say", "told": "tell", "added": "add", "warned": "warn",
             "wrote": "write", "posted": "post", "described": "describe", "replied": "reply",
             "admitted": "admit", "labelled": "label"}  # fmt: skip
    assert {form: cue_base(form) for form in pairs} == pairs
    assert cue_base("river") is None


# split, multi-paragraph and partial quotes -----------------------------------


def test_quote_split_by_attribution_keeps_one_speaker() -> None:
    text = 'Lena Markov runs the shelter. "We have beds for forty," she said. "We need more."'
    quote = only(quotes_of(text))
    assert quote.text == "We have beds for forty We need more."
    assert text[quote.start : quote.end].startswith("We have beds")
    assert text[quote.start : quote.end].endswith("We need more.")
    assert speaker_name(text, quote) == "Lena Markov"


def test_second_quote_with_its_own_attribution_stays_separate() -> None:
    text = '"We are ready," said Ana Ortega. "We are not," Tom Reyes replied.'
    quotes = quotes_of(text)
    assert [speaker_name(text, q) for q in quotes] == ["Ana Ortega", "Tom Reyes"]


def test_quote_over_paragraphs_is_one_quote() -> None:
    text = (
        "“We will rebuild every house,” said Tom Reyes.\n\n"
        "“It will take two years.\n\n"
        "“But nobody will be left behind,” he added."
    )
    quotes = quotes_of(text)
    assert len(quotes) == 2
    assert quotes[1].text == "It will take two years. But nobody will be left behind"
    assert speaker_name(text, quotes[1]) == "Tom Reyes"


def test_single_quoted_quote_over_paragraphs_is_one_quote() -> None:
    text = "‘We will not move,’ says Greta Holm.\n\n‘This is our home.\n\n‘It always was.’"
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == ["We will not move", "This is our home. It always was."]
    assert [speaker_name(text, q) for q in quotes] == ["Greta Holm", "Greta Holm"]


def test_partial_quote_inside_paraphrase_takes_the_subject() -> None:
    text = 'Tom Reyes described the offer as "a fair price" on Monday.'
    quote = only(quotes_of(text))
    assert (quote.text, quote.kind, quote.cue) == ("a fair price", "partial", "describe")
    assert speaker_name(text, quote) == "Tom Reyes"


def test_bare_quote_paragraph_continues_the_last_speaker() -> None:
    text = 'Ana Ortega said the dam was sound.\n\n"We checked every bolt twice this week."'
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Ana Ortega"
    assert quote.cue is None


# posts ----------------------------------------------------------------------


def test_embedded_post_signature_gives_post_and_its_author() -> None:
    text = (
        "The flood reached the square overnight.\n\n"
        "We are safe. Thanks to every volunteer. — Lena Markov (@lenamarkov) March 4, 2026"
    )
    quote = only(quotes_of(text))
    assert (quote.kind, quote.text) == ("post", "We are safe. Thanks to every volunteer.")
    assert speaker_name(text, quote) == "Lena Markov"


def test_embed_span_from_cleaning_marks_a_post() -> None:
    text = "Residents shared updates.\n\nBridge closed, take the north road https://t.co/abc"
    start = text.index("Bridge")
    quote = only(quotes_of(text, embeds=[Span(start, len(text), "post")]))
    assert (quote.kind, quote.text) == ("post", "Bridge closed, take the north road")


def test_a_marked_post_followed_by_its_signature_line_is_one_post() -> None:
    """The cleaner marks the post's words and link; the signature on the next line reads the same
    post again, which once gave two quotes with one id and a store that refused the story."""
    text = (
        "Residents shared updates.\n\n"
        "Bridge closed, take the north road: pic.twitter.com/abc123\n\n"
        "— Kell Radio (@kellradio) 26 May 2026"
    )
    start = text.index("Bridge")
    quote = only(quotes_of(text, embeds=[Span(start, text.index("\n\n—"), "post")]))
    assert (quote.kind, quote.text) == ("post", "Bridge closed, take the north road:")


def test_quote_written_on_a_platform_is_a_post() -> None:
    text = 'Lena Markov wrote on X: "The shelter is full tonight."'
    quote = only(quotes_of(text))
    assert (quote.kind, quote.cue) == ("post", "write")
    assert speaker_name(text, quote) == "Lena Markov"


# speakers -------------------------------------------------------------------


def test_pronoun_follows_the_person_who_spoke_last() -> None:
    text = (
        "Ana Ortega met Lena Markov at the shelter. Markov said the roof was leaking.\n\n"
        '"Nobody has come to fix it," she said.'
    )
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Markov"


def test_pronoun_skips_a_person_of_the_other_gender() -> None:
    text = (
        "Ms Ana Ortega spoke after Mr Tom Reyes. Reyes said the plan was late.\n\n"
        '"We will finish it in May," she said.'
    )
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Ana Ortega"


def test_pronoun_is_not_resolved_to_a_name_inside_a_quote() -> None:
    text = '"Ask Tom Reyes about the money," she said.'
    quote = only(quotes_of(text))
    assert quote.speaker_text == "she"
    assert quote.speaker_span is None


def test_descriptor_follows_the_title_before_a_name() -> None:
    text = (
        "Water Minister Ana Ortega opened the new pumping station on Friday.\n\n"
        '"This ends the shortages," the minister added.'
    )
    quote = only(quotes_of(text))
    assert quote.speaker_text == "the minister"
    assert quote.cue == "add"
    assert speaker_name(text, quote) == "Ana Ortega"


def test_descriptor_follows_an_apposition_to_a_company() -> None:
    text = (
        "The company, Norvale Energy, rejected the report.\n\n"
        '"These claims are false," the company said in a statement.'
    )
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Norvale Energy"


def test_spokesperson_for_an_organisation_points_at_the_organisation() -> None:
    text = '"Repairs are on schedule," a spokesperson for the Ministry of Water said.'
    quote = only(quotes_of(text))
    assert quote.speaker_text == "a spokesperson for the Ministry of Water"
    assert speaker_name(text, quote) == "Ministry of Water"


def test_according_to_names_the_speaker() -> None:
    text = 'According to Tom Reyes, "nothing was hidden from the public."'
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Tom Reyes"


def test_it_follows_the_organisation_that_spoke_last() -> None:
    text = (
        "Lena Markov praised the volunteers. Norvale Energy said in a statement that the plant was safe. "
        '"No water reached the turbines," it said.'
    )
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Norvale Energy"


def test_indefinite_descriptor_is_not_matched_to_a_named_title() -> None:
    text = (
        "Senator Dan Whitlow defended the bill.\n\n"
        '"It is a good bill," one senator, who asked not to be named, told reporters.'
    )
    quote = only(quotes_of(text))
    assert quote.speaker_text == "one senator"
    assert quote.speaker_span is None


def test_pronoun_resolved_once_teaches_the_gender_for_the_next() -> None:
    text = (
        'Dan Whitlow defended the bill on Monday. "The money was not there," he said. '
        "Ruth Okafor was not convinced.\n\n"
        'Whitlow said the fund had recovered. "I have heard that before," she said.'
    )
    quotes = quotes_of(text)
    assert [speaker_name(text, q) for q in quotes] == ["Dan Whitlow", "Ruth Okafor"]


def test_parenthetical_attribution_gives_the_partial_quote_a_speaker() -> None:
    text = 'Greta Holm waded through the hall. Her house, she said, was "a fish tank with curtains" now.'
    quote = only(quotes_of(text))
    assert quote.kind == "partial"
    assert speaker_name(text, quote) == "Greta Holm"


def test_colon_after_someones_message_gives_them_the_quote() -> None:
    text = 'After the hearing, Judge Alan Pike\'s verdict was short: "The contract is void."'
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Alan Pike"


def test_named_spokesperson_in_apposition_is_the_speaker() -> None:
    text = '"We are reviewing the options," the chief executive of Norvale Energy, Tom Reyes, said.'
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Tom Reyes"


def test_bare_quote_after_an_unnamed_speaker_stays_unnamed() -> None:
    text = (
        "Tom Reyes spoke first.\n\nOne resident said the siren came too late.\n\n"
        '"We heard nothing until the water was at the door."'
    )
    quote = only(quotes_of(text))
    assert quote.speaker_span is None


def test_given_mentions_decide_the_speaker_span() -> None:
    text = '"We stay," said Lena Markov.'
    start = text.index("Lena")
    mention = Mention("a-test", start, start + len("Lena Markov"), "Lena Markov", "PERSON")
    quote = only(quotes_of(text, mentions=[mention]))
    assert quote.speaker_span == (mention.start, mention.end)


def test_quote_with_no_attributable_speaker_has_no_span() -> None:
    text = 'A handwritten note on the door said "back in ten minutes, sorry for the wait."'
    for quote in quotes_of(text):
        assert quote.speaker_span is None


def test_unnamed_speaker_is_kept_as_written_without_a_span() -> None:
    text = '"Nobody told us anything," one resident said.'
    quote = only(quotes_of(text))
    assert quote.speaker_text == "one resident"
    assert quote.speaker_span is None


# what is not a quote -----------------------------------------------------------


def test_scare_quotes_that_are_only_labels_are_not_quotes() -> None:
    text = 'The so-called "green corridor" opened last year, and the "safe zone" grew.'
    assert quotes_of(text) == []


def test_names_given_to_things_are_not_quotes() -> None:
    text = (
        'Prices rose in what economists call "shrinkflation" this year. The council backed a plan '
        'called "a river for everyone" and the area dubbed "the red zone" by police stayed closed.'
    )
    assert quotes_of(text) == []


def test_titles_of_works_are_not_quotes() -> None:
    text = 'The council published a report titled "Water for Every Home" and the film "The Long River".'
    assert quotes_of(text) == []


def test_stray_quote_mark_does_not_make_a_giant_quote() -> None:
    text = (
        'The engineer, who is 6" taller than the rest, said "the pump works." '
        'Then a stray mark " appeared.\n\n' + "More plain words follow here. " * 20
    )
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == ["the pump works"]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"'“”‘’")), max_size=400))
def test_marked_passages_always_lie_inside_the_text(text: str) -> None:
    for marked in find_marked(text):
        assert 0 <= marked.start < marked.end <= len(text)
        assert sum(p.end - p.start for p in marked.parts) <= MAX_QUOTE_CHARS
        assert all(text[p.start : p.end].strip() == text[p.start : p.end] for p in marked.parts)


_WORDS = ["Ortega", "said", "she", "told", "the", "minister", '"', "'", "“", "”", "‘", "’", ",", ".", "\n\n"]
_WORDS += ["we", "are", "safe", "that", "—", "Lena Markov", "(@lena)", ":", "it's", "according to", "called"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=40))
def test_any_text_gives_quotes_inside_the_text(words: list[str]) -> None:
    text = " ".join(words)
    for quote in quotes_of(text):
        assert 0 <= quote.start < quote.end <= len(text)
        if quote.speaker_span is not None:
            assert 0 <= quote.speaker_span[0] < quote.speaker_span[1] <= len(text)


# short phrases: speech only with a speaker behind them ---------------------------


def test_a_term_the_writer_coins_is_not_a_quote() -> None:
    assert quotes_of('Shops now trade in what I call the "quiet economy."') == []


def test_a_term_a_group_habitually_uses_is_not_a_quote() -> None:
    text = 'Some growers claim that buyers can "opt in" to the scheme whenever they like.'
    assert quotes_of(text) == []


def test_a_bare_noun_argued_or_called_is_a_topic_not_a_quote() -> None:
    text = 'Norvale Energy often deflects criticism by arguing "necessity". This is called a "return flow."'
    assert quotes_of(text) == []


def test_quoted_words_before_a_noun_name_a_kind() -> None:
    assert quotes_of('Mayor Ana Ortega said the town had dropped its "car free" plan.') == []


def test_a_named_speakers_word_deep_in_a_reported_clause_is_a_partial_quote() -> None:
    text = 'Mayor Ana Ortega said she took "comfort" from the figures.'
    quote = only(quotes_of(text))
    assert (quote.text, quote.kind) == ("comfort", "partial")
    assert speaker_name(text, quote) == "Ana Ortega"


def test_a_quoted_subject_of_a_reported_clause_is_a_partial_quote() -> None:
    text = 'Tom Reyes indicated that "dry wells" would spread by summer.'
    quote = only(quotes_of(text))
    assert (quote.text, quote.cue) == ("dry wells", "indicate")
    assert speaker_name(text, quote) == "Tom Reyes"


def test_a_list_before_the_quote_does_not_hide_the_speech_verb() -> None:
    text = 'Tom Reyes spoke last.\n\nHe said it had shone a light on waste and the cost of "paper rules".'
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Tom Reyes"


def test_words_nobody_said_are_not_a_quote() -> None:
    text = 'Ana Ortega raised an eyebrow at the question, as if to say "What did you expect?"'
    assert quotes_of(text) == []


def test_two_labels_around_a_label_verb_are_not_joined_into_one_quote() -> None:
    text = 'Lena Markov runs a "community" paper that keeps labelling its critics "outsiders".'
    assert all(not ("community" in q.text and "outsiders" in q.text) for q in quotes_of(text))


def test_a_one_word_name_with_a_full_stop_is_not_a_quote() -> None:
    text = 'Mayhem, surely, and also "Driftwood." Called a "gentle puzzle game" by its makers, it sold well.'
    assert [q.text for q in quotes_of(text)] == ["gentle puzzle game"]


# cues --------------------------------------------------------------------------


def test_a_question_followed_by_its_asker_takes_the_asker() -> None:
    text = 'Tom Reyes spoke first.\n\n"Who pays for the repairs?" Ana Ortega asked.'
    quote = only(quotes_of(text))
    assert quote.cue == "ask"
    assert speaker_name(text, quote) == "Ana Ortega"


def test_pointed_out_is_a_speech_verb() -> None:
    text = (
        'As the Velmar Audit Office has pointed out, the fund would be used "for purposes nobody approved".'
    )
    quote = only(quotes_of(text))
    assert quote.cue == "point out"
    assert quote.speaker_text is not None and "Audit Office" in quote.speaker_text


def test_a_written_text_that_reads_gives_a_quote() -> None:
    text = 'The notice from the council reads: "The pool will stay closed until spring."'
    quote = only(quotes_of(text))
    assert quote.cue == "read"


def test_a_name_and_a_speech_word_before_the_mark_give_the_speaker() -> None:
    text = (
        "In a later post in which Reyes links to a report that wrongly credits a remark to Mayor Ortega, "
        'Reyes states, "Some people will believe anything they read."'
    )
    quote = only(quotes_of(text))
    assert quote.cue == "state"
    assert speaker_name(text, quote) == "Reyes"


def test_a_quote_opened_after_a_stray_space_is_still_found() -> None:
    text = 'Tom Reyes added, " The levy will rise in May."'
    quote = only(quotes_of(text))
    assert quote.text == "The levy will rise in May."


def test_a_long_statement_over_many_paragraphs_is_one_quote() -> None:
    paragraphs = [f'"Point number {n} of the ruling stands.' for n in range(1, 11)]
    text = "Judge Alan Pike said:\n\n" + "\n\n".join(paragraphs) + '"'
    quote = only(quotes_of(text))
    assert quote.text.startswith("Point number 1") and quote.text.endswith("10 of the ruling stands.")
    assert speaker_name(text, quote) == "Alan Pike"


# speakers ----------------------------------------------------------------------


def test_a_title_joined_to_the_name_by_and_gives_the_name() -> None:
    text = 'Staff writer and columnist Lena Markov posted on X asking if anyone was "still awake at the dam?"'
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Lena Markov"


def test_a_pronoun_in_a_reported_clause_is_the_reporter() -> None:
    text = (
        "Ana Ortega said Lena Markov phoned her and that she thanked her, "
        'adding that "she did the right thing."'
    )
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Ana Ortega"


def test_a_gerund_after_a_preposition_shares_the_subject() -> None:
    text = 'Lena Markov closed the meeting by describing the plan as "a promise kept at last."'
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Lena Markov"


def test_a_speech_verb_hung_on_the_speakers_noun_still_finds_the_name() -> None:
    text = (
        "The head of the union, Tom Reyes, condemned Friday’s vote, saying in a statement that it "
        '"will not silence our members."'
    )
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Tom Reyes"


def test_a_bare_quote_after_a_caption_continues_the_speaker() -> None:
    text = (
        'Lena Markov said the river rose overnight. "We lost the lower field," she said.\n\n'
        "Lena Markov at her farm near the weir\n\n"
        '"We will plant again next year."'
    )
    quotes = quotes_of(text)
    assert speaker_name(text, quotes[-1]) == "Lena Markov"


def test_a_bare_quote_after_the_writers_own_prose_has_no_speaker() -> None:
    text = (
        'Lena Markov said the river rose overnight. "We lost the lower field," she said.\n\n'
        "The council has since promised a new embankment.\n\n"
        '"We will plant again next year."'
    )
    quotes = quotes_of(text)
    assert quotes[-1].speaker_span is None


def test_a_title_before_a_name_ties_only_its_last_noun_to_the_person() -> None:
    text = (
        "The Velmar Harbour Authority reopened the port. Harbour authority pilot Ana Ortega guided the "
        'first ship in.\n\n"The channel is clear," the authority said.'
    )
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) != "Ana Ortega"


def test_a_heading_without_a_full_stop_stays_out_of_the_speaker() -> None:
    text = 'Her one regret\n\nAna Ortega said her regret was "trusting the old survey."'
    quote = only(quotes_of(text))
    assert quote.speaker_text == "Ana Ortega"


def test_someones_words_in_the_plural_point_at_them() -> None:
    text = 'Ana Ortega toured the dam. According to Ortega’s warnings, "the spillway will not hold."'
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Ortega"


def test_a_second_speech_verb_joined_to_the_reported_clause_keeps_the_reporter() -> None:
    text = (
        "Tom Reyes spoke at the hearing.\n\n"
        "He said the council would have to look at new rules for the river but also stressed that "
        "farmers would have to act.\n\n"
        '"It is only a matter of time before the council looks at those rules again."'
    )
    quotes = quotes_of(text)
    assert speaker_name(text, quotes[-1]) == "Tom Reyes"


def test_a_curly_opening_mark_inside_an_open_quote_does_not_cut_it() -> None:
    text = "Tom Reyes added, “We have tried to warn people. “Because the river is rising, stay away.”"
    quote = only(quotes_of(text))
    assert quote.text.startswith("We have tried to warn people.")
    assert speaker_name(text, quote) == "Tom Reyes"


def test_a_capitalised_title_is_the_title_of_the_name_it_stood_before() -> None:
    text = (
        "Velmar Water Board Director Ana Ortega spoke on Monday.\n\n"
        'The Director noted that "every dry spring teaches us the same lesson."'
    )
    quote = only(quotes_of(text))
    assert speaker_name(text, quote) == "Ana Ortega"


# one sentence a line, typed marks, relayed and organisational speakers -------------------------


def mention(text: str, name: str, label: str, after: int = 0) -> Mention:
    start = text.index(name, after)
    return Mention("a-test", start, start + len(name), name, label)


def test_a_quote_over_lines_without_new_opening_marks_is_one_quote() -> None:
    text = (
        "The singer's lawyer, Shawn Holley, spoke about the move.\n"
        "“Lindsay is grateful for the treatment.\n"
        "She looks forward to the next stage,” Holley said in a statement."
    )
    quote = only(quotes_of(text))
    assert quote.text == "Lindsay is grateful for the treatment. She looks forward to the next stage"
    assert speaker_name(text, quote) == "Holley"


def test_an_unclosed_mark_does_not_swallow_the_lines_after_it() -> None:
    text = 'He wrote "a note.\nThe board met.\nIt voted.\nIt ended.\nIt left.\nThen "Yes," Ortega said.'
    assert [q.text for q in quotes_of(text)] == ["Yes"]


def test_a_closing_mark_typed_after_a_space_still_closes_the_quote() -> None:
    text = '"I made the decision because we were not progressing, "said Ed Stefanski.'
    quote = only(quotes_of(text))
    assert quote.text == "I made the decision because we were not progressing"
    assert speaker_name(text, quote) == "Ed Stefanski"


def test_two_apostrophes_typed_for_a_double_mark_open_a_quote() -> None:
    text = "Bruce Arians coached the team.\n''We had so many chances all game,\" Arians said."
    quote = only(quotes_of(text))
    assert quote.text == "We had so many chances all game"
    assert speaker_name(text, quote) == "Arians"


def test_quoted_as_saying_gives_the_words_to_the_one_quoted() -> None:
    text = '"He is crazy like a fox," Salvatore Gravano quoted John Gotti as saying.'
    assert speaker_name(text, only(quotes_of(text))) == "John Gotti"


def test_a_statement_with_no_organisation_named_is_the_organisation_that_spoke() -> None:
    text = (
        "Three undersea cables were damaged on Friday, Telecom Italia said.\n"
        '"The causes of the cut remain unclear," a statement said.'
    )
    found = mention(text, "Telecom Italia", "ORG")
    quote = only(quotes_of(text, mentions=[found]))
    assert quote.speaker_span == (found.start, found.end)


def test_a_spokesman_of_a_service_named_by_a_common_noun_is_that_service() -> None:
    text = (
        "Cumbria Police have not said how the two women died.\n"
        'A police spokesman said: "We do not suspect anyone else."'
    )
    found = mention(text, "Cumbria Police", "ORG")
    quote = only(quotes_of(text, mentions=[found]))
    assert quote.speaker_span == (found.start, found.end)


def test_she_after_an_unnamed_speaker_is_that_speaker_not_an_earlier_name() -> None:
    text = (
        "Alice McMeekin had moved back to the town in the spring.\n"
        'A close friend said: "She was bubbly on Friday."\n'
        'She added: "We were chatting for about half an hour."'
    )
    quotes = quotes_of(text, mentions=[mention(text, "Alice McMeekin", "PERSON")])
    added = next(q for q in quotes if q.text.startswith("We were chatting"))
    assert added.speaker_span is None


def test_mr_before_a_surname_the_family_shares_makes_that_mention_a_man() -> None:
    text = (
        "Mr. LaRue is survived by his wife, Joyce LaRue, and his daughters Patricia LaRue and Grace LaRue.\n"
        "In an interview, Mr. LaRue guessed that prison had added years to his life.\n"
        '"The warden let me build a badminton court," he said.'
    )
    people = [mention(text, name, "PERSON") for name in ("Joyce LaRue", "Patricia LaRue", "Grace LaRue")]
    last = text.rindex("LaRue")
    people.append(Mention("a-test", last, last + len("LaRue"), "LaRue", "PERSON"))
    quote = only(quotes_of(text, mentions=people))
    assert quote.speaker_span == (last, last + len("LaRue"))


def test_the_software_maker_is_the_company_named_before() -> None:
    text = (
        "Microsoft released a temporary fix for the browser on Tuesday.\n"
        'The software maker said the attacks were "limited and targeted."'
    )
    found = mention(text, "Microsoft", "ORG")
    quote = only(quotes_of(text, mentions=[found]))
    assert quote.speaker_span == (found.start, found.end)


def test_a_role_noun_takes_the_one_person_given_that_role_before() -> None:
    text = (
        "District Attorney Steve Cooley filed the charges on Tuesday.\n"
        '"We will not let their killers go unpunished," the District Attorney said.'
    )
    quote = only(quotes_of(text, mentions=[mention(text, "Steve Cooley", "PERSON")]))
    assert speaker_name(text, quote) == "Steve Cooley"


def test_a_role_noun_two_people_held_gives_no_speaker() -> None:
    text = (
        "Judge Rowland Barnes was shot in 2005.\n"
        "On Saturday Judge James Bodiford handed down the sentence.\n"
        '"Do not trust him ever again," the judge said.'
    )
    people = [mention(text, name, "PERSON") for name in ("Rowland Barnes", "James Bodiford")]
    assert only(quotes_of(text, mentions=people)).speaker_span is None


def test_a_role_noun_takes_the_one_holder_close_by_over_one_named_long_before() -> None:
    filler = "".join(
        f"The case went on for a {n} year.\n"
        for n in ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")
    )
    text = (
        "Judge Leo Glasser heard the plea in 2003.\n"
        + filler
        + "Judge Jack Weinstein reflected on the career in December.\n"
        + '"He is a shadow of his former self," the judge said.'
    )
    people = [mention(text, name, "PERSON") for name in ("Leo Glasser", "Jack Weinstein")]
    assert speaker_name(text, only(quotes_of(text, mentions=people))) == "Jack Weinstein"


def test_she_after_an_organisations_spokeswoman_is_that_organisation() -> None:
    text = (
        "A France Telecom spokeswoman said the cause of the cut was not known.\n"
        '"We have two assumptions," she said.'
    )
    found = mention(text, "France Telecom", "ORG")
    quote = only(quotes_of(text, mentions=[found]))
    assert quote.speaker_span == (found.start, found.end)


def test_he_does_not_follow_a_spokeswoman() -> None:
    text = (
        "The cut hit routes to India, a France Telecom spokeswoman said.\n"
        "Danny McPherson, a network analyst, counted the lost routes.\n"
        '"It is significant that it was lost," he said.'
    )
    people = [mention(text, "France Telecom", "ORG"), mention(text, "Danny McPherson", "PERSON")]
    assert speaker_name(text, only(quotes_of(text, mentions=people))) == "Danny McPherson"


def test_a_bare_quote_after_a_name_and_its_description_continues_the_name() -> None:
    text = (
        '"He helped the paper," said Mark Feldstein, a university faculty member who is writing a book.\n'
        '"Had Woodward not run with it, Felt had other reporters."'
    )
    quotes = quotes_of(text, mentions=[mention(text, "Mark Feldstein", "PERSON")])
    assert [speaker_name(text, q) for q in quotes] == ["Mark Feldstein", "Mark Feldstein"]


# pronoun and role-noun speakers (issue 12) ---------------------------------


def test_an_abbreviated_title_is_the_role_noun_a_descriptor_repeats() -> None:
    text = (
        'Gov. Ana Lin signed the bill on Monday.\nThe bill raises taxes.\n"It was time," the governor said.'
    )
    quote = only(quotes_of(text, mentions=[mention(text, "Ana Lin", "PERSON")]))
    assert speaker_name(text, quote) == "Ana Lin"


def test_a_title_split_from_its_full_stop_is_still_a_title() -> None:
    text = 'Sgt. Paul Duhig found the car.\n"It was empty," the sergeant said.'
    quote = only(quotes_of(text, mentions=[mention(text, "Paul Duhig", "PERSON")]))
    assert speaker_name(text, quote) == "Paul Duhig"


def test_an_office_of_something_is_the_office_not_the_field() -> None:
    text = (
        "Secretary of State Ana Lin flew to Cairo.\nTalks began at once.\n"
        '"We are hopeful," the secretary said.'
    )
    quote = only(quotes_of(text, mentions=[mention(text, "Ana Lin", "PERSON")]))
    assert speaker_name(text, quote) == "Ana Lin"


def test_a_role_given_in_a_who_is_clause_is_linked() -> None:
    text = (
        "Ana Lin, who is the mayor of Norvale, opened the bridge.\nThe crowd cheered.\n"
        '"This is for everyone," the mayor said.'
    )
    quote = only(quotes_of(text, mentions=[mention(text, "Ana Lin", "PERSON")]))
    assert speaker_name(text, quote) == "Ana Lin"


def test_someone_elses_role_is_not_the_holder_of_that_title() -> None:
    text = 'District Attorney Ana Lin charged Tom Reyes.\n"He is innocent," Reyes\'s attorney said.'
    people = [mention(text, "Ana Lin", "PERSON"), mention(text, "Tom Reyes", "PERSON")]
    quote = only(quotes_of(text, mentions=people))
    assert quote.speaker_text == "Reyes's attorney"
    assert quote.speaker_span is None


def test_the_spokesman_is_the_spokesman_named_before_not_his_company() -> None:
    text = (
        "Paul Barnes, a spokesman for the Norvale Company, said the plant was safe.\n"
        '"There is no leak," the spokesman said.'
    )
    found = [mention(text, "Paul Barnes", "PERSON"), mention(text, "Norvale Company", "ORG")]
    quotes = quotes_of(text, mentions=found)
    assert speaker_name(text, quotes[-1]) == "Paul Barnes"


def test_he_after_a_report_is_the_reporter_not_the_one_reported_on() -> None:
    text = (
        "Tom Reyes was sentenced by Judge Paul Barnes on Friday.\n"
        "The judge said Reyes had shown no remorse.\n"
        '"You knew what you were doing," he said.'
    )
    people = [mention(text, "Tom Reyes", "PERSON"), mention(text, "Paul Barnes", "PERSON")]
    people.append(mention(text, "Reyes", "PERSON", after=people[0].end))
    assert speaker_name(text, only(quotes_of(text, mentions=people))) == "Paul Barnes"


def test_he_after_two_men_joined_as_one_subject_is_left_unresolved() -> None:
    text = 'Tom Reyes and Paul Barnes met on Monday.\n"It went well," he said.'
    people = [mention(text, "Tom Reyes", "PERSON"), mention(text, "Paul Barnes", "PERSON")]
    quote = only(quotes_of(text, mentions=people))
    assert quote.speaker_text == "he"
    assert quote.speaker_span is None


def test_he_far_from_the_only_man_named_is_that_man_and_two_men_give_none() -> None:
    filler = "The city was quiet.\nThe streets were empty.\nShops were shut.\nThe rain fell all day.\n"
    filler += "Buses stopped early.\nThe trains were late.\nThe river rose.\n"
    one = "Tom Reyes arrived in the city on Monday.\n" + filler + '"We will rebuild," he said.'
    quote = only(quotes_of(one, mentions=[mention(one, "Tom Reyes", "PERSON")]))
    assert speaker_name(one, quote) == "Tom Reyes"
    two = "Tom Reyes arrived on Monday with Paul Barnes.\n" + filler + '"We will rebuild," he said.'
    people = [mention(two, "Tom Reyes", "PERSON"), mention(two, "Paul Barnes", "PERSON")]
    assert only(quotes_of(two, mentions=people)).speaker_span is None


def test_words_told_to_someone_are_the_tellers_though_a_paper_relays_them() -> None:
    text = 'Tom Reyes grabbed her and told her, "You will never leave me," the newspaper reported.'
    quote = only(quotes_of(text, mentions=[mention(text, "Tom Reyes", "PERSON")]))
    assert quote.cue == "tell"
    assert speaker_name(text, quote) == "Tom Reyes"


def test_a_short_quote_handed_to_a_he_said_right_after_it_is_speech() -> None:
    text = (
        "Dan Whitlow of Norvale advised users to change their settings.\n"
        'But doing this "may hurt speed", he said, so users should add sites they trust, and visit often.'
    )
    quote = only(quotes_of(text, mentions=[mention(text, "Dan Whitlow", "PERSON")]))
    assert quote.text == "may hurt speed"
    assert speaker_name(text, quote) == "Dan Whitlow"


def test_he_follows_a_chain_of_he_subjects_back_to_a_name_out_of_reach() -> None:
    text = (
        "Tom Reyes took over the firm in May.\nHe cut costs.\nHe sold the jet.\nHe closed two plants.\n"
        "He moved the office.\nHe cut his own pay.\nHe hired Paul Barnes as his deputy.\nHe met the unions.\n"
        '"We had to," he said.'
    )
    people = [mention(text, "Tom Reyes", "PERSON"), mention(text, "Paul Barnes", "PERSON")]
    assert speaker_name(text, only(quotes_of(text, mentions=people))) == "Tom Reyes"


def test_the_n_year_old_is_the_one_person_given_that_age() -> None:
    text = 'Ana Lin, 43, entered a clinic on Monday.\n"I feel great," the 43-year-old said.'
    quote = only(quotes_of(text, mentions=[mention(text, "Ana Lin", "PERSON")]))
    assert quote.speaker_text == "43-year-old"
    assert speaker_name(text, quote) == "Ana Lin"
    two = 'Ana Lin, 43, met Ruth Okafor, 43, on Monday.\n"I feel great," the 43-year-old said.'
    people = [mention(two, "Ana Lin", "PERSON"), mention(two, "Ruth Okafor", "PERSON")]
    assert only(quotes_of(two, mentions=people)).speaker_span is None
    kin = 'Ana Lin, 43, entered a clinic on Monday.\nThe 43-year-old\'s mother said, "She is fine."'
    assert only(quotes_of(kin, mentions=[mention(kin, "Ana Lin", "PERSON")])).speaker_span is None


def test_a_spokesman_of_an_office_named_by_a_possessive_speaks_for_it() -> None:
    text = (
        "The Norvale County Sheriff's Department arrested Tom Reyes.\n"
        '"He was armed," a sheriff\'s spokesman said.'
    )
    found = [
        mention(text, "Norvale County Sheriff's Department", "ORG"),
        mention(text, "Tom Reyes", "PERSON"),
    ]
    quote = only(quotes_of(text, mentions=found))
    assert speaker_name(text, quote) == "Norvale County Sheriff's Department"


def test_the_team_is_the_team_named_before() -> None:
    text = 'The Norvale Eagles fired their coach on Monday.\n"We thank him," the team said in a statement.'
    quote = only(quotes_of(text, mentions=[mention(text, "Norvale Eagles", "ORG")]))
    assert speaker_name(text, quote) == "Norvale Eagles"


def test_a_one_word_order_given_by_a_known_speaker_is_a_quote() -> None:
    text = 'Tom Reyes read the memo twice.\nHe wanted answers by Friday.\n"Hurry," he commanded.'
    quote = only(quotes_of(text, mentions=[mention(text, "Tom Reyes", "PERSON")]))
    assert (quote.text, quote.cue) == ("Hurry", "command")
    assert speaker_name(text, quote) == "Tom Reyes"


def test_a_justice_is_the_judge_and_a_district_attorney_the_prosecutor() -> None:
    text = 'Justice Vincent Reyes heard the case.\n"The man is afraid," the judge said.'
    quote = only(quotes_of(text, mentions=[mention(text, "Vincent Reyes", "PERSON")]))
    assert speaker_name(text, quote) == "Vincent Reyes"
    text = 'District Attorney Ana Lin charged the men.\n"These were cold killings," the prosecutor said.'
    quote = only(quotes_of(text, mentions=[mention(text, "Ana Lin", "PERSON")]))
    assert speaker_name(text, quote) == "Ana Lin"


def test_a_defence_attorney_is_not_the_prosecutor() -> None:
    text = 'Ana Lin hired attorney Paul Barnes.\n"The case is weak," the prosecutor said.'
    people = [mention(text, "Ana Lin", "PERSON"), mention(text, "Paul Barnes", "PERSON")]
    assert only(quotes_of(text, mentions=people)).speaker_span is None


def test_a_common_given_name_tells_which_person_a_she_is() -> None:
    text = 'Joan Ho met Bob Lane at the depot. Lane said the trains were late.\n"They always are," she said.'
    people = [mention(text, "Joan Ho", "PERSON"), mention(text, "Bob Lane", "PERSON")]
    people.append(mention(text, "Lane", "PERSON", after=people[1].end))
    assert speaker_name(text, only(quotes_of(text, mentions=people))) == "Joan Ho"


def test_a_gendered_kin_noun_before_a_name_tells_its_gender() -> None:
    text = (
        "Dana Ho and her boyfriend, Lee Park, reached the depot. Park said the car broke down.\n"
        '"It was awful," she said.'
    )
    people = [mention(text, "Dana Ho", "PERSON"), mention(text, "Lee Park", "PERSON")]
    people.append(mention(text, "Park", "PERSON", after=people[1].end))
    assert speaker_name(text, only(quotes_of(text, mentions=people))) == "Dana Ho"


def test_a_question_is_given_to_a_titled_speaker_in_the_sentence_after_it() -> None:
    text = (
        "The Eagles won 20-13 on Sunday.\n"
        '"Could we have won without him?" Eagles interim coach Tom Reyes asked.'
    )
    quote = only(quotes_of(text, mentions=[mention(text, "Tom Reyes", "PERSON")]))
    assert quote.cue == "ask"
    assert speaker_name(text, quote) == "Tom Reyes"


def test_a_quote_after_a_noun_for_speech_belongs_to_whoever_gave_it() -> None:
    text = 'Her adviser, Tomas Brennick, gave the explanation that "we ran out of time - all of us did."'
    quote = only(quotes_of(text))
    assert quote.text.startswith("we ran out of time")
    assert speaker_name(text, quote) == "Tomas Brennick"


def test_a_finding_is_attributed_to_whoever_found_it() -> None:
    text = 'The panel found that the council had been "reckless and careless" with public money.'
    quote = only(quotes_of(text))
    assert (quote.text, quote.kind) == ("reckless and careless", "partial")
    assert quote.speaker_text == "The panel"


def test_a_thing_someone_found_is_no_finding_they_voiced() -> None:
    text = 'Howard named the site of "a large city bank" that he found hosting the attack code.'
    assert all(q.speaker_text != "he" for q in quotes_of(text))


# speakers read on real news (issue 12) ----------------------------------------


def test_a_name_inside_the_quote_is_not_the_speaker_set_after_it() -> None:
    text = (
        '"We are aware of the issue involving Vincent," team general manager A.J. Smith said in a statement.'
    )
    assert speaker_name(text, only(quotes_of(text))) == "A.J. Smith"


def test_who_is_described_in_the_passive_did_not_say_the_words() -> None:
    text = (
        "Dale came to the city in 1969 and was described in a 1972 Herald Tribune profile as a "
        '"quiet man who kept to himself."'
    )
    assert speaker_name(text, only(quotes_of(text))) == "Herald Tribune"


def test_the_verb_leading_into_a_quote_wins_over_the_records_that_report_it() -> None:
    text = (
        "In 2001 Kemp was convicted of hitting Lara, holding a bat over her and telling her, "
        '"you will never get away," according to court papers.'
    )
    quote = only(quotes_of(text))
    assert (quote.cue, speaker_name(text, quote)) == ("tell", "Kemp")


def test_a_statement_announced_with_a_colon_before_its_paragraph_is_the_announcers() -> None:
    text = 'Coach Tom Baird issued the following statement on the loss:\n\n"We played badly and we know it."'
    assert speaker_name(text, only(quotes_of(text))) == "Tom Baird"


def test_a_name_and_a_colon_label_a_transcripts_speaker() -> None:
    text = (
        "The tapes caught the two men talking.\n\n"
        'Nixon asks: "Who is the leak?"\n\n'
        'Haldeman: "Yes, sir. It is the man at the bureau."'
    )
    assert [speaker_name(text, q) for q in quotes_of(text)] == ["Nixon", "Haldeman"]


def test_who_replies_is_who_was_asked() -> None:
    text = (
        'At one point, prosecutor Tom Lin asked Carl Brody, "You lied to the jury, correct?"\n\n'
        '"Yes," he replied.'
    )
    assert [speaker_name(text, q) for q in quotes_of(text)] == ["Tom Lin", "Carl Brody"]


def test_an_attribution_cut_at_a_titles_full_stop_still_gives_the_speaker() -> None:
    text = (
        "The parish backed her.\n\n"
        '"She gave years of her life to the clinic," Msgr. Peter Berg said, noting the work she did.'
    )
    assert speaker_name(text, only(quotes_of(text))) == "Peter Berg"


def test_the_company_is_the_one_a_report_was_last_sourced_to() -> None:
    text = (
        "Vodafone said its service was slow.\n\n"
        "According to Seacom, the fault began at noon.\n\n"
        '"All links are back up," the company said in a statement.'
    )
    assert speaker_name(text, only(quotes_of(text))) == "Seacom"


def test_the_doctor_is_the_one_titled_dr_and_the_coroner_the_one_the_tagger_named_with_it() -> None:
    text = (
        "Dr. Regina Bell runs a small clinic in the town.\n\nThe storm hit it twice.\n\n"
        '"We will rebuild," the doctor said.'
    )
    assert speaker_name(text, only(quotes_of(text))) == "Regina Bell"
    text = (
        "Coroner Gary Hale said the death occurred on Friday.\n\n"
        '"There was no sign of a struggle," the coroner said.'
    )
    assert "Gary Hale" in (speaker_name(text, only(quotes_of(text))) or "")


def test_two_quoted_phrases_in_one_sentence_are_both_the_speakers() -> None:
    text = 'Tom Farmer said Ana Bell is a "delightful lady" who has been "readily available" to groups.'
    assert [q.text for q in quotes_of(text)] == ["delightful lady", "readily available"]
    text = 'Tom Farmer said it was "remarkable" and "bridge-building" that Ana Bell did the work.'
    assert [q.text for q in quotes_of(text)] == ["remarkable", "bridge-building"]
    text = 'Tom Smith called Ana Bell a "true professional" and "ultimate team player" after the game.'
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == ["true professional", "ultimate team player"]
    assert {speaker_name(text, q) for q in quotes} == {"Tom Smith"}


def test_a_phrase_after_adding_that_is_not_the_second_half_of_a_split_quote() -> None:
    text = (
        "Dax Whitcombe was named host.\n\n"
        '"It is an honour," he told reporters on Tuesday, adding that he had "big shoes to fill."'
    )
    assert [q.text for q in quotes_of(text)] == ["It is an honour", "big shoes to fill"]


def test_the_full_stop_inside_the_marks_does_not_decide_how_the_quote_hangs() -> None:
    # the "." hangs from the verb, but the words are what the "as" gives: a description, said
    quote = only(quotes_of('One witness described the scene as "total chaos."'))
    assert (quote.text, quote.speaker_text, quote.speaker_span) == ("total chaos", "One witness", None)


def test_a_single_closing_mark_set_after_a_space_still_closes_the_quote() -> None:
    text = (
        "Tom Reyes lives next door.\n\n"
        "'I looked at his face and there was nothing there, ' he said.\n\n"
        "'Then I heard the screams.\n\n"
        "I will never forget them. '"
    )
    quotes = quotes_of(text)
    assert [q.text for q in quotes] == [
        "I looked at his face and there was nothing there",
        "Then I heard the screams. I will never forget them.",
    ]
    assert [speaker_name(text, q) for q in quotes] == ["Tom Reyes", "Tom Reyes"]


def test_the_one_told_after_a_speakers_aside_is_not_the_speaker() -> None:
    text = (
        "Supporters wrote to the White House.\n\n"
        '"He has the integrity, the ability, the experience and the image to lead the bureau," '
        "Harold L. Child Jr., legal attache to the embassy in Japan and a 30-year FBI veteran, "
        "told Nixon in an April 1973 letter."
    )
    assert speaker_name(text, only(quotes_of(text))) == "Harold L. Child Jr."


def test_people_a_man_helped_do_something_are_not_what_his_he_goes_on_about() -> None:
    text = (
        "As the deputy director, Mr Reyes was outraged by the cover-up.\n\n"
        "As a young agent, he secretly helped Daily Star reporters Carl Dorn and Sam Weld pursue the story."
        "\n\n"
        "It was decades before he broke cover, admitting in 2005:\n\n"
        '"I was the source."'
    )
    assert speaker_name(text, only(quotes_of(text))) == "Reyes"


def test_a_thing_an_organisation_owns_speaks_for_it_but_its_people_do_not() -> None:
    text = (
        "The league suspended two players last year.\n\n"
        "The NFL's substance-abuse policy states: "
        '"Discipline for a second offense is likely to be a suspension."'
    )
    assert speaker_name(text, only(quotes_of(text))) == "NFL"
    fix = 'Microsoft released a fix on Tuesday.\n\n"The flaw lets attackers run code," '
    text = fix + "Microsoft's advisory said."
    assert speaker_name(text, only(quotes_of(text))) == "Microsoft"
    text = fix + "Microsoft's lawyer said."
    assert speaker_name(text, only(quotes_of(text))) is None


def test_a_surname_a_family_shares_does_not_give_its_bearers_one_gender() -> None:
    text = (
        "Tom Reyes lived with his mother, Ana Reyes, and his sister, Maria Reyes.\n\n"
        "Officers found Reyes sitting calmly on the porch.\n\n"
        '"I did nothing wrong," he said.'
    )
    assert speaker_name(text, only(quotes_of(text))) == "Tom Reyes"


def test_the_n_year_old_with_no_age_given_is_the_one_person_the_paragraphs_are_about() -> None:
    text = 'Ruth Okafor won the county open on Sunday.\n\n"I have goosebumps," said the 29-year-old.'
    quote = only(quotes_of(text, mentions=[mention(text, "Ruth Okafor", "PERSON")]))
    assert speaker_name(text, quote) == "Ruth Okafor"


def test_the_n_year_old_with_no_age_given_is_nobody_when_two_people_or_another_age() -> None:
    two = 'Ruth Okafor beat Ana Lin. Lin took silver.\n\n"I have goosebumps," said the 29-year-old.'
    people = [
        mention(two, "Ruth Okafor", "PERSON"),
        mention(two, "Ana Lin", "PERSON"),
        mention(two, "Lin", "PERSON", after=25),
    ]
    assert only(quotes_of(two, mentions=people)).speaker_span is None
    older = 'Ruth Okafor, 31, won the county open.\n\n"I have goosebumps," said the 29-year-old.'
    assert only(quotes_of(older, mentions=[mention(older, "Ruth Okafor", "PERSON")])).speaker_span is None


def test_a_he_after_a_sentence_with_two_men_as_subjects_is_left_unresolved() -> None:
    text = 'Carlos Diaz was arrested after Tom Reyes called police.\n\n"He threatened me," he said.'
    people = [mention(text, "Carlos Diaz", "PERSON"), mention(text, "Tom Reyes", "PERSON")]
    assert only(quotes_of(text, mentions=people)).speaker_span is None
    one = 'Carlos Diaz was arrested on Monday after a chase.\n\n"I did nothing," he said.'
    assert (
        speaker_name(one, only(quotes_of(one, mentions=[mention(one, "Carlos Diaz", "PERSON")])))
        == "Carlos Diaz"
    )


def test_a_word_that_only_ends_like_a_label_word_does_not_make_a_quote_a_label() -> None:
    text = 'Ana Lin told the Herald that the rumours were spreading "like wildfire".'
    quote = only(quotes_of(text, mentions=[mention(text, "Ana Lin", "PERSON")]))
    assert (quote.text, quote.kind, speaker_name(text, quote)) == ("like wildfire", "partial", "Ana Lin")
    sign = 'Fans held up a sign reading "Go home".'
    assert quotes_of(sign) == []


def test_a_reopened_paragraph_with_its_own_attribution_starts_a_new_quote() -> None:
    text = (
        '"We know of the matter," manager Tom Reyes said in a statement.\n\n'
        '"We will let the process run its course.\n\n'
        '"The club has always been a good neighbour," Reyes added.'
    )
    found = quotes_of(
        text, mentions=[mention(text, "Tom Reyes", "PERSON"), mention(text, "Reyes", "PERSON", 70)]
    )
    assert [q.text for q in found] == [
        "We know of the matter",
        "We will let the process run its course.",
        "The club has always been a good neighbour",
    ]
    assert [speaker_name(text, q) for q in found] == ["Tom Reyes", "Tom Reyes", "Reyes"]


def test_a_reopened_paragraph_without_an_attribution_of_its_own_stays_one_quote() -> None:
    text = 'Ana Lin spoke on Monday. "We will rebuild the bridge.\n\n"It will take years, and money."'
    quote = only(quotes_of(text, mentions=[mention(text, "Ana Lin", "PERSON")]))
    assert quote.text == "We will rebuild the bridge. It will take years, and money."


def test_a_headline_that_quotes_words_is_a_quote_with_no_verb() -> None:
    text = "Ferry captain 'had warned of the storm for days'\n\nThe ferry sank off the cape on Monday."
    quote = only(quotes_of(text))
    assert (quote.text, quote.kind, quote.speaker_span) == (
        "had warned of the storm for days",
        "partial",
        None,
    )


def test_a_quoted_label_in_a_headline_is_still_no_quote() -> None:
    assert quotes_of('Council backs "car free" plan for the old town\n\nThe vote was close.') == []
    assert quotes_of('Mayor names "harbour watch" volunteers\n\nThe vote was close.') == []


def test_a_subhead_quoting_a_later_quote_takes_its_speaker() -> None:
    text = (
        "The harbour reopened on Monday.\n\n'A long wait'\n\n"
        "Harbour master Ana Lin said: 'It was a long wait for the whole town.'"
    )
    found = quotes_of(text, mentions=[mention(text, "Ana Lin", "PERSON")])
    assert [(q.text, speaker_name(text, q)) for q in found] == [
        ("A long wait", "Ana Lin"),
        ("It was a long wait for the whole town.", "Ana Lin"),
    ]


def test_a_reopened_paragraph_closed_by_said_stays_one_quote_with_the_one_before() -> None:
    text = (
        'Ana Lin lives by the river. "I never heard it like that.\n\n'
        '"We left with our coats over our nightclothes," Lin said.'
    )
    quote = only(
        quotes_of(text, mentions=[mention(text, "Ana Lin", "PERSON"), mention(text, "Lin", "PERSON", 60)])
    )
    assert quote.text.startswith("I never heard it like that.")
    assert quote.text.endswith("over our nightclothes")


def test_a_role_given_by_was_named_or_appointed_is_linked_to_the_person() -> None:
    text = 'Tom Reyes was named chief executive of Norvale.\n\n"I am honoured," the chief executive said.'
    people = [mention(text, "Tom Reyes", "PERSON"), mention(text, "Norvale", "ORG")]
    assert speaker_name(text, only(quotes_of(text, mentions=people))) == "Tom Reyes"


def test_the_attorney_is_the_lawyer_named_before() -> None:
    text = 'Defence lawyer Ana Lin spoke after the verdict.\n\n"My client is innocent," the attorney said.'
    assert (
        speaker_name(text, only(quotes_of(text, mentions=[mention(text, "Ana Lin", "PERSON")]))) == "Ana Lin"
    )


def test_the_democrat_is_the_person_described_so_and_not_the_group() -> None:
    text = 'Sen. Ana Lin, a Democrat from Ohio, voted no.\n\n"This bill hurts families," the Democrat said.'
    found = [
        mention(text, "Ana Lin", "PERSON"),
        mention(text, "Democrat", "NORP"),
        mention(text, "Democrat", "NORP", 40),
    ]
    assert speaker_name(text, only(quotes_of(text, mentions=found))) == "Ana Lin"
    unnamed = 'The plan was dropped, a senior Democrat said.\n\n"It was a mistake," the Democrat said.'
    found = [mention(unnamed, "Democrat", "NORP"), mention(unnamed, "Democrat", "NORP", 45)]
    assert only(quotes_of(unnamed, mentions=found)).speaker_span is None
