import datetime as dt

import pytest

from newsfacts.documents import build_document
from newsfacts.metadata import parse_header, split_title
from tests.conftest import SEED_000, SEED_004

NOW = dt.datetime(2025, 8, 18, tzinfo=dt.timezone.utc)


def test_seed_000_date_header_glued_to_the_first_sentence_leaves_the_text():
    document = build_document(SEED_000.read_text(encoding="utf-8"), "000.txt", NOW)
    assert document["published_date"] == dt.date(2025, 8, 17)
    assert document["text"].startswith("US First Lady Melania Trump wrote")
    assert "2025-08-17" not in document["text"]
    assert document["title"] is None


def test_seed_004_has_no_header_and_no_title():
    document = build_document(SEED_004.read_text(encoding="utf-8"), "004.txt", NOW)
    assert document["published_date"] is None and document["title"] is None
    assert document["text"].startswith("Melania Trump took the unique step")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("date: 2024-03-01\nBody text.", dt.date(2024, 3, 1)),
        ("Published 1 March 2024 Body text.", dt.date(2024, 3, 1)),
        ("date March 1, 2024 Body text.", dt.date(2024, 3, 1)),
        ("date 2024-03-01T10:30:00Z Body text.", dt.date(2024, 3, 1)),
        ("date 2024-13-45 Body text.", None),  # not a date: stays in the text
        ("Date night in Paris was fun.", None),
    ],
)
def test_date_header_shapes(text, expected):
    header, rest = parse_header(text)
    assert header.published_date == expected
    assert rest.endswith("text.") or rest.endswith("fun.")


def test_several_header_fields():
    header, rest = parse_header("Title: Peace letter delivered\nAuthor: Jane Doe\nURL: https://example.com/a\ndate 2025-08-17\nThe body.")
    assert (header.title, header.author, header.url, header.published_date) == (
        "Peace letter delivered", "Jane Doe", "https://example.com/a", dt.date(2025, 8, 17)
    )
    assert rest == "The body."


def test_bbc_style_headline_becomes_the_title():
    text = "Ad sales boost Time Warner profit\n\nQuarterly profits at US media giant TimeWarner jumped 76%.\n\nMore."
    title, body = split_title(text)
    assert title == "Ad sales boost Time Warner profit"
    assert body.strip().startswith("Quarterly profits")


@pytest.mark.parametrize(
    "text",
    [
        "Quarterly profits at US media giant TimeWarner jumped 76% to $1.13bn.\n\nMore text.",  # a sentence
        "Ad sales boost Time Warner profit\nQuarterly profits jumped.",  # no blank line after it
        "Ad sales boost Time Warner profit\n\n",  # nothing after it
    ],
)
def test_no_title_when_the_first_line_is_not_a_headline(text):
    assert split_title(text)[0] is None


def test_question_headlines_are_titles():
    assert split_title("Can Yahoo dominate next decade?\n\nYahoo has been the success story.")[0] == "Can Yahoo dominate next decade?"
