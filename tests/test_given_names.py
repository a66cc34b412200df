"""A given name that only one sex bears tells whom "he" or "she" means (issue 4: speakers; Faker's name lists)."""

import pytest

from newsfacts.entities import Mention, _person_key, gender_of_name, name_words
from newsfacts.given_names import FEMALE, MALE, gender_of_given_name
from newsfacts.quotes.speakers import _genders_of
from tests.test_quote_patterns import quotes_with_entities


@pytest.mark.parametrize("name, gender", [("Donald", MALE), ("Melania", FEMALE), ("Carly", FEMALE), ("Ted", MALE),
                                          ("DONALD", MALE)])
def test_a_name_only_one_sex_bears_gives_that_sex(name, gender):
    assert gender_of_given_name(name) == gender


@pytest.mark.parametrize("name", ["Lindsey", "Jean", "Andrea", "Kim", "J.", "Huma", "", "Mary-Anne"])
def test_a_name_both_sexes_bear_an_initial_or_an_unlisted_name_gives_nothing(name):
    # (Lindsey Graham, Jean Chrétien, Andrea Leadsom: a list's majority would be wrong for someone in the news)
    assert gender_of_given_name(name) is None


def test_only_a_full_name_gives_a_gender_and_a_role_before_it_is_not_the_given_name():
    assert gender_of_name("Carly Fiorina") == FEMALE
    assert gender_of_name("Carly") is None  # (one word may be a surname: Mr. Carly)
    assert gender_of_name(None) is None
    assert gender_of_given_name("Lawyer") == MALE  # (a name in the lists' long tail)
    assert gender_of_name("Lawyer Louise Christian") == FEMALE  # (the NER took the role into the name)
    assert gender_of_name("Judge Smith") is None


def test_the_speakers_stage_takes_the_given_name_only_without_a_title_or_pronoun():
    by_name = [Mention(0, 10, "Ben Jacobs", "PERSON", "name", 3)]
    assert _genders_of(3, by_name) == {MALE}
    titled = by_name + [Mention(40, 48, "Ms. Jacobs", "PERSON", "title", 3)]
    assert _genders_of(3, titled) == {FEMALE}  # the article's own word comes first
    assert _genders_of(3, [Mention(0, 13, "Lindsey Smith", "PERSON", "name", 3)]) == set()


def _speaker_of(text: str, quote_start: str) -> str | None:
    """The full name the article's entities give the speaker of the quote that starts so (None: no entity)."""
    quotes, entities = quotes_with_entities(text)
    [quote] = [q for q in quotes if q.text.startswith(quote_start)]
    return entities[quote.speaker_entity].full_name if quote.speaker_entity is not None else None


@pytest.mark.slow
@pytest.mark.parametrize("text, quote_start, speaker", [
    # she is the woman named, not the man the sentence is about (was Donald Trump, the subject)
    ('Donald Trump met Susan Collins in Washington on Tuesday.\n\n"It was a good meeting," she said.',
     "It was a good", "Susan Collins"),
    # a surname after a title is the person named in full with a generational suffix
    ('Adm. Harry B. Harris Jr. leads the United States Pacific Command.\n\n'
     '"We are almost at permanent presence," Admiral Harris said.', "We are almost", "Harry B. Harris Jr."),
    # she goes on with the person the last sentence was about, not the one it names
    ('Martina Navratilova has won three Grand Slam titles since she came out of retirement.\n\n'
     'She will then link up with Daniela Hantuchova for the Australian Open doubles.\n\n'
     '"I might be playing some singles events this season," she added.', "I might be playing", "Martina Navratilova"),
    # he is the subject of the last main clause before it
    ('Lleyton Hewitt criticised the courts on Monday, but Geoff Pollard rejected his comments.\n\n'
     '"We did ask for it to be made faster," he said.', "We did ask", "Geoff Pollard"),
    # nobody: `Chris` is listed for both sexes and Paul is a man, which leaves Chris by elimination, not by evidence
    # (the one speaking is often somebody the NER never tagged, here the judge)
    ('Chris Riddell and Paul Stewart won the prize for their book.\n\n'
     '"This award counts because children choose," she said.', "This award counts", None),
])
def test_whom_a_pronoun_or_a_surname_speaker_means(text, quote_start, speaker):
    assert _speaker_of(text, quote_start) == speaker


def test_a_generational_suffix_is_not_the_surname():
    assert name_words("Harry B. Harris Jr.") == ["Harry", "B.", "Harris"]
    assert name_words("Harris Jr.") == ["Harris", "Jr."]  # (two words: the suffix may be all there is)
    assert _person_key("Donald Trump Jr.") != _person_key("Donald Trump")  # the son is not his father
