"""The person who speaks for an organisation named after them (issue 4, BBC round, from branch bbcspk)."""

import pytest

from tests.test_quote_patterns import quotes_with_entities

pytestmark = pytest.mark.slow


def _speaker_of(text, quoted):
    quotes, entities = quotes_with_entities(text)
    return [(q.speaker_text, entities[q.speaker_entity].names[0] if q.speaker_entity is not None else None)
            for q in quotes if q.text == quoted]


@pytest.mark.parametrize(
    "text, quoted",
    [('Colin Asplin, Blackpool Hotel Association said: "We have tried very hard."', "We have tried very hard."),
     ('"We are worried about the rates," Colin Asplin, Blackpool Hotel Association said.', "We are worried about the rates,")],
)
def test_the_person_named_before_the_organisation_they_speak_for_is_the_speaker(text, quoted):
    assert _speaker_of(text, quoted) == [("Colin Asplin", "Colin Asplin")]


def test_an_organisation_that_speaks_alone_keeps_its_words():
    text = 'Last year, Blackpool Hotel Association said: "We have tried very hard."'
    assert _speaker_of(text, "We have tried very hard.") == [("Blackpool Hotel Association", "Blackpool Hotel Association")]
