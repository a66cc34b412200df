"""Attribution patterns on hand-written sentences (spaCy model loaded once per process)."""

import pytest

from newsfacts.entities import extract_entities
from newsfacts.nlp import parse
from newsfacts.quotes import extract_quotes

pytestmark = pytest.mark.slow


def quotes_with_entities(text):
    """The quotes of a made-up text (blank lines between paragraphs) and the article's local entities."""
    doc = next(parse([text]))
    entities, mentions, _ = extract_entities(doc)
    paragraphs, offset = [], 0
    for block in text.split("\n\n"):
        paragraphs.append((offset, offset + len(block), False))
        offset += len(block) + 2
    return extract_quotes(doc, paragraphs, mentions), entities


def _quotes(text):
    return [(q.kind, q.text, q.speaker_text, q.cue) for q in quotes_with_entities(text)[0]]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We will win this fight," Senator Jane Miller said on Tuesday.', ("direct", "We will win this fight,", "Senator Jane Miller", "said")),
        ('Governor Tom Reed said: "The budget is balanced and the schools are open."', ("direct", "The budget is balanced and the schools are open.", "Governor Tom Reed", "said")),
        ('Miller: "Nobody has answered the question yet."', ("direct", "Nobody has answered the question yet.", "Miller", ":")),
        ('"Emissions fell by a tenth last year," according to a study by the Energy Institute.', ("direct", "Emissions fell by a tenth last year,", "a study", "according to")),
        ('Tom Reed described the plan as "a total disaster" on Monday.', ("partial", "a total disaster", "Tom Reed", "described")),
        ('The council, the mayor said, has "lost all credibility with voters".', ("partial", "lost all credibility with voters", "the mayor", "said")),
    ],
)
def test_attribution_patterns(text, expected):
    assert expected in _quotes(text)


def test_a_quote_split_around_its_attribution_keeps_one_speaker():
    found = _quotes('"The first half," the minister wrote. "And the second half of the same quote."')
    assert [(kind, speaker, cue) for kind, _, speaker, cue in found] == [("direct", "the minister", "wrote")] * 2


def test_names_of_things_titles_and_mentioned_words_are_not_quotes():
    found = _quotes('She sent a "peace letter" to the mayor. He appeared on NBC\'s "Meet the Press" and used the word "ceasefire" twice.')
    assert found == []


def test_nicknames_headings_titles_of_works_and_labels_are_not_quotes():
    # a mentioned name, a web page's heading, works named by a kind of work before or after them, a label on a noun
    assert _quotes('In her emails she often referred to the senator by a nickname, "Gert."') == []
    found = _quotes('"Spending is out of control," Rand Paul argued.\n\n"Related":\n\nSchools reopen in May.')
    assert [text for _, text, _, _ in found] == ["Spending is out of control,"]
    found = _quotes('"Spending is out of control," Rand Paul argued.\n\n"Related:"\n\nSchools reopen in May.')
    assert [text for _, text, _, _ in found] == ["Spending is out of control,"]
    assert _quotes('Tom Reed helped a journalist write a book, "Who Is Who in the Agency," that named its spies.') == []
    assert _quotes('The movie, "Thirteen Hours: The Secret Soldiers of Benghazi," opens on Friday.') == []
    assert _quotes('"Chi-Raq," a movie about violence directed by Spike Lee, opens in the city this week.') == []
    assert _quotes('The agency tied the violence to "spontaneous" protests rather than labeling it terrorism.') == []
    # names in title case with no speech verb: a group's, a film's, a show's ending on the sentence's full stop
    assert _quotes('Tom Reed appeared on NBC\'s "Meet the Press."') == []
    assert _quotes('The council met in May, and the plan it launched is called "Improving Opportunity, Strengthening Society".') == []
    assert _quotes('Howard had roles in "Apollo 13," and "Austin Powers: The Spy Who Shagged Me," but no praise for her.') == []
    # a thing's name given by a participle, and a digest's headline cited with its author (a title opening it)
    assert _quotes('Comedians are performing a popular play called "Los Hijos de Trump," or "Sons of Trump," in the city.') == []
    assert _quotes("SHORT READS:\n\n\u2014\"'Flesh and Bone' star refused a reduction,\" by the Daily Post's Amy Spencer.") == []


def test_near_misses_of_names_titles_and_labels_stay_quotes():
    # a speaker's own words: a label a speech verb reports, a sentence after "book,", a title-case quote with a speaker
    assert ("partial", "a disaster", "Tom Reed", "called") in _quotes('Tom Reed called it "a disaster" on Monday.')
    assert ("partial", "job killer", "Tom Reed", "said") in _quotes('Tom Reed said the bill was a "job killer" bill.')
    assert ("partial", "good", "he", "said") in _quotes('Those who take on heavy debt struggle, even with a "good" job, he said.')
    # a label or a name in title case a speaker gives or utters: their words
    assert ("partial", "Aunt Tom.", "Ms. Friedan", "called") in _quotes('Ms. Friedan called Mrs. Schlafly an "Aunt Tom."')
    assert any(text == "Buffalo to Albany." for _, text, _, _ in _quotes(
        'Clinton noted her work trying to bring in jobs from "Buffalo to Albany."'))
    assert any(text == "Obama-Clinton" for _, text, _, _ in _quotes('Trump cited "Obama-Clinton" policies, which he said hurt jobs.'))
    assert ("direct", "We were poor, but we were happy.", "Tom Reed", "wrote") in _quotes(
        'Tom Reed wrote in his book, "We were poor, but we were happy."')
    assert ("partial", "truly despise each other", "Senator Jane Miller", "bemoaned") in _quotes(
        'Senator Jane Miller bemoaned a climate in which voters "truly despise each other" these days.')
    # a quote whose speaker is the previous sentence's, and a name that only looks like a heading's line
    found = _quotes('Governor Tom Reed said the plan had failed.\n\n"It will not work."')
    assert [(kind, speaker) for kind, _, speaker, _ in found if kind == "direct"] == [("direct", "Governor Tom Reed")]
    assert ("direct", "We Will Rebuild,", "Governor Tom Reed", "said") in _quotes('"We Will Rebuild," Governor Tom Reed said.')
    # words a label's own speaker said (`what it calls`), or a name somebody gave (`called "..." by X`)
    assert ("partial", "psychographic", "it", "calls") in _quotes('The firm built what it calls "psychographic" profiles of voters.')
    assert any(kind == "partial" for kind, _, _, _ in _quotes(
        'The approach has been called "strategic ambiguity" by Joshua Hendrick, a professor.'))


def test_indirect_speech_with_that_and_without():
    found = _quotes("The Kremlin insisted that Ukraine abandon its claims. Officials said the talks would resume in May.")
    assert ("indirect", "that Ukraine abandon its claims", "The Kremlin", "insisted") in found
    assert ("indirect", "the talks would resume in May", "Officials", "said") in found


def test_a_reported_clause_holds_its_own_that_whether_or_if():
    # the clause is what is reported, its complementizer with it (PolNeAR's contents hold it: 98% of train)
    found = _quotes("Senator Jane Miller asked whether the bridge would reopen. Tom Reed said that, in his view, the plan had failed.")
    assert ("indirect", "whether the bridge would reopen", "Senator Jane Miller", "asked") in found
    assert ("indirect", "that, in his view, the plan had failed", "Tom Reed", "said") in found
    # and the partial quote inside a clause joins it, the clause starting with its "that"
    found = _quotes('Tom Reed said that the mayor represents "old city values" in the race.')
    assert ("indirect", 'that the mayor represents "old city values" in the race', "Tom Reed", "said") in found
    # a condition or concession opening the clause is part of what was said: without it the report reads as fact
    found = _quotes("The airline also said that, if it did not make any cuts, it expects to lose millions this year. "
                    "Tom Reed argued that if the mayor is re-elected the city will go bankrupt.")
    assert ("indirect", "that, if it did not make any cuts, it expects to lose millions this year", "The airline", "said") in found
    assert ("indirect", "that if the mayor is re-elected the city will go bankrupt", "Tom Reed", "argued") in found


def test_a_state_in_a_role_resolves_a_description():
    from newsfacts.entities import extract_entities

    text = "Florida Sen. Marco Rubio met Texas Sen. Ted Cruz in Miami. Later the Florida senator said the debate was over."
    entities, mentions, _ = extract_entities(next(parse([text])))
    description = next(m for m in mentions if m.text == "the Florida senator")
    assert entities[description.entity].full_name == "Marco Rubio"
    assert "Florida Sen." in entities[description.entity].roles


def test_any_verb_after_a_quote_ending_on_a_comma_is_its_cue():
    found = _quotes('"Go back to your seat," Mayor Ana Ruiz barked at the reporter.')
    assert ("direct", "Go back to your seat,", "Mayor Ana Ruiz", "barked") in found


def test_a_quote_paragraph_after_the_writers_colon_belongs_to_the_clause_that_introduced_it():
    found = _quotes('Governor Tom Reed released a short statement on Friday night:\n\n"We will rebuild every bridge before winter."')
    assert [(speaker, cue) for _, _, speaker, cue in found] == [("Governor Tom Reed", "released")]


def test_a_partial_quote_without_a_speech_verb_takes_the_named_subject_of_its_verb():
    found = _quotes('Senator Jane Miller bemoaned a climate in which voters "truly despise each other" these days.')
    assert ("partial", "truly despise each other", "Senator Jane Miller", "bemoaned") in found
    # ...but a short scare quote stays no quote, and a subject that names nobody gives no speaker.
    assert _quotes('Senator Jane Miller visited the "new" bridge.') == []
    assert all(speaker is None for _, _, speaker, _ in _quotes('The report bemoaned a climate in which voters "truly despise each other".'))


def test_a_partial_quote_in_the_phrase_its_verb_reports_is_a_mixed_attribution():
    found = _quotes('Tom Reed called the senator a "loser" on Monday.')
    assert ("partial", "loser", "Tom Reed", "called") in found
    assert ("indirect", 'the senator a "loser"', "Tom Reed", "called") in found  # the phrase, with its quoted words


@pytest.mark.parametrize(
    "text, phrase",
    [  # the parse makes the clause a relative clause of "spot"; its "that" still opens what was told, not the addressee
        ('Jane Miller is telling customers at a popular Manchester, New Hampshire, breakfast spot that “I need you tomorrow.”',
         "that “I need you tomorrow.”"),
        # a true relative clause, with the gap its `that` fills, stays in the phrase of the noun it describes
        ('Jane Miller went on to reflect on the values that "most Britons hold dear".',
         'on the values that "most Britons hold dear"'),
    ],
)
def test_a_mixed_attributions_clause_starts_at_its_that_where_the_parse_hangs_it_on_a_noun(text, phrase):
    assert ("indirect", phrase, "Jane Miller") in [row[:3] for row in _quotes(text)]


def test_a_mixed_attributions_phrase_reaches_every_complement_its_quotes_run_into():
    # the parse hangs "in a generation" (inside the first quote) and "someone who ..." (holding the second) on the verb
    found = _quotes('Senator Jane Miller called the new governor "the most extreme pick in a generation" and someone who had '
                    '"threatened our privacy" by signing the law.')
    mixed = [text for kind, text, _, _ in found if kind == "indirect"]
    assert mixed == ['the new governor "the most extreme pick in a generation" and someone who had "threatened our privacy" '
                     'by signing the law']  # one phrase of the cue "called", holding both partial quotes


def test_indirect_speech_with_the_speaker_set_off_inside_or_after_the_clause():
    found = _quotes("The new plan, the minister said, has cut the deficit in half.")
    assert ("indirect", "The new plan, the minister said, has cut the deficit in half", "the minister", "said") in found
    found = _quotes("The company built the bridge to help in times of crisis, a spokeswoman, Anna White, said.")
    assert ("indirect", "The company built the bridge to help in times of crisis", "a spokeswoman", "said") in found


def test_the_object_of_a_verb_of_judging_or_talking_is_reported_content():
    found = _quotes("Senator Jane Miller endorsed the governor of Ohio on Friday. Jane Miller warned of a costly trade war.")
    assert ("indirect", "the governor of Ohio", "Senator Jane Miller", "endorsed") in found
    assert ("indirect", "a costly trade war", "Jane Miller", "warned") in found
    # also for a speaker the article does not name (PolNeAR annotates a group's stance as an attribution; the model
    # weighs the unnamed speaker)
    assert _quotes("The group criticized the new bridge.") == [("indirect", "the new bridge", "The group", "criticized")]
    # nor does a date ("wrote on Friday" says when, not what)
    assert _quotes("Senator Jane Miller wrote on Friday.") == []


def test_a_participle_describing_a_noun_is_no_cue():
    found = _quotes("Senator Ann Cole called the governor’s proposed tax credit “a giveaway to the rich.”")
    assert ("partial", "a giveaway to the rich.", "Senator Ann Cole", "called") in found


def test_the_reported_phrase_holds_a_quote_whose_final_mark_the_parse_hung_elsewhere():
    found = _quotes("Ann Cole described the city as the “capital of the world.”")
    assert ("indirect", "the city as the “capital of the world.”", "Ann Cole", "described") in found


def test_a_long_speaker_description_after_the_quote_and_a_verb_before_a_comma_are_cues():
    found = _quotes("“Yes, I support her,” Tom Reed, founder of the Reed Institute for Public Policy, tells the newspaper.")
    assert ("direct", "Yes, I support her,", "Tom Reed", "tells") in found
    found = _quotes("Asked about the rival, Ann Cole shot back, “I suppose I could have stayed home.”")
    assert ("direct", "I suppose I could have stayed home.", "Ann Cole", "shot") in found


def test_a_quoted_title_inside_the_attribution_does_not_break_a_split_quote():
    found = _quotes("''It's nonsense,'' Mr. Reed said by telephone on NBC's ''Meet the Press.'' ''She lies about everything, whether it's trips or planes.''")
    assert ("She lies about everything, whether it's trips or planes.", "Mr. Reed", "said") in [row[1:] for row in found]


def test_a_second_report_joined_to_a_reported_clause_is_cut_off_and_keeps_the_first_speaker():
    found = _quotes("Dr. Ben Carter said he saw no need to change his campaign, telling the host that the polls were wrong.")
    assert ("indirect", "he saw no need to change his campaign", "Dr. Ben Carter", "said") in found
    assert ("indirect", "that the polls were wrong", "Dr. Ben Carter", "telling") in found
    found = _quotes("Senator Tom Reed said his recent attacks have given his campaign momentum and said that the rival had no plan.")
    assert ("indirect", "his recent attacks have given his campaign momentum", "Senator Tom Reed", "said") in found
    assert all(speaker == "Senator Tom Reed" for kind, _, speaker, _ in found)
    # a verb with a "did" of its own shares no "would" of the clause: a report of its own
    found = _quotes('Tom Reed said that he would offer "a prayer" for the eventual nominee but did not suggest it would be Miller.')
    assert ("indirect", 'that he would offer "a prayer" for the eventual nominee', "Tom Reed", "said") in found


def test_a_framing_verb_the_parser_hung_on_the_quote_or_left_unlabelled_still_finds_its_subject():
    found = _quotes("After the governor criticized her, Ann Cole shot back, “I suppose I could have stayed home, but I chose to work.”")
    assert ("direct", "I suppose I could have stayed home, but I chose to work.", "Ann Cole", "shot") in found
    found = _quotes("Reed gestured as if to stop the noise, then leaned in and boomed: “Let us defeat her in November.”")
    assert ("direct", "Let us defeat her in November.", "Reed", "boomed") in found


def test_a_title_with_the_sentences_comma_inside_its_marks_is_no_quote_and_no_speaker_comes_from_inside_a_quote():
    found = _quotes("As Ann Cole, author of ''America's Unwritten Rules,'' put it, ''Senators should remember that a deal may be far worse.''")
    assert [text for _, text, _, _ in found] == ["Senators should remember that a deal may be far worse."]
    assert found[0][2] != "Senators"  # the parser lost the subject: no speaker rather than a word of the quote


def test_a_quote_only_paragraph_takes_the_attribution_of_the_next_paragraphs_quote():
    found = _quotes("Viguerie is upbeat about the senator.\n\n“Not only can Tom Reed win in November, he is the one with the best chance.”"
                    "\n\n“He may be the only one because the others do not unite the party,” Viguerie notes.")
    assert [(speaker, cue) for _, _, speaker, cue in found] == [("Viguerie", "notes")] * 2


def test_a_copula_gives_no_speaker_to_a_quoted_label():
    found = _quotes("Jon Reed is now host of “the longest running talk show on late night television.”")
    assert all(speaker is None for _, _, speaker, _ in found)


def test_a_thought_inside_what_somebody_says_is_part_of_that_report():
    found = _quotes("Senator Tom Reed said he does not believe the rivals will win the nomination.")
    assert [(kind, text, speaker, cue) for kind, text, speaker, cue in found] == [
        ("indirect", "he does not believe the rivals will win the nomination", "Senator Tom Reed", "said")]
    found = _quotes("Senator Tom Reed believes the rivals will win the nomination.")
    assert ("indirect", "the rivals will win the nomination", "Senator Tom Reed", "believes") in found


def test_a_statement_its_sentence_says_somebody_issued_speaks_for_them():
    found = _quotes("Hours later, Ann Cole issued a statement calling on the country “to redouble our efforts to defend our homes.”")
    assert ("partial", "to redouble our efforts to defend our homes.", "Ann Cole", "calling") in found


def test_a_participle_hung_on_a_clause_inside_speaks_for_the_main_clauses_named_subject():
    found = _quotes("Reached by phone, Ann Cole denied the notion that a budget crisis is coming, explaining that the city had "
                    "“more money than ever.”")
    assert ("partial", "more money than ever.", "Ann Cole", "explaining") in found
    assert {speaker for _, _, speaker, cue in found if cue == "explaining"} == {"Ann Cole"}


def test_a_speech_verb_with_its_own_object_after_a_finished_quote_reports_something_else():
    found = _quotes('The day after the vote, Governor Ann Cole called the delays "unacceptable." Mayor Tom Reed wrote a letter to the council.')
    assert ("partial", "unacceptable.", "Governor Ann Cole", "called") in found


def test_a_dateline_is_no_speaker():
    found = _quotes("PHILADELPHIA, July 25 (UPI) — The party committee released a statement on Monday, offering “a deep and sincere "
                    "apology” to the senator.")
    assert ("partial", "a deep and sincere apology", "The party committee", "offering") in found
    assert all(speaker != "PHILADELPHIA" for _, _, speaker, _ in found)


def test_a_quote_never_names_its_own_speaker():
    found = _quotes("“Very good reporter, very good reporter this guy,” Tom Reed, the party’s candidate nationally and current polling "
                    "leader in the state by a wide margin, said on Monday.")
    assert found and all(speaker != "Very good reporter" for _, _, speaker, _ in found)


@pytest.mark.parametrize(
    "text, expected",
    [
        # a verb right after a quote that runs on reports it, even when the parser gives the verb a clause of its own
        ('"I\'m more skilled with my feet than I am with my voice," said Dana Whitfield, half joking.',
         ("direct", "I'm more skilled with my feet than I am with my voice,", "Dana Whitfield", "said")),
        # any verb in the past tense right after such a quote, followed by a noun phrase, frames it
        ('"It is time we had a mayor who listens," exhorted the union\'s chairwoman.',
         ("direct", "It is time we had a mayor who listens,", "the union's chairwoman", "exhorted")),
        ('The vote is "a dead heat right now," as Mayor Tom Reed said on the radio on Monday.',
         ("partial", "a dead heat right now,", "Mayor Tom Reed", "said")),
    ],
)
def test_attribution_after_a_quote_that_runs_on(text, expected):
    assert expected in _quotes(text)


def test_both_halves_of_a_quote_split_around_its_attribution_are_direct_quotes_of_its_speaker():
    found = _quotes('"And while I\'m at it, I hold in the highest esteem Gov. Jane Miller," Trump said, "and I fully support and endorse '
                    'her re-election."')
    assert [(kind, speaker, cue) for kind, _, speaker, cue in found] == [("direct", "Trump", "said")] * 2


def test_a_question_followed_by_a_new_sentence_keeps_its_own_attribution():
    found = _quotes('"Is the plan dead?" Hannity pressed. "Maybe not."\n\n"Would it pass?" He answered, "It will pass."')
    assert ("direct", "Is the plan dead?", "Hannity", "pressed") in found
    assert ("direct", "It will pass.", "He", "answered") in found
    assert not any(text == "Would it pass?" and cue == "answered" for _, text, _, cue in found)


def test_a_participle_the_parser_hung_inside_a_reported_clause_speaks_for_the_clause_that_reports_it():
    found = _quotes('Senator Jane Miller pushed back on Friday, saying that the bill had the right safeguards but was stalled by voter '
                    'distrust - and arguing that she and Reed shared "almost all the same views on taxes."')
    assert ("partial", "almost all the same views on taxes.", "Senator Jane Miller", "arguing") in found


def test_a_quote_after_a_report_goes_on_for_the_reporter_not_for_a_subject_inside_the_report():
    found = _quotes("Mayor Tom Reed said that for years some critics had been predicting a collapse of the housing market.\n\n"
                    '"That is because this city keeps growing, and it will keep growing for decades."')
    assert ("direct", "That is because this city keeps growing, and it will keep growing for decades.", "Mayor Tom Reed", "said") in found


def test_a_mixed_quote_in_a_reported_clause_starts_with_the_clause_not_the_addressee():
    found = _quotes('Senator Jane Miller told supporters after her victory in the state primary that "when you win, it is beautiful."')
    mixed = [text for kind, text, _, _ in found if kind == "indirect"]
    assert len(mixed) == 1 and mixed[0].startswith('that "when you win, it is beautiful.')


def test_a_split_quote_whose_first_words_the_parse_made_a_subject_keeps_the_named_speaker_for_both_halves():
    found = _quotes('"My clients, whoever they have been, including Tom Reed, Jane Miller and Ann Teller," Mr. Dorsey, the Democratic '
                    'consultant, said, "the top comment they get at every stop is \'I saw you on the news.\'"')
    assert [(kind, speaker, cue) for kind, _, speaker, cue in found] == [("direct", "Mr. Dorsey", "said")] * 2


def test_a_quote_paragraph_signed_by_the_next_paragraph_is_the_signers():
    found = _quotes('The figures show part of the picture.\n\n"The idea that I would cut the pension fund while we wait for the new '
                    'law is just not accurate."\n\n- Miller.\n\n"We went to the banks before the crash and warned them."\n\n'
                    "-Governor Tom Reed, speaking after the debate.\n\nA line with no dash signs nothing.\n\n\"Nobody signs this one.\"\n\nMiller.")
    # (the unsigned quote paragraph has no attribution anywhere: no row)
    assert [(kind, speaker) for kind, _, speaker, _ in found] == [("direct", "Miller"), ("direct", "Governor Tom Reed")]


@pytest.mark.parametrize(
    "text, expected",
    [
        # a speech verb and a colon introduce a quote that ends its sentence; the next sentence's verb does not
        ('Miller, exasperated, famously responded: "What difference does it make?" Her critics cited it for years.',
         ("direct", "What difference does it make?", "Miller", "responded")),
        # an inverted speaker with a relative clause is the noun, never the relative pronoun (nor skipped as an object)
        ('"How tall is that fence?" asked the girl, who was wearing a red hat, as the crowd laughed.',
         ("direct", "How tall is that fence?", "the girl", "asked")),
    ],
)
def test_which_clause_speaks(text, expected):
    assert expected in _quotes(text)


@pytest.mark.parametrize(
    "text, expected",
    [
        ('But in a conference call with reporters on May 4, Col. Dana Whitfield, a military spokeswoman in Kabul, said, "A raid is a '
         'combat operation, whatever we call it."', ("direct", "A raid is a combat operation, whatever we call it.", "Dana Whitfield", "said")),
        ('In a letter to the Gazette, his chief of staff, Tom Reed, said: "The governor believes the budget is balanced."',
         ("direct", "The governor believes the budget is balanced.", "Tom Reed", "said")),
    ],
)
def test_a_speech_verb_the_parse_left_without_a_subject_is_the_last_person_named_before_it(text, expected):
    assert expected in _quotes(text)


def test_a_speech_verb_before_the_name_and_colon_is_the_cue():
    found = _quotes('The host asked about the vote.\n\nContinued Whitfield: "So I think it is a very real problem, and the party has to fix it."')
    assert ("direct", "So I think it is a very real problem, and the party has to fix it.", "Whitfield", "Continued") in found


def test_a_speech_verb_the_tagger_read_as_a_noun_after_a_quote_is_its_cue():
    found = _quotes('The campaign sent a fundraising email on Monday.\n\n"Friend, let me be blunt. I can win this race. Tom can\'t," '
                    "the email read. It asked for money.")
    assert ("direct", "Friend, let me be blunt. I can win this race. Tom can't,", "the email", "read") in found


def test_an_open_he_said_goes_on_with_the_last_quoted_person_the_article_does_not_call_a_woman():
    from newsfacts.entities import Mention
    from newsfacts.quotes import Quote
    from newsfacts.quotes.speakers import last_speaker

    text = 'Ms. Ann Teller spoke. "Yes," Mr. Tom Reed said.\n\n"No," Ms. Teller said.\n\n"Maybe," he said.'
    doc = next(parse([text]))

    def quote(words: str, entity: int) -> Quote:
        start = text.index(words)
        return Quote(start, start + len(words), words, "direct", entity, None, None, None, "said", None, None, 0, 0.9)

    mentions = [Mention(text.index("Ms. Ann"), text.index("Ms. Ann") + 14, "Ms. Ann Teller", "PERSON", "name", 0),
                Mention(text.index("Mr. Tom"), text.index("Mr. Tom") + 12, "Mr. Tom Reed", "PERSON", "name", 1)]
    quotes = [quote("Yes", 1), quote("No", 0)]
    assert last_speaker(doc, quotes, text.index("he said"), "he", mentions) == 1  # not Ms. Teller, quoted last
    assert last_speaker(doc, quotes, text.index("he said"), "she", mentions) == 0


def test_a_quote_ending_in_a_quote_inside_it_is_a_sentence_of_its_own_and_its_second_half_goes_on():
    found = _quotes('Loyalty matters to them. "They care about their town. You can at least say \'they\'re civil people,\'" Reed said. '
                    '"But I see a lot of anger at these rallies."')
    assert [(kind, speaker) for kind, _, speaker, _ in found] == [("direct", "Reed"), ("direct", "Reed")]


def _speakers(text):
    quotes, entities = quotes_with_entities(text)
    names = {e.index: e.names[-1] if e.names else None for e in entities}
    return [(q.speaker_text, names.get(q.speaker_entity)) for q in quotes]


def test_a_description_of_the_one_organisation_named_before_it_speaks_for_it():
    text = ("Profits at Globex Corporation rose to $3m in 2004. "
            "The news and data seller said the year had begun well.")
    assert ("The news and data seller", "Globex Corporation") in _speakers(text)


def test_a_description_after_two_organisations_stays_unresolved():
    text = ("Shell sued BP in May over the pipeline. "
            "The company said the claim had no merit.")
    assert ("The company", None) in _speakers(text)


def _organisation_names(text):
    entities, mentions, _ = extract_entities(next(parse([text])))
    return {(m.text, m.resolution, entities[m.entity].names[0]) for m in mentions if m.type == "ORG"}


def test_a_country_word_the_article_leaves_out_is_not_part_of_the_name():
    text = ("A report by the US Pew Research Center says most adults use search engines. "
            "According to Pew Research, 44% use one site.")
    assert _organisation_names(text) == {("Pew Research Center", "name", "Pew Research Center"),
                                         ("Pew Research", "alias", "Pew Research Center")}


def test_a_country_word_stays_in_the_name_without_a_shorter_form():
    text = "The British Medical Association said 44% of doctors use one site. The BMA began the survey in May."
    assert ("British Medical Association", "name", "British Medical Association") in _organisation_names(text)


@pytest.mark.parametrize("text, speaker", [
    ("Acme has shut down the campaign saying it had been started to stimulate debate and had now achieved its aim.", "Acme"),
    ("The paper quoted a spokesman saying the plant would close in May.", "a spokesman"),
    ("He received a letter saying the plant would close in May.", "a letter"),
])
def test_a_participle_hung_on_the_object_of_an_act_speaks_for_the_actor(text, speaker):
    assert [found[2] for found in _quotes(text) if found[0] == "indirect"] == [speaker]


@pytest.mark.parametrize(
    "text, speaker, cue",
    [
        # a capitalized speech verb the tagger reads as the first word of a name
        ('The senator spoke on the radio.\n\nStated Whitfield:\n\n"The stakes are high and the voters know it."', "Whitfield", "Stated"),
        # two names joined by "and" before the colon
        ('The pollsters wrote a memo. Ann Newport and Jim Harter: "We found that voters care about character."', "Ann Newport and Jim Harter", ":"),
        # `From X:` whose "from" the parser hung on the quote's own verb
        ('The survey was long. From the report: "In general, samples with longer field periods produced better results."', "the report", ":"),
        # an introducing clause the parser hung on the quote's root
        ('The Illinois Board of Elections was conclusive in its findings: "Further discussion on this issue is unnecessary."',
         "The Illinois Board", None),
    ],
)
def test_a_colon_introduction_names_the_speaker(text, speaker, cue):
    found = [(s, c) for kind, _, s, c in _quotes(text) if kind == "direct"]
    assert found and found[0][0] == speaker and (cue is None or found[0][1] == cue)


def test_a_quote_paragraph_with_no_attribution_anywhere_is_no_quotation():
    text = 'The debate ran late.\n\n"Lurking behind this argument about the future is a dispute about the past."\n\nThe vote is on Tuesday.'
    assert _quotes(text) == []
    # the same paragraph after the writer's colon introduction is a quotation of whoever introduced it
    introduced = 'The debate ran late. Senator Ann Reed wrote:\n\n"Lurking behind this argument about the future is a dispute about the past."'
    assert [speaker for _, _, speaker, _ in _quotes(introduced)] == ["Senator Ann Reed"]


def test_a_short_capitalized_phrase_nobody_is_said_to_say_is_a_title():
    assert _quotes('He is now host of "The Nightly Show with Larry Wilmore." The dinner raised money.') == []
    assert _quotes('The ads ran for years ("Yes to the minaret ban" in 2009) across the country.') == []
    # a lowercase phrase in the writer's sentence is still somebody's words
    assert "partial" in [kind for kind, *_ in _quotes('Voters said the mayor was "simply out of touch with the city."')]


def test_a_participle_telling_someone_a_quote_speaks_for_its_clause_not_for_the_listeners():
    text = 'Anna Weaver was not impressed, telling reporters, "A lot of people said the governor should step down."'
    assert [(kind, speaker) for kind, _, speaker, _ in _quotes(text)] == [("direct", "Anna Weaver")]
    # a second report joined to the first still speaks for the first one's speaker
    joined = _quotes("The mayor said the budget was balanced and said that the schools would reopen in May.")
    assert ("indirect", "that the schools would reopen in May", "The mayor", "said") in joined


def test_according_to_earlier_in_the_sentence_attributes_a_partial_quote():
    text = 'Over the long term, according to the budget office, the rise in debt "is mainly attributable to the aging of the population."'
    assert [(kind, speaker) for kind, _, speaker, _ in _quotes(text) if kind == "partial"] == [("partial", "the budget office")]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("Saturday at the state party's convention Sen. Ann Warden (D-MA) said the nominee was a \"proven failure\" in business.",
         "Sen. Ann Warden"),
        ('Celebrating after winning the state in the primary, Gov. John Kasten (R-OH), said, "I am getting ready to rent a '
         'covered wagon."', "Gov. John Kasten"),
    ],
)
def test_a_party_tag_between_the_name_and_the_verb_does_not_hide_the_speaker(text, speaker):
    assert [s for kind, _, s, _ in _quotes(text) if kind != "indirect"] == [speaker]


def test_a_participle_opening_its_own_sentence_goes_on_for_the_previous_sentences_speaker():
    text = ('Later in the show, Maher stated of the email scandal that the report "was not good." Adding, "Now, like with all of '
            'their scandals, what they actually do is never that bad."')
    assert ("direct", "Maher", "Adding") in [(kind, speaker, cue) for kind, _, speaker, cue in _quotes(text)]


def test_as_x_put_it_with_a_long_description_speaks_for_x():
    text = ("The justice least friendly to business is exactly the kind of liberal jurist many Republicans fear Mrs. Clinton "
            "would choose.\n\nAs Akhil Amar, professor of constitutional law at Yale and author of ''America's Unwritten "
            "Constitution,'' put it, ''Senate Republicans should remember that a compromise candidate today may be far better "
            "for them than the justice they may get stuck with.''")
    assert [(kind, speaker) for kind, _, speaker, _ in _quotes(text) if kind == "direct"] == [("direct", "Akhil Amar")]


def test_a_quoted_phrase_the_parse_hung_away_from_the_speech_verb_before_it_in_its_sentence_is_that_verbs_subjects():
    text = ("Donald Trump said Wednesday night that he doesn’t necessarily want to kill the families of terrorists — a "
            "controversial proposal he has raised at various points during his campaign.\n\nInstead, Trump told CNN, his "
            "policy would merely be “to go after them” if he wins the White House.")
    assert ("partial", "to go after them", "Trump", "told") in _quotes(text)


def test_a_reported_clause_ending_before_the_quotes_full_stop_is_not_repeated_as_a_mixed_row():
    # The clause stops before the full stop printed inside the marks; the partial quote keeps it. That is still
    # one reported clause holding the quote, not a second, one-character-longer indirect row.
    text = ("The memo did not name Spain, but urged him to think of workers and "
            "“a fairness which stands above borders, parties, and ideology.”")
    rows = _quotes(text)
    indirect = [row for row in rows if row[0] == "indirect"]
    assert len(indirect) == 1 and indirect[0][1].startswith("to think of workers")
    assert ("partial", "a fairness which stands above borders, parties, and ideology.", "The memo", "urged") in rows


def test_an_acronym_written_in_title_case_is_the_organisation_it_spells():
    # BBC style writes pronounceable initials in title case ("Sepa", "Nato"): still the organisation's initials.
    text = ("The Scottish Environment Protection Agency is warning ministers about floods. "
            "Sepa said the risk had grown.")
    assert ("Sepa", "name", "Scottish Environment Protection Agency") in _organisation_names(text)
    quotes, entities = quotes_with_entities(text)
    assert [entities[q.speaker_entity].names[0] for q in quotes if q.speaker_text == "Sepa"] == [
        "Scottish Environment Protection Agency"]


def test_a_title_case_word_is_no_acronym_of_an_organisation_it_does_not_spell():
    text = "The Scottish Environment Protection Agency is warning ministers. Sara said the risk had grown."
    assert not any(name == "Sara" for name in (n for _, _, n in _organisation_names(text)))


def _speaker_text_of(text, quoted):
    """The speaker's words of the quote whose text is `quoted` (None if no such quote or no speaker)."""
    return {q.text: q.speaker_text for q in quotes_with_entities(text)[0]}.get(quoted)


def _speaker_names(text):
    quotes, entities = quotes_with_entities(text)
    return [(q.speaker_text, entities[q.speaker_entity].names[0] if q.speaker_entity is not None else None) for q in quotes]


@pytest.mark.parametrize("text, speaker", [
    # the author named on what a document is "of": 'a survey of 280 schemes by X'
    ("A survey of 280 schemes by Incomes Data Services said contributions rose by 10% last year.",
     ("A survey", "Incomes Data Services")),
    # a statement "from" an organisation is the organisation's
    ("A statement from the band's record company Universal said the singer would leave.", ("A statement", "Universal")),
    # researchers speak for the institution they are from
    ("The research team, from the Karolinska Institute, said the volunteers improved.",
     ("The research team", "Karolinska Institute")),
])
def test_a_document_or_team_speaks_for_the_organisation_it_is_by_or_from(text, speaker):
    assert speaker in _speaker_names(text)


def test_a_report_from_a_place_is_not_the_places():
    # "from Baghdad" says where the report was written, not who wrote it
    assert ("A report", None) in _speaker_names("A report from Baghdad said the bridge had been closed since May.")


def test_a_quote_mark_glued_to_the_comma_after_the_speech_verb_keeps_its_speaker():
    found = _quotes('The speaker was asked about the images.\n\nRyan said,“Look, these images have no place in our politics.”')
    assert ("direct", "Look, these images have no place in our politics.", "Ryan", "said") in found


@pytest.mark.parametrize("text, quoted, speaker", [
    ('The Vermont senator emailed supporters saying: "The struggle continues and we will win."', "The struggle continues and we will win.", "The Vermont senator"),
    ('He pushed back against claims of bias against his uncle, saying he was a pioneer in promoting women at his stores '
     'and calling him "a feminist."', "a feminist.", None),  # (the parse leads to no subject: none, rather than "him")
])
def test_the_people_addressed_or_named_before_a_quote_do_not_speak_it(text, quoted, speaker):
    """Not "supporters", "him": the object of the verb is who is addressed or named."""
    assert _speaker_text_of(text, quoted) == speaker


@pytest.mark.parametrize("text, quoted, speaker", [
    ('The RNC emailed a news article reporting that "the governor is losing ground" to reporters on Monday.',
     "the governor is losing ground", "The RNC"),
    ('Senator Warren retweeted a message that read "We will not back down."', "We will not back down.", "Senator Warren"),
    ('Maria Lopez forwarded an email that said the vote was "rigged from the start."', "rigged from the start.", "Maria Lopez"),
    # showing a document is not passing it on: the sign carries the words
    ('Maria Lopez held a sign that read "Stop the war."', "Stop the war.", "a sign"),
])
def test_a_document_passed_on_speaks_for_whoever_passes_it_on(text, quoted, speaker):
    """Not "a news article", "a message": retweeting, forwarding or emailing a document makes its words the sender's."""
    assert _speaker_text_of(text, quoted) == speaker


@pytest.mark.parametrize("text, quoted, speaker", [
    ('Her campaign quickly blasted out an email to supporters stating, "Speaker Paul Ryan Joins Growing List of Conservatives."',
     "Speaker Paul Ryan Joins Growing List of Conservatives.", "Her campaign"),
    ('The mayor handed a note to reporters saying the plan was "dead on arrival."', "dead on arrival.", "The mayor"),
])
def test_the_people_a_document_is_sent_to_do_not_speak_it(text, quoted, speaker):
    """Not "supporters": whatever the verb, one that takes a document and a "to" phrase sends the document to them."""
    assert _speaker_text_of(text, quoted) == speaker


@pytest.mark.parametrize("text, quoted, speaker", [
    ('She retweeted a message from her senior policy advisor, Ann O\'Leary, that read: "Senate Dems are right."',
     "Senate Dems are right.", "She"),
    ('Warren retweeted a post from a voter that read, "This is our moment."', "This is our moment.", "Warren"),
    # no one passes the letter on: the clause stays with whom it is from
    ('She read a letter from a voter that read, "This is our moment."', "This is our moment.", "a voter"),
])
def test_what_reads_is_the_document_not_the_person_it_is_from(text, quoted, speaker):
    """Not "her senior policy advisor": a clause "that read" hung on the person a document is from describes the
    document, which speaks for whoever retweeted it."""
    assert _speaker_text_of(text, quoted) == speaker


def test_the_start_of_a_sentence_split_by_its_attribution_joins_the_quote_that_goes_on_with_it():
    found = _quotes('The streets were empty, he added, "but people need to meet somehow."\n\n'
                    'On Monday, the mayor said, "the plan is dead."\n\nSooner or later, Reed told reporters, "it starts to pay off."')
    assert ("indirect", "The streets were empty", "he", "added") in found
    assert ("indirect", "Sooner or later", "Reed", "told") in found
    assert not any(text == "On Monday" for _, text, _, _ in found)  # when the saying happened is not what was said


def test_a_speech_verb_the_parse_left_without_subject_takes_the_person_named_before_it():
    found = _quotes('Alarmed by the unrest in Ohio, Senator Tom Reed, the majority leader, said that the governor faced a '
                    '"test of leadership" over the protests.')
    assert ("partial", "test of leadership", "Tom Reed", "said") in found


def test_names_in_a_list_or_inside_what_the_verb_reports_do_not_speak_for_it():
    found = _quotes('In an interview with morning hosts Joe Brown and Mary Kane, the Democratic presidential candidate stated '
                    'that his "divisive" comments do not "fit with what I knew about him."')
    assert not {speaker for _, _, speaker, _ in found} & {"Joe Brown", "Mary Kane"}


@pytest.mark.parametrize("text, quoted, speaker", [
    ('Senator Tom Reed has battled with the mayor over the budget for years, at one point calling the plan a '
     '"complete disaster" in public.', "complete disaster", "Senator Tom Reed"),
    ('The campaign placed newspaper ads calling the deal a "huge mistake" for the state.', "huge mistake", "newspaper ads"),
])
def test_a_participle_set_off_by_a_comma_speaks_for_its_clause_not_the_thing_before_it(text, quoted, speaker):
    """Not "one point": the parser hangs `, at one point calling` on the point; without a comma the ads speak."""
    assert _speaker_text_of(text, quoted) == speaker


@pytest.mark.parametrize("text", [
    'Of course, as Joel Pollak observed, the biggest winner was not on the stage:\n\n'
    '"The clear winner of the debate was the network, which ran two shows."',
    'As Joel Pollak observed, the old bridge was the first of its kind: "It opened in 1901 and carried trams for forty years."',
])
def test_an_as_x_said_aside_in_the_clause_before_a_colon_names_who_speaks_after_it(text):
    """Not "the biggest winner" or "the old bridge", the subjects of the writer's own clause."""
    quotes = [q for q in quotes_with_entities(text)[0] if q.kind == "direct"]
    assert [q.speaker_text for q in quotes] == ["Joel Pollak"]


@pytest.mark.parametrize("text, quoted, speaker", [
    ('Sanders, meanwhile, who sits at zero such endorsements, said that fact speaks volumes about which of the two '
     'candidates is "preferred by the establishment."', "preferred by the establishment.", "Sanders"),
    ('One attendee, who like others spoke on the condition of anonymity to discuss the private meeting, said the message '
     'was that "this is not going to be over in February or March."', "this is not going to be over in February or March.", "One attendee"),
])
def test_a_speaker_described_by_a_relative_clause_the_parse_read_as_what_is_said_still_speaks(text, quoted, speaker):
    assert _speaker_text_of(text, quoted) == speaker


def test_an_as_x_noted_aside_earlier_in_the_sentence_names_who_a_quoted_phrase_is_from():
    found = _quotes('But as the Global Times tabloid noted in an op-ed on Thursday, the leading candidate "has surprisingly '
                    'earned himself a few fans in China."')
    assert [(kind, speaker) for kind, _, speaker, _ in found] == [("indirect", "the Global Times tabloid"),
                                                                  ("partial", "the Global Times tabloid")]
    assert found[0][1] == 'the leading candidate "has surprisingly earned himself a few fans in China."'  # (its clause: mixed)


def test_the_start_of_a_sentence_a_lower_case_quote_goes_on_with_joins_the_quote():
    # `<words>, "<quote>," X said`: the quote opens in lower case mid-sentence, the words before it are the speaker's too
    found = _quotes('After the victories in Ohio and Iowa, "there is a sense of urgency that we keep them there," Senator Tom Reed said.')
    assert ("indirect", "After the victories in Ohio and Iowa", "Senator Tom Reed", "said") in found
    # (as for `<words>, X said, "<quote>"`)
    assert ("indirect", "No name change", "he", "said") in _quotes('No name change, he said, "hides what it really is."')
    # but not when the words only say when, nor before a quote that starts its own sentence
    assert [kind for kind, *_ in _quotes('On Monday, "we will win," Tom Reed said.')] == ["direct"]
    assert [kind for kind, *_ in _quotes('After the victories in Ohio, "We will win," Tom Reed said.')] == ["direct"]


def test_a_quote_attributed_by_the_sentence_before_shares_that_reports_cue():
    # `X promised that A. "B."`: the quote goes on with the report before it, one attribution as the gold counts it
    quotes, _ = quotes_with_entities('Senator Jane Miller promised that she is staying in the race until the convention. '
                                     '"Let me be as clear as I can be: we are in till the last ballot is cast."')
    clause, quote = sorted(quotes, key=lambda q: q.start)
    assert (clause.kind, quote.kind, quote.attribution) == ("indirect", "direct", "previous")
    assert quote.cue == "promised" and (quote.cue_start, quote.speaker_start) == (clause.cue_start, clause.speaker_start)


def test_a_labeling_verbs_mixed_phrase_starts_with_what_it_labels():
    # the parse reads the quote as a clause of its own ("run" with "overclassification" as subject)
    found = _quotes('A spokesman for the senator has called the situation "overclassification run amok."')
    assert ("indirect", 'the situation "overclassification run amok."', "A spokesman", "called") in found
    # the parse hangs the quote on the subject: the words between the verb and the quote's mark are what it labels
    found = _quotes("Tom Reed, a party donor, called Ohio's schools \"strong.\"")
    assert ("indirect", 'Ohio\'s schools "strong."', "Tom Reed", "called") in found
    found = _quotes("Tom Reed, a party donor, called Ohio's schools ''strong.''")  # (NYT's two-apostrophe mark too)
    assert ("indirect", "Ohio's schools ''strong.''", "Tom Reed", "called") in found
    found = _quotes('The bishop issued a statement on Sunday declaring the mayor\'s remarks as "not Christian," aides said.')
    assert ("indirect", 'the mayor\'s remarks as "not Christian,"', "The bishop", "declaring") in found


def test_a_partial_quote_in_the_clause_before_its_attribution_is_a_mixed_attribution():
    found = _quotes('The rejection of the treaty signals "the beginning of the end" for the union, said Tom Reed, a party leader.')
    assert ("indirect", 'The rejection of the treaty signals "the beginning of the end" for the union', "Tom Reed", "said") in found
    assert ("partial", "the beginning of the end", "Tom Reed", "said") in found
    # (the parse makes "commented" a clause inside the quote: the words from the sentence's start to the comma)
    found = _quotes('He would be a better mayor than Reed "no matter what," one voter said.')
    assert [row for row in found if row[0] == "indirect"][0][1].startswith('He would be a better mayor than Reed "no matter what')
    # not past the comma that sets off the speaker, nor when the verb reports a clause of its own after it
    found = _quotes('"We had better conventions than this one," Texas delegate Tom Reed, wearing a hat, said on Monday.')
    assert [row for row in found if row[0] == "indirect"] == []
    found = _quotes('To a question on the "privatization of public jobs," Reed said private firms can be costly.')
    assert [row[1] for row in found if row[0] == "indirect"] == ["private firms can be costly"]


def test_a_partial_quote_in_a_verbs_phrase_takes_that_verb_as_cue_not_the_verb_joined_after_it():
    found = _quotes("Mayor Tom Reed denounced the senator’s remarks as “hurtful and humiliating” and warned of the consequences.")
    assert ("partial", "hurtful and humiliating", "Mayor Tom Reed", "denounced") in found  # (not "warned")
    assert ("indirect", "the senator’s remarks as “hurtful and humiliating”", "Mayor Tom Reed", "denounced") in found
    found = _quotes('Tom Reed remarked upon the fact that there is still "more work to do," noting the weak economy.')
    assert ("partial", "more work to do,", "Tom Reed", "remarked") in found
    assert ("indirect", "the weak economy", "Tom Reed", "noting") in found  # the verb after keeps its own report


def test_a_headline_or_book_cited_with_its_author_or_kind_of_work_is_no_quote():
    assert _quotes('One of his recent reads, "This Kind of War," by T.R. Fehrenbach, drove that point home.') == []
    assert _quotes('In an interview with "Fox and Friends," Donald Trump pointed to China as the enforcer.') == []
    found = _quotes('FAREWELL—"The Living Room to close at the end of December," by Times’ Ben Sisario: '
                    '"The nightclub gave an early start to many singers."')
    assert [text for _, text, _, _ in found] == ["The nightclub gave an early start to many singers."]
    # a quote the by-phrase does not follow as a byline stays a quote
    assert ("direct", "We are ready,", "Tom Reed", "said") in _quotes('"We are ready," by all accounts, said Tom Reed.')
    assert ("partial", "devastated", "Senator Jane Miller", "said") in _quotes('Senator Jane Miller said the city was "devastated" by the closures.')


def test_a_partial_quote_in_the_phrase_of_a_participle_after_its_cue_takes_that_participle_as_cue():
    found = _quotes('Tom Reed denied the accusations through a spokeswoman, dismissing Ann Cole as "a disgruntled former employee."')
    assert ("partial", "a disgruntled former employee.", "Tom Reed", "dismissing") in found
    assert ("indirect", 'Ann Cole as "a disgruntled former employee."', "Tom Reed", "dismissing") in found
    assert ("indirect", "the accusations", "Tom Reed", "denied") in found


def test_a_mixed_phrase_holds_the_whole_quote_where_the_parse_hangs_its_last_words_elsewhere():
    found = _quotes('The campaign took the unusual step of criticizing the agency, accusing spy agencies of engaging in '
                    '"overclassification run amok."')
    assert ("indirect", 'spy agencies of engaging in "overclassification run amok."', "The campaign", "accusing") in found


def test_a_mixed_phrase_goes_on_with_a_prepositional_phrase_after_the_quote_but_not_with_a_time():
    found = _quotes("Reporters called it a “rough week” for Trump.")
    assert ("indirect", "it a “rough week” for Trump", "Reporters", "called") in found
    found = _quotes("Senator Jane Miller called Tom Reed “a psychopath” over the weekend.")
    assert ("indirect", "Tom Reed “a psychopath”", "Senator Jane Miller", "called") in found
    # nor with the occasion of the words (which would also make the writer's sentence the speaker's claim)
    found = _quotes('On Wednesday, Tom Reed provoked fury by branding the campaign "two-bit Tories" in a confrontation '
                    'outside its offices.')
    assert [text for kind, text, _, cue in found if kind == "indirect" and cue == "branding"] == ['the campaign "two-bit Tories"']


def test_a_partial_quote_whose_cue_is_a_verb_inside_a_reported_clause_of_its_speaker_joins_that_clause():
    found = _quotes('Senator Jane Miller said she had begun "to unmask the true nature" of the governor.')
    assert ("partial", "to unmask the true nature", "Senator Jane Miller", "said") in found  # (not "begun", "she")
    assert ("indirect", 'she had begun "to unmask the true nature" of the governor', "Senator Jane Miller", "said") in found
    # another speaker inside the clause, or a report of its own with its `that` clause, keeps its own attribution
    assert ("partial", "bigot", "Jane Miller", "called") in _quotes('Tom Reed said Jane Miller called him a "bigot" on Monday.')
    found = _quotes('Tom Reed said he was angry when he told Jane Miller at a debate that voters were "sick and tired of it."')
    assert ("partial", "sick and tired of it.", "he", "told") in found


def test_a_partial_quote_in_a_clause_its_cue_is_set_off_in_reports_the_clause():
    # `As X reported, <clause>`: the clause after the aside, without it, is the mixed content
    found = _quotes('As The Daily Post reported, the actor “gave between $1,001 and $5,000” to the campaign.')
    assert ("indirect", "the actor “gave between $1,001 and $5,000” to the campaign", "The Daily Post", "reported") in found
    found = _quotes('But as Senator Jane Miller noted on Monday, the governor has "no plan at all" for the schools.')
    assert [t for k, t, _, _ in found if k == "indirect"] == ['the governor has "no plan at all" for the schools']
    # the aside inside the clause: the content runs over it (a row holds one span)
    found = _quotes('The proposals so far, he added, would "only tinker around the edges."')
    assert [t[:35] for k, t, _, _ in found if k == "indirect"] == ["The proposals so far, he added, wou"]
    # an `as` clause that reports nothing is no aside
    found = _quotes('As the storm passed, the old bridge was "a total loss" for the town.')
    assert [row for row in found if row[0] == "indirect"] == []


def test_a_partial_quote_in_the_phrase_of_a_second_act_joined_to_its_cue_takes_that_verb_and_phrase():
    found = _quotes('Senator Jane Miller called the merger "a terrible deal" and ranked Tom Reed as one of the worst mayors '
                    '"in the history of the city."')
    assert ("indirect", 'Tom Reed as one of the worst mayors "in the history of the city."', "Senator Jane Miller", "ranked") in found
    # the same subject repeated
    found = _quotes('He praised the new mayor and he pronounced her "a true friend of the city."')
    assert ("indirect", 'her "a true friend of the city."', "He", "pronounced") in found
    # a verb inside the cue's reported clause (another tense) stays inside that clause
    found = _quotes('Tom Reed said he would sit down with the governor and tell him "enough is enough."')
    assert [row for row in found if row[0] == "indirect"] == [
        ("indirect", 'he would sit down with the governor and tell him "enough is enough."', "Tom Reed", "said")]


def test_a_mixed_phrase_goes_on_with_the_reason_given_right_after_the_quote_but_not_with_when():
    found = _quotes('Tom Reed calls the new bridge "a mistake" because so few people live near it.')
    assert ("indirect", 'the new bridge "a mistake" because so few people live near it', "Tom Reed", "calls") in found
    found = _quotes('Tom Reed called the new bridge "a mistake" when he spoke to reporters on Monday.')
    assert ("indirect", 'the new bridge "a mistake"', "Tom Reed", "called") in found


def test_a_mixed_phrase_leaves_out_a_participle_after_the_quotes_closing_comma():
    found = _quotes('In a tweet, Senator Jane Miller called Tom Reed the "ultimate hypocrite," linking to a story about his donors.')
    assert ("indirect", 'Tom Reed the "ultimate hypocrite,"', "Senator Jane Miller", "called") in found


def test_a_reported_clause_goes_on_after_a_comma_inside_the_quotes_closing_mark():
    # the parse ends the clause at `,"` and hangs the rest of the sentence on the cue; the gold's content runs on
    found = _quotes('Senator Rand Paul told reporters that polls could be "way off," and have been unreliable in past races.')
    assert ("indirect", 'that polls could be "way off," and have been unreliable in past races', "Senator Rand Paul", "told") in found
    # but not across a second report of the speaker, nor where the cue is not the sentence's main verb
    found = _quotes('Paul said the plan was "a disaster," and said that the mayor should resign.')
    assert ("indirect", 'the plan was "a disaster,"', "Paul", "said") in found
    found = _quotes('When Paul said he would "protect our citizens," the crowd applauded loudly.')
    assert ("indirect", 'he would "protect our citizens,"', "Paul", "said") in found


def test_a_reported_clause_stops_at_the_writers_words_after_its_quote():
    found = _quotes('Senator Tom Reed said he was "encouraged" by the plan — a modest boost for the governor since 2009.')
    assert ("indirect", 'he was "encouraged" by the plan', "Senator Tom Reed", "said") in found
    # a pair of dashes sets off an aside inside the clause, which goes on after it
    found = _quotes('Tom Reed argued that "every candidate on the stage" - including Miller - favored some sort of legalization.')
    assert ("indirect", 'that "every candidate on the stage" - including Miller - favored some sort of legalization', "Tom Reed",
            "argued") in found
    # the writer's comment after the quote's closing comma (an indefinite noun phrase); what the words are (definite) stays
    found = _quotes('In the debate, Senator Tom Reed called Miller a "moderate," a subtle dig at his rival.')
    assert ("indirect", 'Miller a "moderate,"', "Senator Tom Reed", "called") in found
    found = _quotes('Reed said most of the emails were rated "confidential," the lowest level of sensitivity.')
    assert ("indirect", 'most of the emails were rated "confidential," the lowest level of sensitivity', "Reed", "said") in found
    # an apostrophe after the dash is no quote mark that would hide where the quote ends
    found = _quotes('Reed called the senator\'s plan a "disaster" — a charge the senator’s aides rejected on Monday.')
    assert ("indirect", 'the senator\'s plan a "disaster"', "Reed", "called") in found
    # nor is a dash inside a quotation that runs to the clause's end
    found = _quotes('Bolton said the critics, who are “just flatly wrong – and they’re gonna live to regret it.”')
    assert any(kind == "indirect" and text.endswith("regret it.”") for kind, text, _, _ in found)


@pytest.mark.parametrize(
    "text, clause",
    [  # the means of saying, a lone dash's aside and a clause of the writer's own after the quote were not said
        ('Tom Reed said his campaign does not want "that crap," in an interview with CNN on Sunday.',
         'his campaign does not want "that crap,"'),
        ('Tom Reed said the governor\'s budget was "a disgrace" on Twitter.', 'the governor\'s budget was "a disgrace"'),
        ('Tom Reed says he gets his ideas from a speech in Ayn Rand\'s "Atlas Shrugged" - which, to be clear, is a work of '
         'fiction.', 'he gets his ideas from a speech in Ayn Rand\'s "Atlas Shrugged"'),  # (a title: no partial quote)
        ('Tom Reed says he is "excited where we stand" as he faces a critical test in the state primary.',
         'he is "excited where we stand"'),
        # but the reason the speaker gives, what goes on as the words say, and where they were said, stay
        ('Tom Reed said the judge was "hostile" because he is Hispanic.', 'the judge was "hostile" because he is Hispanic'),
        ('Tom Reed said the law "was going to go from a positive to a negative" as sanctions ramped up.',
         'the law "was going to go from a positive to a negative" as sanctions ramped up'),
        ('Tom Reed said the person would "not get beat up" at his rally.', 'the person would "not get beat up" at his rally'),
    ],
)
def test_a_reported_clause_stops_before_the_writers_narration_after_its_last_quote(text, clause):
    assert ("indirect", clause, "Tom Reed") in [row[:3] for row in _quotes(text)]


def test_a_partial_quote_inside_a_clause_of_its_speaker_cued_by_the_next_act_takes_the_clauses_cue():
    # `criticized` comes after the clause: the quote is part of what she said, one attribution with the clause
    found = _quotes('Ms. Khan said Mr. Trump was "ignorant" of Islam and criticized him for saying he had sacrificed.')
    assert ("partial", "ignorant", "Ms. Khan", "said") in found
    assert ("indirect", 'Mr. Trump was "ignorant" of Islam', "Ms. Khan", "said") in found


def test_a_long_quotation_whose_paragraphs_were_joined_is_every_part_and_one_speaker():
    # The BBC corpus joins a long quotation's paragraphs into one line, leaving each paragraph's opening mark: `"A. "B. "C."`.
    found = _quotes('On Tuesday, Maria Lopez had said: "I like the club and I am pleased they want me. '
                    '"They know my situation and they must do something. "I am in a position where I want to play."')
    assert [(kind, text, speaker) for kind, text, speaker, _ in found] == [
        ("direct", "I like the club and I am pleased they want me.", "Maria Lopez"),
        ("direct", "They know my situation and they must do something.", "Maria Lopez"),
        ("direct", "I am in a position where I want to play.", "Maria Lopez")]
