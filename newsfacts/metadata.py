"""Article metadata found in the text itself: a `key value` header and a headline.

Seed 000 starts with `` date 2025-08-17 `` glued to its first sentence; BBC
articles put a headline on line 1 followed by a blank line. Both leave the body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from dateutil import parser as dateutil_parser

from newsfacts.normalizing import is_headline_like, split_paragraphs

# Date values: strict shapes, so a header can be glued to the first sentence with no delimiter.
_DATE_VALUE = (
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{4}/\d{2}/\d{2}"
    r"|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}"
    r"|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2},? \d{4}"
)
_DATE_FIELD = re.compile(rf"(?P<key>date|published|dateline|updated)\s*:?\s+(?P<value>{_DATE_VALUE})\b\s*", re.IGNORECASE)
# Free-text values run to the end of the line, so these keys need their own line and a colon.
_TEXT_FIELD = re.compile(r"(?P<key>title|headline|author|byline|by|source|url)\s*:\s*(?P<value>[^\n]+)\n\s*", re.IGNORECASE)
_KEY_ALIASES = {"published": "date", "dateline": "date", "updated": "date", "headline": "title", "byline": "author", "by": "author"}

MAX_TITLE_WORDS = 25
MAX_TITLE_CHARS = 200


@dataclass(frozen=True)
class Header:
    published_date: dt.date | None = None
    title: str | None = None
    author: str | None = None
    url: str | None = None
    source: str | None = None


def parse_header(text: str) -> tuple[Header, str]:
    """Strip leading `key value` fields; return them and the rest of the text.

    The first value of a key wins; a date that does not parse stays in the text.
    """
    fields: dict[str, str | dt.date] = {}
    rest = text.lstrip()
    while True:
        match = _DATE_FIELD.match(rest) or _TEXT_FIELD.match(rest)
        if not match:
            break
        key = _KEY_ALIASES.get(match["key"].lower(), match["key"].lower())
        value: str | dt.date | None = match["value"].strip()
        if key == "date":
            value = parse_date(value)
            if value is None:
                break
        fields.setdefault(key, value)
        rest = rest[match.end():]
    return Header(
        published_date=fields.get("date"),
        title=fields.get("title"),
        author=fields.get("author"),
        url=fields.get("url"),
        source=fields.get("source"),
    ), rest


def parse_date(value: str) -> dt.date | None:
    try:
        return dateutil_parser.parse(value).date()
    except (ValueError, OverflowError):
        return None


def split_title(text: str) -> tuple[str | None, str]:
    """A headline is a short first line followed by a blank line and a body, with no final punctuation
    (a question or exclamation mark aside) or written in Title Case."""
    first, separator, body = text.strip().partition("\n")
    if not body.startswith("\n") and not re.match(r"[ \t]*\n", body):
        return None, text
    title = " ".join(first.split())
    has_body = bool(split_paragraphs(body))
    headline = is_headline_like(title, max_words=MAX_TITLE_WORDS, max_chars=MAX_TITLE_CHARS, allowed_final="?!")
    if has_body and (headline or is_title_case(title)):
        return title, body
    return None, text


# Short words that stay lower case in Title Case.
_MINOR_WORDS = frozenset("a an and as at but by for from in into nor of on or over the to up vs via with".split())


def is_title_case(line: str) -> bool:
    """"FBI Makes Final Preparations To Interview Hillary Clinton.": a headline even with a final period.

    Most words that are not minor words start with a capital, and there are enough of them to tell.
    """
    words = [w.strip("\"'“”‘’()[],:;.!?") for w in line.split()]
    words = [w for w in words if w and w[0].isalpha()]
    major = [w for w in words if w.lower() not in _MINOR_WORDS]
    if len(words) > MAX_TITLE_WORDS or len(major) < 4:
        return False
    return sum(w[0].isupper() for w in major) >= 0.85 * len(major)
