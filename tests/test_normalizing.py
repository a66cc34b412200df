import re

import pytest

from newsfacts.documents import build_document
from newsfacts.normalizing import (
    clean_characters,
    count_words,
    fold,
    is_headline_like,
    normalize_body,
    restore_sentence_spaces,
)
from tests.conftest import SEED_000, SEED_004


@pytest.mark.parametrize(
    "before, after",
    [
        ("during their Friday meeting in Alaska.The letter did not", "during their Friday meeting in Alaska. The letter did not"),
        ("which it annexed in 2014.Putin said", "which it annexed in 2014. Putin said"),
        ("caught in the conflict.“In protecting", "caught in the conflict. “In protecting"),
        ("above ideology.”The letter", "above ideology.” The letter"),
        ("Is it over?Not yet", "Is it over? Not yet"),
    ],
)
def test_restores_the_space_after_a_sentence_end(before, after):
    assert restore_sentence_spaces(before) == after


@pytest.mark.parametrize(
    "text",
    [
        "supporters of the U.S. president",
        "the U.S.The end",  # an initialism: cannot tell, so leave it
        "travel to Washington D.C. to meet",
        "Washington D.C.Then",
        "rates rose 3.5 percent",
        "Mr.Putin and Dr.Smith",
        "e.g.The example",
        "see www.Example.com or news.example.com/Page",
        "mail jane.Doe@example.com",
    ],
)
def test_leaves_abbreviations_numbers_and_urls_alone(text):
    assert restore_sentence_spaces(text) == text


def _words(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("seed", [SEED_000, SEED_004], ids=lambda p: p.name[:3])
def test_normalizing_changes_no_word(seed):
    raw = seed.read_text(encoding="utf-8")
    body = normalize_body(raw)
    assert _words(body.text) == _words(raw)
    assert "\n\n\n" not in body.text and not body.text.startswith((" ", "\n"))


def test_normalizing_is_idempotent():
    once = normalize_body(SEED_004.read_text(encoding="utf-8")).text
    assert normalize_body(once).text == once


def test_folds_line_endings_spaces_and_unicode_forms():
    text = "First  para\u00a0here.\r\n\r\n\r\nSecond\tline\rwraps\u2028here. Cafe\u0301 said\u200b so."
    body = normalize_body(text)
    assert body.text == "First para here.\n\nSecond line wraps here. Café said so."
    assert [body.text[p.start : p.end] for p in body.paragraphs] == ["First para here.", "Second line wraps here. Café said so."]


def test_hard_wrapped_lines_join_inside_a_paragraph():
    body = normalize_body("The meeting was the first\nUS-Russia summit since 2021.\n\nSecond paragraph.")
    assert body.text == "The meeting was the first US-Russia summit since 2021.\n\nSecond paragraph."


def test_text_without_blank_lines_has_one_paragraph_per_line():
    body = normalize_body("One sentence.\nAnother sentence.\nA third.")
    assert len(body.paragraphs) == 3


def test_headings_in_seed_004_are_their_own_marked_paragraphs():
    body = normalize_body(SEED_004.read_text(encoding="utf-8"))
    headings = [body.text[p.start : p.end] for p in body.paragraphs if p.heading]
    assert headings == ["‘Putin could help these children’", "Trump urges ceasefire"]
    for p in body.paragraphs:
        assert body.text[p.start : p.end].strip() == body.text[p.start : p.end]


def test_seed_000_has_no_heading():
    document = build_document(SEED_000.read_text(encoding="utf-8"), "000.txt", ingested_at=None)
    assert not any(p["heading"] for p in document["paragraphs"])


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Trump urges ceasefire", True),
        ("iTunes now selling Band Aid song", True),
        ("The Kremlin also insists that Ukraine abandon its NATO ambitions.", False),
        ("“Yes,” he said", False),
        ("and then nothing", False),
    ],
)
def test_headline_shape(paragraph, expected):
    assert is_headline_like(paragraph) is expected


def test_fold_makes_dash_and_quote_variants_equal():
    assert fold("Russia alone—you serve") == fold("Russia alone — you serve") == fold("russia ALONE – you serve")
    assert fold("“It is time,”") == fold('"It is time,"')
    assert fold("dignity-filled") == "dignity-filled"


def test_count_words_counts_whitespace_tokens():
    assert count_words("Putin read the letter.\n\nIt began.") == 6


def test_clean_characters_keeps_newlines_and_zwj_emoji():
    family = "👨\u200d👩\u200d👧"
    assert clean_characters(f"a\r\nb {family}") == f"a\nb {family}"
