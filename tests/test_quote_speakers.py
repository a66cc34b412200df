"""Quote speakers on made-up sentences: the parse-level causes fixed in round 8 of issue 4."""

import pytest

from tests.test_quote_patterns import quotes_with_entities

pytestmark = pytest.mark.slow


def _speakers(text):
    """(quoted words, speaker's words, speaker's entity name or None) per direct or partial quote."""
    quotes, entities = quotes_with_entities(text)
    return [(q.text, q.speaker_text, entities[q.speaker_entity].names[0] if q.speaker_entity is not None else None)
            for q in quotes if q.kind != "indirect"]


@pytest.mark.parametrize(
    "text, quoted, speaker",
    [
        ('Senator Ruiz spoke after the address. Nothing the president said "will calm the markets," the Ohio senator said.',
         "will calm the markets,", "the Ohio senator"),
        ('The closure of the plant signals "the end of an era" for the valley, said Ruth Okafor, head of the miners\' union.',
         "the end of an era", "Ruth Okafor"),
    ],
)
def test_a_speech_verb_the_parse_gave_two_subjects_is_spoken_by_the_nearer_one(text, quoted, speaker):
    assert (quoted, speaker) in [(q, s) for q, s, _ in _speakers(text)]


def test_a_reported_clause_whose_verb_the_parse_left_without_subject_takes_the_person_named_before_it():
    # The parse hangs the name on the place ("Palm Hills, ..., Tony Vitale"); the partial quote the verb governs already
    # fell back to the person before the verb, and the reported clause around it now does too (one speaker, one unit).
    quotes, _ = quotes_with_entities(
        "At Palm Hills, where it costs new members $70,000 to sign up, Tony Vitale, the club's 78-year-old president and "
        "general manager, suggested that the troubles besetting some of his competitors could be blamed on poor management "
        'and on their focus on "the business of selling houses."')
    assert {(q.kind, q.speaker_text, q.cue) for q in quotes} == {("indirect", "Tony Vitale", "suggested"),
                                                                  ("partial", "Tony Vitale", "suggested")}


def test_a_name_the_tagger_read_as_a_verb_still_speaks_the_quote_before_it():
    found = _speakers('Bush attacked him over the casino plan. "Jeb wants to be a tough guy tonight," Trump shot back. "Let me talk."')
    assert [(q, s) for q, s, _ in found] == [("Jeb wants to be a tough guy tonight,", "Trump"), ("Let me talk.", "Trump")]


def test_a_he_said_the_coreference_left_open_becomes_a_mention_of_the_person_the_quote_resolved_it_to():
    from newsfacts.entities import extract_entities
    from newsfacts.nlp import parse
    from newsfacts.quotes import extract_quotes, speaker_pronoun_mentions

    text = ('"The same criticism of the strategy can be leveled against its critics," said Christopher Preble. Later, Max '
            'Boot and Preble sparred over the plan at the Cato Institute. "This debate is misleading," he said.')
    doc = next(parse([text]))
    entities, mentions, _ = extract_entities(doc)
    assert not [m for m in mentions if m.text == "he"]  # two people in the sentence before: the coreference leaves it open
    quotes = extract_quotes(doc, [(0, len(text), False)], mentions)
    he = text.index("he said")
    completed = speaker_pronoun_mentions(quotes, mentions)
    added = [m for m in completed if m.start == he]
    assert [(m.text, m.resolution, entities[m.entity].names[0]) for m in added] == [("he", "pronoun", "Christopher Preble")]
    assert [m.start for m in completed] == sorted(m.start for m in completed) and len(completed) == len(mentions) + 1
    assert speaker_pronoun_mentions(quotes, completed) == completed  # nothing twice


def test_a_name_after_the_quote_that_the_parse_hung_on_the_quoted_words_still_speaks_them():
    found = _speakers('"We have had better conventions than this one," Texas delegate Bill Hale, wearing a cowboy hat and '
                      '"Ted Cruz" campaign pins, said matter-of-factly.')
    assert ("We have had better conventions than this one,", "Bill Hale", "Bill Hale") in found


def test_a_lead_in_that_only_says_what_the_quote_is_names_no_speaker_but_keeps_the_quote():
    found = _speakers('The mayor announced the new budget on Monday, and the council approved it.\n\nWait, it gets better:\n\n'
                      '"By law, the mayor sets the maximum number of permits every year."\n\nEstimates of turnout are particularly '
                      'problematic: "All the samples include more engaged voters than they should."\n\nHer reply was: "We will see."')
    assert [(q[:20], s) for q, s, _ in found] == [("By law, the mayor se", None), ("All the samples incl", None),
                                                  ("We will see.", "Her reply")]


def test_a_long_lead_in_before_a_colon_names_who_speaks_after_it_not_the_previous_speaker():
    found = _speakers('"The numbers do not add up, and everybody knows it," Ms. Kaplan said.\n\nMr. Osei said that if viewed '
                      'through the lens of a family budget, some kind of compromise might be possible: "At home, the rule always '
                      'is, is there money left at the end of the month? In other words, can we pay for it?"')
    assert [(q[:12], s) for q, s, _ in found] == [("The numbers ", "Ms. Kaplan"), ("At home, the", "Mr. Osei")]


# --- round 9 ---------------------------------------------------------------------------------------------------


def test_a_name_the_tagger_reads_as_a_modal_or_an_adverb_still_speaks():
    # "Will" (a modal before a past-tense verb, which no modal takes) and "Early" (a capitalized adverb that does not
    # open its sentence) are names.
    found = _speakers('Columnist George Will attacked the field. Will described the governor as a "caricature of democracy."')
    assert ("caricature of democracy.", "Will", "George Will") in found
    found = _speakers('Shown the poll on Monday, Early described it as "news to me."')
    assert ("news to me.", "Early", None) in found


def test_a_quote_ending_its_sentence_does_not_take_a_speech_verb_set_off_inside_the_next_sentence():
    # "he said" is an aside of "the voters will agree": the second quote goes on from the first, with its cue.
    quotes, _ = quotes_with_entities('"We will win," said Mr. Dole. "The party is united." Perhaps, he said, the voters will agree.')
    second = next(q for q in quotes if q.text.startswith("The party"))
    assert (second.attribution, second.speaker_text, second.cue) == ("inherited", "Mr. Dole", "said")
    assert second.cue_start < second.start  # the "said" of the first quote, not the aside's


def test_a_stance_verb_gives_its_subject_the_quoted_phrase_a_plain_verb_does_not():
    found = _speakers('Led by the council speaker, the rally denounced the mayor\'s call for "a total shutdown of the port." '
                      'Moments later the balloons cascaded onto "the happiest stage in the city."')
    assert ("a total shutdown of the port.", "the rally", None) in found
    assert ("the happiest stage in the city.", None, None) in found


def test_a_quote_between_a_possessor_and_a_noun_of_saying_or_after_a_possessed_call_for_is_the_possessors():
    found = _speakers('Unions still fight the rule. It is the pull of Governor Dana Reyes\'s "if you work, you get paid" '
                      'promise. Mr. Okafor rose after the flood and his call for a "total rebuild of the levees" on the coast.')
    assert ("if you work, you get paid", "Governor Dana Reyes", "Dana Reyes") in found
    assert ("total rebuild of the levees", "his", "Okafor") in [(q, s, e and e.split()[-1]) for q, s, e in found]
    # a stance verb's subject still holds the words it denounces; a plain possessed noun is no saying
    found = _speakers('The rally denounced the mayor\'s call for "a full shutdown of the port." Mr. Reed\'s "quiet little garden" '
                      'burned.')
    assert ("a full shutdown of the port.", "The rally", None) in found
    assert all(s is None for q, s, _ in found if q.startswith("quiet"))


def test_a_quote_ending_its_sentence_does_not_take_the_verb_of_a_relative_clause_in_the_next():
    found = _speakers('She has pushed back against the charges, calling him "a feminist." The mayor, who vowed to "clean up '
                      'this town," won easily.')
    assert ("a feminist.", "She", None) in found
    assert ("clean up this town,", "The mayor", None) in found


def test_a_clause_with_its_own_subject_after_a_quote_and_a_conjunction_does_not_attribute_the_quote():
    found = _speakers('On the stump, Mr. Weld describes the party as "a six-lane highway up the middle," and Mr. Johnson talks '
                      'about the deficit.')
    assert ("a six-lane highway up the middle,", "Mr. Weld", "Weld") in [(q, s, e and e.split()[-1]) for q, s, e in found]
    # the same subject going on (`and warned`) still speaks the quote
    found = _speakers('Mr. Hollande called the remarks "hurtful and humiliating," and warned of the consequences.')
    assert ("hurtful and humiliating,", "Mr. Hollande", "Hollande") in [(q, s, e and e.split()[-1]) for q, s, e in found]


def test_a_quote_after_a_possessed_noun_of_saying_and_was_is_the_possessors():
    found = _speakers('Governor Dana Reyes ran hard in 2010. Reyes\'s catch phrase in that race was that Mr. Cole "would say '
                      'anything to win." The senator\'s answer was that "the family comes first," so the state should help.')
    assert ("would say anything to win.", "Reyes's", "Dana Reyes") in found
    assert ("the family comes first,", "The senator's", None) in found
    # a thing's "point" and a plain possessed noun are not somebody's words
    found = _speakers('Its point was that "the river floods every spring." Mr. Reed\'s garden was "quiet and small."')
    assert all(s is None for q, s, _ in found)


def test_a_speech_verb_the_parse_misread_as_a_modifier_still_reports_the_quote_after_it():
    # the parse hangs "told" on "supporters" as an adjective but leaves it its subject: it is the sentence's verb
    text = ('After a formal speech -- complete with slides -- Trump told supporters Tuesday night that "the city is ready '
            'for a new start," and he thanked the crowd.')
    assert ("the city is ready for a new start,", "Trump", "Trump") in _speakers(text)
    # a participle describing a noun still reports nothing
    found = _speakers('The proposed "tax holiday" drew little notice in the capital.')
    assert all(s is None for q, s, _ in found)


def test_a_quoted_clause_in_the_sentence_after_a_report_goes_on_for_that_reporter():
    found = _speakers('"We will not back down," Governor Dana Reyes said on Monday. Budgets still win votes, but only when '
                      '"the numbers add up for working families."')
    assert ("the numbers add up for working families.", "Governor Dana Reyes", "Dana Reyes") in found
    # not a scare quote, not across a paragraph break, not a sentence with a report of its own
    found = _speakers('"We will not back down," Governor Dana Reyes said on Monday. The party meets to pick "at-large" '
                      'delegates.\n\nBudgets still win votes, but only when "the numbers add up for working families."\n\n'
                      '"It is over," Mayor Tom Reed said. His office insists that only critics "want to see the city fail '
                      'this year."')
    assert all(s is None for q, s, _ in found if q.startswith(("at-large", "the numbers")))
    assert all(s != "Mayor Tom Reed" for q, s, _ in found if q.startswith("want to see"))


def test_an_unreported_partial_quote_goes_on_for_the_subject_of_the_clause_above_its_own():
    found = _speakers('The Ohio senator sent an email to donors on Tuesday inviting them to enter a raffle, to "win a signed '
                      'copy of my new book!"')
    assert ("win a signed copy of my new book!", "The Ohio senator", None) in found
    found = _speakers('Dana Reyes spent the week in Ohio, hoping to win back voters who feel "left behind by both parties and '
                      'their leaders."')
    assert ("left behind by both parties and their leaders.", "Dana Reyes", "Dana Reyes") in found
    # not the subject of a copula, nor a thing's "it"
    found = _speakers('Dana Reyes seemed eager to return to the "quiet and honest work of the farm" after the race. It helped '
                      'that the plan was "too big to fail in the end" for the bank.')
    assert [s for q, s, _ in found] == [None, None]


def test_words_describing_the_speaker_after_a_quote_do_not_end_the_search_for_its_verb():
    found = _speakers('They made calls. "I am calling from the Hillary Clinton campaign. How are you today?" Miller, a retired '
                      'worker from a nuclear plant, said pleasantly into the phone.')
    assert found == [("I am calling from the Hillary Clinton campaign. How are you today?", "Miller", "Miller")]
    # a relative clause describing the speaker: its words never speak, nor does the quote the parse hung on the name
    found = _speakers('Support leaked. "Clinton needs a strategy for targeting Johnson and Stein voters," Nate Silver, the '
                      'polling guru who founded FiveThirtyEight, tweeted on Wednesday.')
    assert [(s, e) for q, s, e in found] == [("Nate Silver", "Nate Silver")]
    found = _speakers('The pressure grew. "The agents involved are under a lot of pressure," an intelligence source, who was not '
                      'authorized to speak on the record, told Fox News.')
    assert [s for q, s, e in found] == ["an intelligence source"]
    # a speech verb the parse read as a modifier still reports the quote
    found = _speakers('"Debate recap," tweeted Rubio spokesman Alex Conant.')
    assert [q for q, s, e in found] == ["Debate recap,"] and found[0][1].endswith("Alex Conant")


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('The letter came on Monday. "The law is clear on this point," the two write. "We do not see the need."', "the two"),
        ('The ad ran on Monday. "She will fight for the wealthy to pay their fair share," a voice-over in the ad states. '
         '"She will stand up to the gun lobby."', "a voice-over"),
        ('The paper came out. "We are working closely with our allies on all fronts," the Saudis state in the white paper.',
         "the Saudis"),
        ('The editors wrote. "If she wants to be the next president, she should come to Louisiana," the editorial read.',
         "the editorial"),
    ],
)
def test_a_speech_verb_the_tagger_read_as_a_noun_after_a_quote_reports_it(text, speaker):
    found = _speakers(text)
    assert found and all(s == speaker for q, s, e in found)


def test_a_transcript_speaker_with_a_title_before_the_colon_speaks_the_quote():
    found = _speakers('The hearing went on.\n\nFormer secretary of state Hillary Rodham Clinton: "We learned that from the '
                      'State Department."')
    assert found == [("We learned that from the State Department.", "Hillary Rodham Clinton", "Hillary Rodham Clinton")]
    # only where a transcript prints it, opening the paragraph
    found = _speakers('The hearing went on. Former secretary of state Hillary Rodham Clinton: "We learned that from the '
                      'State Department."')
    assert [s for q, s, e in found] == [None]


def test_a_verb_after_a_quote_inside_its_sentence_is_no_frame_for_it():
    # the partial quote is words of the sentence ("He says ..."), not a quote a following "noun verb" frames
    found = _speakers('He says no rival is "on pace to get 1,237 delegates," the number needed to win the nomination.')
    assert [s for q, s, e in found] == ["He"]
    found = _speakers('When the mayor finally wrapped up -- "We will fight for you!" -- the balloons cascaded down on the crowd.')
    assert all(s != "the balloons" for q, s, e in found)
    # a quote opening its sentence keeps its frame, whatever the verb
    found = _speakers('"Go back to your seat," Mayor Ana Ruiz barked at the reporter.')
    assert [s for q, s, e in found] == ["Mayor Ana Ruiz"]


@pytest.mark.parametrize(
    "text, speaker",
    [
        ('The Washington Post recently ran a piece that noted his plan "would benefit affluent households more."',
         "The Washington Post"),
        ('Senator Ruiz wants a party platform that calls for "a $15-an-hour minimum wage."', "Senator Ruiz"),
        # people a relative clause describes speak themselves
        ('President Obama passionately rebuked critics who say he should condemn terrorists as "radical Islamists," saying '
         'it would do nothing.', "critics"),
    ],
)
def test_a_thing_someone_puts_out_speaks_for_them_in_a_relative_clause(text, speaker):
    assert [s for q, s, e in _speakers(text)] == [speaker]


def test_a_possessed_call_for_takes_the_same_possessors_as_a_possessed_noun_of_saying():
    # a group's call is the group's; a thing's ("its") is the writer's figure of speech, as for `its answer was that`
    found = _speakers('The union\'s call for "a fair deal for every driver" went unheeded. The storm and its call for '
                      '"a total rebuild of the levees" shaped the vote.')
    assert [s for q, s, _ in found if q.startswith("a fair deal")] == ["The union's"]
    assert [s for q, s, _ in found if q.startswith("a total rebuild")] == [None]


# --- quote collections ("vox pops"): issue 4, round 14 -------------------------------------------------------------

VOX_LEAD = "We asked voters what they think of the race.\n\n"
MARIA = "I have never felt so ignored by a campaign in my life."
JORGE = "It feels like nobody is listening to us at all."


def _vox(text):
    """(quoted words, speaker's words, speaker's entity name or None) per direct quote, the writer's lead-in left out."""
    return [(q, s, e) for q, s, e in _speakers(text) if q not in {"what they think of the race"}]


@pytest.mark.parametrize(
    "text",
    [
        # signed in the same paragraph, after a dash, an en dash, two hyphens or the quote's own comma
        f'{VOX_LEAD}"{MARIA}" — Maria Lopez, 34, Phoenix\n\n"{JORGE}" — Jorge Ramirez, 52, Miami',
        f'{VOX_LEAD}"{MARIA}" – Maria Lopez, 34, a nurse from Phoenix\n\n"{JORGE}" -- Jorge Ramirez, 52, Miami, Florida',
        f'{VOX_LEAD}"{MARIA[:-1]}," Maria Lopez, 34, of Phoenix.\n\n"{JORGE}" - Jorge Ramirez',
        # a name line above the quote's paragraph
        f'{VOX_LEAD}Maria Lopez, 34, Phoenix\n\n"{MARIA}"\n\nJorge Ramirez, a retired teacher from Miami\n\n"{JORGE}"',
        # name, age and place before a colon
        f'{VOX_LEAD}Maria Lopez, 34, Phoenix: "{MARIA}"\n\nJorge Ramirez, 52, Miami, Florida: "{JORGE}"',
        # a name line with a colon over the quote's paragraph; a name line the normalizer joined to its quote (no colon)
        f'{VOX_LEAD}Maria Lopez, 34, Phoenix:\n\n"{MARIA}"\n\nJorge Ramirez, 52, Miami:\n\n"{JORGE}"',
        f'{VOX_LEAD}Maria Lopez, 34, Phoenix "{MARIA}"\n\nJorge Ramirez, 52, Miami "{JORGE}"',
    ],
)
def test_each_answer_of_a_quote_collection_is_its_persons_not_the_places_nor_the_writers(text):
    assert [(q[:20], s, e) for q, s, e in _vox(text)] == [(MARIA[:20], "Maria Lopez", "Maria Lopez"),
                                                         (JORGE[:20], "Jorge Ramirez", "Jorge Ramirez")]


def test_an_answer_of_several_paragraphs_under_one_name_line_keeps_its_speaker_until_the_next_name_line():
    text = (f'{VOX_LEAD}Maria Lopez, 34, Phoenix\n\n"{MARIA}"\n\n"Nobody called me."\n\n"Not once, not this year."\n\n'
            f'Jorge Ramirez, 52, Miami\n\n"{JORGE}"')
    assert [s for q, s, e in _vox(text)] == ["Maria Lopez"] * 3 + ["Jorge Ramirez"]


def test_a_signature_closes_its_answer_the_unsigned_paragraph_above_the_next_one_starts_that():
    text = f'{VOX_LEAD}"{MARIA}" — Maria Lopez, 34, Phoenix\n\n"Nobody called me at all this year."\n\n"{JORGE}" — Jorge Ramirez, 52, Miami'
    assert [s for q, s, e in _vox(text)] == ["Maria Lopez", "Jorge Ramirez", "Jorge Ramirez"]


@pytest.mark.parametrize(
    "above",
    ["Phoenix, Arizona", "Trump Wins Nevada", "Voters speak out on the race", "The mayor spoke on Monday."],
)
def test_a_place_line_a_headline_or_a_sentence_above_a_lone_quote_names_no_speaker(above):
    # (and the quote stays dropped, as any lone quote paragraph with no attribution: an epigraph or a pull quote)
    assert _vox(f'{VOX_LEAD}{above}\n\n"{MARIA}"\n\nThe crowd cheered.') == []


@pytest.mark.parametrize(
    "text",
    [
        f'{VOX_LEAD}"{MARIA}" — and the crowd cheered.',
        f'{VOX_LEAD}"{MARIA}" — Tom Reed, who lost his home, wept.',
        f'{VOX_LEAD}"{MARIA}" — the words of Tom Reed.',
    ],
)
def test_the_writers_own_clause_after_a_dash_signs_nothing(text):
    assert [s for q, s, e in _vox(text)] in ([], [None])


def test_a_name_line_under_a_quote_of_a_list_signed_below_signs_that_quote_not_the_next():
    # `"A."` / `Maria Lopez` / `"B."`: without a dash the name line may sign the quote above it; B is not Maria's
    text = f'{VOX_LEAD}"{MARIA}"\n\nMaria Lopez, 34, Phoenix\n\n"{JORGE}"\n\nJorge Ramirez, 52, Miami'
    assert all(s is None for q, s, e in _vox(text))


def test_a_first_name_with_an_age_a_title_and_a_numbered_list_still_sign_an_answer():
    text = (f'{VOX_LEAD}"{MARIA}" -- Susan, 45\n\n"{JORGE}" — Dr. Tom Baker Jr., Cleveland\n\n'
            f'1. Maria Lopez, 34, Phoenix\n\n"Nobody called me this year, not once."')
    assert [s for q, s, e in _vox(text)] == ["Susan", "Dr. Tom Baker Jr.", "Maria Lopez"]


def test_a_name_line_the_normalizer_takes_for_a_heading_still_signs_the_quote_under_it():
    import datetime as dt

    from newsfacts.documents import build_document
    from newsfacts.entities import extract_entities
    from newsfacts.nlp import parse
    from newsfacts.quotes import extract_quotes

    article = f'Voters on the race\n\n{VOX_LEAD}Maria Lopez, 34, Phoenix\n\n"{MARIA}"\n\n"Nobody called me."\n\nThe poll closes on Friday.'
    document = build_document(article, "vox.txt", dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc))
    text, paragraphs = document["text"], [(p["start"], p["end"], p["heading"]) for p in document["paragraphs"]]
    assert [text[s:e] for s, e, heading in paragraphs if heading] == ["Maria Lopez, 34, Phoenix"]
    doc = next(parse([text]))
    quotes = extract_quotes(doc, paragraphs, extract_entities(doc)[1])
    assert [(q.text[:12], q.speaker_text) for q in quotes if q.kind == "direct"] == [(MARIA[:12], "Maria Lopez"), ("Nobody calle", "Maria Lopez")]


def test_a_who_clause_describes_the_person_of_a_name_line_and_a_bullet_opens_one():
    text = (f'{VOX_LEAD}Jane Doe, 45, who works in retail: "{MARIA}"\n\n• Tom Baker, 61\n\n"{JORGE}"\n\n'
            f'"Nobody called me this year, not once." — Sue Kim, 29, who drives a truck in Ohio')
    assert [s for q, s, e in _vox(text)] == ["Jane Doe", "Tom Baker", "Sue Kim"]
    # (but a clause of the writer's after the who-clause is no signature: `— Tom Reed, who lost his home, wept.`)


def test_a_name_with_an_age_before_a_quoted_phrase_in_the_writers_sentence_is_no_name_line():
    quotes, _ = quotes_with_entities('Maria Lopez, 34, "a lifelong Democrat," says she will not vote.')
    assert [(q.kind, q.attribution) for q in quotes if q.text.startswith("a lifelong")] == [("direct", "after")]


@pytest.mark.parametrize("text", [
    "Timothy O'Brien, whose 2005 book ''TrumpNation: The Art of Being the Donald,'' prompted a lawsuit, spoke.",
    'Timothy O\'Brien, author of "TrumpNation: The Art of Being the Donald," prompted a lawsuit.',
])
def test_a_title_after_a_name_and_its_description_is_no_answer_under_a_name_line(text):
    assert all(q.attribution != "name line" for q in quotes_with_entities(text)[0])


@pytest.mark.parametrize(
    "text, quoted, speaker",
    [
        ('"Let the count finish," said Governor Ana Ruiz, urging those calling for a recount to "give the clerks time."',
         "give the clerks time.", "Governor Ana Ruiz"),
        ('As the Acme chief executive, Jeff Morton, put it in his memo to employees explaining the deal, "Imagine a company '
         'that no longer looks up at its rivals."', "Imagine a company that no longer looks up at its rivals.", "the Acme chief executive"),
        # a relative clause with a speaker of its own reports that speaker's words
        ('The blogger described a video from the fundraiser, in which Sheldon Marks said: "I am a businessman. Why not?"',
         "I am a businessman. Why not?", "Sheldon Marks"),
    ],
)
def test_a_speech_verb_describing_a_noun_in_the_frame_of_another_is_not_the_cue(text, quoted, speaker):
    assert (quoted, speaker) in [(q, s) for q, s, _ in _speakers(text)]


def test_one_person_named_by_a_nationality_or_party_word_is_not_that_group():
    # `The 55-year-old Frenchman told`: one person, whose name the sentence does not give; not the French as a group.
    quotes, entities = quotes_with_entities('The 55-year-old Frenchman told the club website: "My intention has always been clear." '
                                            'Republicans said: "We will block the deal."')
    speakers = {q.text: (q.speaker_text, q.speaker_entity) for q in quotes if q.kind == "direct"}
    assert speakers["My intention has always been clear."] == ("The 55-year-old Frenchman", None)
    text, entity = speakers["We will block the deal."]
    assert text == "Republicans" and entity is not None  # a group speaks as that group


@pytest.mark.parametrize(
    "text, quoted, speaker",
    [
        # a name inside the quotation is what the quote speaks of, not who speaks it
        ('Mira Nair defended the casting. "First, it was Becky Sharp who won me over," she said.',
         "First, it was Becky Sharp who won me over,", "Mira Nair"),
        # the one the sentence before is about, not the one it mentions with a title
        ('Alex Phillips called on Mrs Clarke to act. "Tell that to the doctors," she said.', "Tell that to the doctors,",
         "Alex Phillips"),
    ],
)
def test_a_speaker_pronoun_means_the_person_the_narrative_is_about(text, quoted, speaker):
    assert (quoted, "he" if " he said" in text else "she", speaker) in _speakers(text)


@pytest.mark.parametrize(
    "text, quoted",
    [
        # somebody else adds what the clause reports about Mr Blair
        ('The MP said the campaign was slow. Mr Blair had been "hurt" by the controversy, he added.', "hurt"),
        # the sentence before is about a person no name gives: no named person further back
        ('Dr Rowan Williams criticised the war. On Friday, the archbishop will ask for peace. "It is possible," he will say.',
         "It is possible,"),
    ],
)
def test_a_speaker_pronoun_with_no_named_antecedent_stays_unresolved(text, quoted):
    assert [entity for q, _, entity in _speakers(text) if q == quoted] == [None]


def test_an_open_he_said_does_not_go_past_a_quote_of_somebody_unnamed():
    # The singer was quoted just before: "he" is the singer, whom no name gives, not the named man quoted earlier.
    text = '"Yes," Mr. Tom Reed said.\n\n"Is it over?" the singer asked.\n\n"We will see," he said.'
    assert [entity for q, _, entity in _speakers(text) if q == "We will see,"] == [None]
    named = '"Yes," Mr. Tom Reed said.\n\n"Is it over?" asked Tom Reed.\n\n"We will see," he said.'
    assert [entity for q, _, entity in _speakers(named) if q == "We will see,"] == ["Tom Reed"]


@pytest.mark.parametrize(
    "text, quoted, speaker",
    [
        # the quotation's parts before are joined into one line; the sentence after them is the writer's again
        ('"There is no chance of him going," said Rick Parry. "That just won\'t happen. "We will never let him go." Steven '
         'Gerrard had said he would consider leaving.\n\n"I want to win things with this club," he said afterwards.',
         "I want to win things with this club,", "Steven Gerrard"),
        # the role's name set off after it makes the sentence about that person
        ('The shadow foreign secretary, Michael Ancram, welcomed the return. "Questions remain," he said.', "Questions remain,",
         "Michael Ancram"),
    ],
)
def test_a_speaker_pronoun_follows_the_narrative_around_joined_quotes_and_named_roles(text, quoted, speaker):
    assert (quoted, "he", speaker) in _speakers(text)


def test_a_sentence_about_an_unnamed_person_keeps_a_named_bystander_from_the_pronoun():
    text = ('The attacking midfielder claims he lacks the backing of boss Martin Neill. "I cannot understand it," he said.')
    assert [entity for q, _, entity in _speakers(text) if q == "I cannot understand it,"] == [None]


def test_a_party_word_tagged_as_a_person_is_an_organisation():
    from newsfacts.entities import _fixed_type

    assert _fixed_type("PERSON", "Tories", set()) == "ORG" and _fixed_type("PERSON", "Labour", set()) == "ORG"
    assert _fixed_type("PERSON", "Green", set()) == "PERSON"  # a surname too
