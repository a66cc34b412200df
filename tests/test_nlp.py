"""The shared spaCy pass: long articles are parsed in pieces that join back exactly."""

import pytest

from newsfacts.nlp import ModelNotFound, check_model, chunk_text, doc_text, parse

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("limit", [7, 50, 1000])
def test_chunks_join_back_to_the_text_and_respect_the_limit(limit):
    text = "First paragraph here.\n\nSecond one is longer than the first.\n\n" + "x" * 120 + " tail words"
    pieces = chunk_text(text, limit)
    assert "".join(pieces) == text
    assert all(len(p) <= limit for p in pieces)


def test_a_long_article_is_parsed_in_pieces_into_one_doc_with_the_same_text():
    paragraph = "Vladimir Putin said the talks in Alaska were productive. Donald Trump agreed."
    text = "\n\n".join([paragraph] * 40) + "\n\n" + "word " * 600  # the last paragraph alone exceeds the piece size
    [doc] = parse([text], chunk_chars=1500)
    assert doc_text(doc) == text
    assert len([e for e in doc.ents if e.text == "Vladimir Putin"]) == 40
    assert all(token.head.i < len(doc) for token in doc)
    assert sum(1 for _ in doc.sents) >= 80


def test_a_missing_model_names_the_setting():
    with pytest.raises(ModelNotFound, match="--model"):
        check_model("en_core_web_missing")
