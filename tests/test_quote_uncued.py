"""Speakers of quotes that found no cue of their own (issue 4, round 10), on made-up sentences: the forms news writing
uses to say whose words they are without a speech verb next to them, and the near-misses that must stay speakerless."""

import pytest

from tests.test_quote_patterns import quotes_with_entities

pytestmark = pytest.mark.slow


def _speakers(text):
    """{quoted words: (speaker's words, speaker's entity name or None)} for the direct and partial quotes."""
    quotes, entities = quotes_with_entities(text)
    return {q.text: (q.speaker_text, entities[q.speaker_entity].names[0] if q.speaker_entity is not None else None)
            for q in quotes if q.kind != "indirect"}


@pytest.mark.parametrize(
    "text, quoted, speaker",
    [
        ('Senator Ann Reyes closed the rally in Ohio. When Reyes finally wrapped up — "I will fight for you, and I will win '
         'for you!" — the balloons came down.', "I will fight for you, and I will win for you!", "Ann Reyes"),
        ('Mayor Tom Hale also embraced the new budget -- "I think this plan is the best we have had in years."',
         "I think this plan is the best we have had in years.", "Tom Hale"),
    ],
)
def test_a_quoted_sentence_set_off_by_a_dash_after_a_persons_clause_is_that_persons(text, quoted, speaker):
    assert _speakers(text)[quoted][1] == speaker


@pytest.mark.parametrize(
    "text, quoted",
    [
        # no clause before the dash: the quote is the subject's description
        ('Maybe his bluster act — "My tax plan will be a tremendous plan!" — is simply wearing thin.',
         "My tax plan will be a tremendous plan!"),
        # the clause before the dash is another quotation's (a poster's slogan), not the writer's
        ('"We Swiss are losing our country" (election poster, 2003) — "No special rights for foreigners!" (2015).',
         "No special rights for foreigners!"),
        # the subject is a thing, not a person
        ('The report came out on Monday — "Nobody saw this coming, and nobody was ready."',
         "Nobody saw this coming, and nobody was ready."),
    ],
)
def test_a_dash_before_a_quote_gives_no_speaker_without_a_persons_clause(text, quoted):
    assert _speakers(text).get(quoted, (None, None)) == (None, None)


def test_a_phrase_between_dashes_is_no_quoted_sentence_of_the_subject():
    quotes, _ = quotes_with_entities('Jessie Elkins, 70, had served in Vietnam - "thirteen months in living hell" - and came '
                                     'home to Ohio.')
    assert [q.attribution for q in quotes if q.text.startswith("thirteen")] != ["dash"]


def test_a_shout_that_came_from_somebody_is_theirs():
    found = _speakers('The chairman, Kelly Armstrong, called for a voice vote.\n\n"Call the roll," came shouts from the crowd, as '
                      'the crowd booed.')
    assert found["Call the roll,"][0] == "the crowd"


def test_a_possessed_noun_of_saying_then_that_gives_the_possessor_however_the_comma_hangs_the_quote():
    found = _speakers('Hillary Clinton campaigned in Ohio. The union is unlikely to back Clinton after her March comment that, "We '
                      'are going to put a lot of miners out of business." The vote is next week.')
    assert found["We are going to put a lot of miners out of business."] == ("her", "Hillary Clinton")


@pytest.mark.parametrize("owner", ["the", "a"])
def test_a_noun_of_saying_then_that_with_no_speaking_owner_names_nobody(owner):
    found = _speakers(f'The union is unlikely to back the plan after {owner} comment that, "We are going to put a lot of miners '
                      f'out of business." The vote is next week.')
    assert found.get("We are going to put a lot of miners out of business.", (None, None))[0] is None


def test_heres_a_name_and_a_colon_presents_that_persons_words():
    found = _speakers('Frank teases out an ideology. Here’s Clinton in December 1992: "Our new direction must rest on an '
                      'understanding of the new realities." This is a mantra.')
    assert found["Our new direction must rest on an understanding of the new realities."][0] == "Clinton"


def test_heres_a_thing_and_a_colon_presents_nobody():
    found = _speakers('The mayor spoke for an hour. Here is the thing: "Nobody reads the fine print anymore."')
    assert found["Nobody reads the fine print anymore."][0] is None


def test_quotes_joined_only_by_an_ellipsis_go_on_for_the_speaker_of_the_first():
    found = _speakers("At the news conference, Obama's first five questioners ranged from skeptical to hostile: \"Is it time for "
                      'your strategy to change?" . . . "Have you underestimated them?" . . . "Do you really understand this enemy?"')
    assert {found[q][0] for q in ("Is it time for your strategy to change?", "Have you underestimated them?",
                                  "Do you really understand this enemy?")} == {"Obama's first five questioners"}


def test_a_quote_after_other_words_does_not_go_on_for_the_previous_speaker():
    found = _speakers('Reporters were skeptical: "Is it time for your strategy to change?" The president shrugged. "Have you '
                      'underestimated them?"')
    assert found["Have you underestimated them?"][0] is None


def test_a_quote_the_parser_glued_onto_the_sentence_before_goes_on_for_that_sentences_speaker():
    # (the parse makes one sentence of the report and the quote after its full stop)
    found = _speakers("Former President George Bush praised his son's ''deep faith'' - ''faith that shows itself in good works,'' "
                      "he said - and argued for nominating a Republican who can win in November. ''All the sloganeering and all "
                      "the talk doesn't matter if we don't win.''")
    assert found["All the sloganeering and all the talk doesn't matter if we don't win."] == ("he", "George Bush")


def test_a_quoted_phrase_after_the_cue_of_the_quote_before_it_in_its_sentence_goes_on_for_that_speaker():
    found = _speakers('"Family Medical Leave," the document states, becomes available "after one year of employment at the '
                      'company."')
    assert found["after one year of employment at the company."][0] == "the document"


def test_a_quoted_phrase_with_a_cue_of_its_own_keeps_it_after_another_quote_in_its_sentence():
    found = _speakers('"We will win," Trump said, as his rival called the plan "a recipe for disaster in the long run."')
    assert found["a recipe for disaster in the long run."][0] == "his rival"


def test_a_sentence_naming_the_quote_before_it_and_its_source_gives_the_speaker():
    found = _speakers('The FBI has a bad reputation.\n\n"I would rather have a sister in a bar than a brother in the FBI." That '
                      'quote from Alabama Securities Commissioner Thomas Krebs appeared in The Wall Street Journal in 1980.')
    assert found["I would rather have a sister in a bar than a brother in the FBI."][1] == "Thomas Krebs"


def test_a_sentence_naming_the_quote_before_it_without_a_source_gives_no_speaker():
    found = _speakers('The budget passed in March. "Nobody will be left behind." That promise has not been kept.')
    assert found.get("Nobody will be left behind.", (None, None))[0] is None


def test_a_question_after_a_sentence_that_mentioned_a_fact_is_the_mentioners():
    found = _speakers("Moderator Carl Quintanilla seemed taken aback and mentioned that Carson's picture had been on the "
                      'company\'s Web site. "Does that not speak to your vetting process or judgment in any way?"')
    assert found["Does that not speak to your vetting process or judgment in any way?"][1] == "Carl Quintanilla"


def test_mentioning_a_thing_reports_nothing_for_the_quote_after_it():
    found = _speakers('Moderator Carl Quintanilla mentioned the company\'s Web site. "Does that not speak to your vetting '
                      'process or judgment in any way?"')
    assert found["Does that not speak to your vetting process or judgment in any way?"][0] is None


def test_a_quoted_sentence_after_the_writers_question_about_a_person_is_that_persons_answer():
    found = _speakers('"Sales were great," said Amadou Diallo, wiping his face. Why was he out in the 97-degree heat? "My mom '
                      'says I have to save up for college."')
    assert found["My mom says I have to save up for college."] == ("he", "Amadou Diallo")


def test_a_quoted_sentence_after_a_yes_no_question_or_a_question_about_a_thing_names_nobody():
    for question in ("Is Amadou Diallo right about the heat?", "Why is the heat so bad this year?"):
        found = _speakers(f'"Sales were great," said Amadou Diallo, wiping his face. {question} "Nobody here believes that."')
        assert found["Nobody here believes that."] == (None, None), question


def test_a_quote_after_a_possessed_noun_of_a_stand_is_the_possessors():
    found = _speakers('It was Barack Obama\'s lyrical rejection of "a politics of cynicism" that dazzled a national audience.')
    assert found["a politics of cynicism"] == ("Barack Obama's", "Barack Obama")


def test_a_quote_after_a_stand_nobody_owns_names_nobody():
    found = _speakers('It was the rejection of "a politics of cynicism" that dazzled a national audience.')
    assert found.get("a politics of cynicism", (None, None)) == (None, None)


def test_a_term_after_a_possessed_noun_of_taking_it_up_is_no_quote_of_the_possessor():
    found = _speakers('Trump\'s most famously false contention was his long embrace of "birtherism," the notion that Obama was '
                      'not born in America.')
    assert found.get("birtherism,", (None, None)) == (None, None)


def test_a_quoted_phrase_in_a_sentence_opening_under_a_law_is_the_laws_wording():
    found = _speakers('Under Florida law, battery is committed when a person "actually and intentionally touches or strikes '
                      'another person against the will of the other."')
    assert found["actually and intentionally touches or strikes another person against the will of the other."][0] == "Florida law"


def test_a_sentence_opening_under_something_that_is_no_law_names_nobody():
    found = _speakers('Under the circumstances, the result was "nothing short of a miracle for the whole team."')
    assert found.get("nothing short of a miracle for the whole team.", (None, None)) == (None, None)


def test_a_term_quoted_in_a_sentence_opening_under_a_law_stays_no_quote():
    found = _speakers('Under the rules, consumers must be able to switch off the services with a universal "stop" command.')
    assert "stop" not in found
