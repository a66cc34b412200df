"""Attribution patterns on hand-written sentences (spaCy model loaded once per process)."""

import pytest

from newsfacts.entities import extract_entities
from newsfacts.nlp import parse
from newsfacts.quotes import extract_quotes

pytestmark = pytest.mark.slow


def _quotes(text):
    doc = next(parse([text]))
    _, mentions, _ = extract_entities(doc)
    paragraphs, offset = [], 0
    for block in text.split("\n\n"):
        paragraphs.append((offset, offset + len(block), False))
        offset += len(block) + 2
    return [(q.kind, q.text, q.speaker_text, q.cue) for q in extract_quotes(doc, paragraphs, mentions)]


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


def test_indirect_speech_with_that_and_without():
    found = _quotes("The Kremlin insisted that Ukraine abandon its claims. Officials said the talks would resume in May.")
    assert ("indirect", "Ukraine abandon its claims", "The Kremlin", "insisted") in found
    assert ("indirect", "the talks would resume in May", "Officials", "said") in found


def test_a_state_in_a_role_resolves_a_description():
    from newsfacts.entities import extract_entities

    text = "Florida Sen. Marco Rubio met Texas Sen. Ted Cruz in Miami. Later the Florida senator said the debate was over."
    entities, mentions, _ = extract_entities(next(parse([text])))
    description = next(m for m in mentions if m.text == "the Florida senator")
    assert entities[description.entity].full_name == "Marco Rubio"
    assert "Florida Sen." in entities[description.entity].roles
