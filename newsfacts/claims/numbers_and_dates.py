"""The figures and dates a claim holds: its quantities parsed (newsfacts.quantities), and its date phrases resolved
against the article's publication date at the precision they give (`resolve_date`).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from spacy.tokens import Span, Token

from newsfacts.claims.grammar import is_finite
from newsfacts.quantities import parse_quantity


QUANTITY_LABELS = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL"})

# A date phrase is resolved only when it names a calendar point; "recent months" or "the 1990s" are kept as text.
CALENDAR_WORDS = re.compile(
    r"\b(\d{1,4}|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|"
    r"august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"today|yesterday|tomorrow|tonight)\b", re.IGNORECASE)
YEAR = re.compile(r"\b(1[5-9]|20)\d{2}\b")
DECADE = re.compile(r"\b\d{2,4}'?s\b")
FUTURE_AUX = frozenset({"will", "shall", "'ll", "going"})


def quantity_value(ent: Span) -> dict | None:
    value, unit = parse_quantity(ent.text)
    return {"text": ent.text, "start": ent.start_char, "end": ent.end_char, "value": value, "unit": unit}


def date_value(ent: Span, published: dt.date | None) -> dict:
    value, granularity = resolve_date(ent.text, published, prefer_future=_in_future_tense(ent.root))
    return {"text": ent.text, "start": ent.start_char, "end": ent.end_char, "value": value, "granularity": granularity}


def _in_future_tense(token: Token) -> bool:
    """Whether the verb governing the token speaks of the future ('will travel ... on Monday')."""
    for ancestor in token.ancestors:
        if ancestor.pos_ in ("VERB", "AUX"):
            if any(c.dep_ == "aux" and c.lower_ in FUTURE_AUX for c in ancestor.children):
                return True
            if is_finite(ancestor):
                return False
    return False


@lru_cache(maxsize=4096)  # the same phrases come back ('2004', 'last year'); dateparser takes milliseconds a call
def resolve_date(phrase: str, published: dt.date | None, prefer_future: bool = False) -> tuple[str | None, str | None]:
    """An ISO date for a date phrase, at the precision the phrase gives, resolved against the article's
    publication date: 'Friday, August 15' published 2025-08-17 is ('2025-08-15', 'day'); '2022' stays
    ('2022', 'year'); 'June 2021' is ('2021-06', 'month'). Vague phrases ('recent months') give (None, None)."""
    if not CALENDAR_WORDS.search(phrase) or DECADE.search(phrase):
        return None, None
    if published is None and not YEAR.search(phrase):
        return None, None  # "Friday" means nothing without the day the article was published
    parsed = _date_parser(published, prefer_future).get_date_data(phrase)
    if parsed is None or parsed.date_obj is None:
        return None, None
    when, period = parsed.date_obj.date(), parsed.period
    if period == "year":
        return f"{when.year:04d}", "year"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}", "month"
    if period == "week":
        year, week, _ = when.isocalendar()
        return f"{year:04d}-W{week:02d}", "week"
    return when.isoformat(), "day"


@lru_cache(maxsize=64)
def _date_parser(published: dt.date | None, prefer_future: bool):
    from dateparser.date import DateDataParser  # imported on first use: it takes a second to load

    base = dt.datetime.combine(published, dt.time()) if published else None
    settings = {"PREFER_DATES_FROM": "future" if prefer_future else "past", "RETURN_TIME_AS_PERIOD": True,
                "STRICT_PARSING": False, "PREFER_DAY_OF_MONTH": "first"}
    if base is not None:
        settings["RELATIVE_BASE"] = base
    return DateDataParser(languages=["en"], settings=settings)
