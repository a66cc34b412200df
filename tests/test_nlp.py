"""The shared spaCy pass: long articles are parsed in pieces that join back exactly."""

import pytest

from newsfacts.nlp import ModelNotFound, chunk_text, doc_text, load_model, parse

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
        load_model("en_core_web_missing")


# Words the attribute_ruler's rules single out (pronouns, modals, "n't", "gonna", "ain't", "let's", "y'all",
# expletive "there is", space tokens) and words the rule lemmatizer inflects.
RULER_TEXT = (
    "I told you she'd gone, and they weren't there. It ain't over; we're gonna win, y'all, let's go!\n\n"
    "There is nothing anyone could do: the ministers had said his plans wouldn't work.   Mice ran faster.\n"
    "Somethin' happened to 'em when Mr Smith's companies got bigger and the women were being told to leave."
)


def test_the_cheaper_attribute_ruler_and_lemmatizer_write_what_spacy_s_own_would():
    import numpy
    import spacy
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    from newsfacts.nlp import load_model
    from newsfacts.settings import DEFAULT_MODEL

    ours = load_model(DEFAULT_MODEL)
    assert "newsfacts_attribute_ruler" in ours.pipe_names and "newsfacts_lemmatizer" in ours.pipe_names
    stock = spacy.load(DEFAULT_MODEL, exclude=["senter"])
    stock.add_pipe("newsfacts_paragraph_breaks", before="parser")
    texts = [RULER_TEXT, RULER_TEXT.upper(), "", "Hello."]
    attrs = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
    for expected, got in zip(stock.pipe(texts, batch_size=3), ours.pipe(texts, batch_size=3)):
        assert numpy.array_equal(expected.to_array(attrs), got.to_array(attrs))
    [doc] = list(ours.pipe([RULER_TEXT]))
    lemmas = {t.lower_: t.lemma_ for t in doc if t.lower_ in {"told", "gone", "mice", "were", "n't", "companies"}}
    assert lemmas == {"told": "tell", "gone": "go", "mice": "mouse", "were": "be", "n't": "not", "companies": "company"}


def test_a_ruler_pattern_the_arrays_cannot_test_keeps_spacy_s_own_ruler():
    import spacy

    from newsfacts.nlp import ArrayAttributeRuler

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "new"}, {"IS_TITLE": True, "OP": "+"}]], {"TAG": "NNP"})
    assert ArrayAttributeRuler.of(ruler) is None
    ruler = nlp.add_pipe("attribute_ruler", name="plain")
    ruler.add([[{"LOWER": {"REGEX": "^gon$"}}, {"LOWER": "na"}]], {"LEMMA": "go"})
    doc = ArrayAttributeRuler.of(ruler)(nlp.make_doc("We are gon na win, gon na"))
    assert [t.lemma_ for t in doc] == ["", "", "go", "", "", "", "go", ""]


@pytest.mark.parametrize("text, tokens", [
    ('Ryan said,“Look here.”', ["Ryan", "said", ",", "“", "Look", "here", ".", "”"]),
    ('two audiences,"Katie Packer said', ["two", "audiences", ",", '"', "Katie", "Packer", "said"]),
    ('the authorities."We agreed', ["the", "authorities", ".", '"', "We", "agreed"]),
    ('3,000 votes at 10:30 a.m.', ["3,000", "votes", "at", "10:30", "a.m."]),  # numbers and abbreviations stay whole
])
def test_a_quote_mark_glued_to_punctuation_and_a_word_is_a_token_of_its_own(text, tokens):
    [doc] = parse([text])
    assert [t.text for t in doc] == tokens
    assert doc_text(doc) == text
