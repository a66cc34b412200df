"""Properties over arbitrary text (hypothesis): normalizing and every extractor never raise, every span
they emit is `text[start:end]` of the normalized text and lies inside it, and normalizing is idempotent.

Example counts come from a profile: `ci` (the default; fixed seed, thousands of examples for the cheap
normalizers, hundreds for the spaCy extractors) or `local` (HYPOTHESIS_PROFILE=local: ten times more).
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsfacts.decoding import DecodeError, decode_bytes
from newsfacts.documents import build_document
from newsfacts.normalizing import clean_characters, count_words, fold, normalize_body, snippet, text_warnings
from newsfacts.quotemarks import find_quotes_in_paragraphs
from newsfacts.reading import Rejected

settings.register_profile(
    "ci", derandomize=True, database=None, deadline=None, print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "local", deadline=None, print_blob=True, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)
SCALE = 10 if PROFILE == "local" else 1
CHEAP_EXAMPLES = 2000 * SCALE  # pure-Python normalizers: ~1 ms an example
EXTRACTOR_EXAMPLES = 300 * SCALE  # a spaCy parse each (~15 ms)

# Characters that exercise the normalizer's and extractors' branches far more often than random Unicode.
NEWSY = (
    "abcdeAZLMSs .,;:!?'\"-\u2013\u2014()\n\n\r\t\u00a0"
    "\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e"  # quote marks
    "\u200b\u200d\u200e\u202e\ufeff\u00ad\x00\x1b\x85\u2028"  # invisible, bidi, controls, odd line breaks
    "\u0301\u0308e\u00e9\ufb01\u2126\U0001f44d\u05d0\u0627"  # combining marks, ligature, emoji, RTL
)
WORDS = [
    "Mayor", "Ana", "Lopez", "said", "says", "told", "reporters", "the", "Council", "of", "London", "she", "he", "they",
    "President", "Obama", "according", "to", "added", ":", ",", ".", "\u201c", "\u201d", '"', "'", "\u2018", "\u2019",
    "\n", "\n\n", "Mr.", "U.S.", "NATO", "warned", "that", "\u2014", "(", ")", "it", "was", "a", "deal", "2014.Putin",
    "Alaska.The", "Then.", "was.", "Lopez.", "quote:", "''", "St.", "Jr.", "www.example.com", "The", "first", "lady", "his", "her",
]


def texts() -> st.SearchStrategy[str]:
    """Arbitrary Unicode, text over a news-like alphabet, and sentences of news-like words."""
    sentences = st.lists(st.sampled_from(WORDS), max_size=60).flatmap(
        lambda words: st.lists(st.sampled_from(["", "", " ", " ", "  "]), min_size=len(words), max_size=len(words)).map(
            lambda gaps: "".join(w + g for w, g in zip(words, gaps))
        )
    )
    # Sentence ends with the space lost ("Alaska.The"), the normalizer's one edit inside a paragraph.
    glued = st.lists(st.sampled_from(["Alaska", "The", "Then", "Putin", "ab", "Mr", "2014", "www", "com", "\u201cIn", "she\u201d"]), max_size=12).flatmap(
        lambda words: st.lists(st.sampled_from([".", "!", "?", ". ", ".\u201d", ""]), min_size=len(words), max_size=len(words)).map(
            lambda ends: "".join(w + e for w, e in zip(words, ends))
        )
    )
    return st.one_of(st.text(max_size=300), st.text(alphabet=NEWSY, max_size=300), sentences, glued)


def assert_paragraphs_fit(text: str, paragraphs) -> None:
    previous_end = -1
    for paragraph in paragraphs:
        assert 0 <= paragraph.start < paragraph.end <= len(text)
        assert paragraph.start > previous_end
        assert text[paragraph.start : paragraph.end] == text[paragraph.start : paragraph.end].strip()
        previous_end = paragraph.end


@settings(max_examples=CHEAP_EXAMPLES)
@given(texts())
def test_normalizing_never_raises_and_is_idempotent(raw):
    body = normalize_body(raw)
    assert_paragraphs_fit(body.text, body.paragraphs)
    again = normalize_body(body.text)
    assert again.text == body.text
    assert again.paragraphs == body.paragraphs
    assert clean_characters(clean_characters(raw)) == clean_characters(raw)
    assert count_words(body.text) == len(body.text.split())
    fold(raw)
    text_warnings(raw)
    assert len(snippet(raw)) <= 120


@settings(max_examples=CHEAP_EXAMPLES)
@given(texts())
def test_building_a_document_never_raises_and_its_paragraphs_fit(raw):
    try:
        row = build_document(raw, "a.txt", dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    except Rejected as exc:
        assert exc.reason == "no_body_text"
        return
    text = row["text"]
    assert text and row["n_words"] == count_words(text) >= 1
    for paragraph in row["paragraphs"]:
        assert 0 <= paragraph["start"] < paragraph["end"] <= len(text)
    assert normalize_body(text).text == text


@settings(max_examples=CHEAP_EXAMPLES)
@given(st.one_of(st.binary(max_size=400), texts().map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_decoding_arbitrary_bytes_decodes_or_refuses_with_a_reason(data):
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        assert exc.reason in {"empty", "binary", "undecodable"} and exc.detail
        return
    assert decoded.text.strip()


@settings(max_examples=CHEAP_EXAMPLES)
@given(texts())
def test_quote_marks_pair_into_spans_inside_their_paragraph(raw):
    body = normalize_body(raw)
    paragraphs = [(p.start, p.end) for p in body.paragraphs]
    for span in find_quotes_in_paragraphs(body.text, paragraphs):
        assert 0 <= span.start <= span.end <= len(body.text)


@pytest.mark.slow
@settings(max_examples=EXTRACTOR_EXAMPLES)
@given(texts())
def test_every_extractor_emits_spans_of_the_normalized_text(raw):
    from newsfacts.entities import extract_entities
    from newsfacts.linking import ArticleEntities, link
    from newsfacts.nlp import parse
    from newsfacts.quotes import extract_quotes

    body = normalize_body(raw)
    if not body.text:
        return
    text = body.text
    doc = next(parse([text], n_process=1))
    assert doc.text == text
    entities, mentions, pending = extract_entities(doc)
    quotes = extract_quotes(doc, [(p.start, p.end, p.heading) for p in body.paragraphs], mentions)
    for span in [*mentions, *pending, *quotes]:
        assert 0 <= span.start < span.end <= len(text) and text[span.start : span.end] == span.text
    for quote in quotes:
        for start, end, value in ((quote.speaker_start, quote.speaker_end, quote.speaker_text), (quote.cue_start, quote.cue_end, quote.cue)):
            if start is not None:
                assert 0 <= start < end <= len(text) and text[start:end] == value
    _, mention_rows, quote_rows = link([ArticleEntities("doc_0", entities, mentions, pending, quotes)])
    for row in [*mention_rows, *quote_rows]:
        assert text[row["start"] : row["end"]] == row["text"]
