"""Numbers, amounts and percentages as news writes them, with their values.

`parse_quantity("$1.5 billion")` is (1.5e9, "USD"); "20 per cent" is (20.0, "percent");
"four regions" is (4.0, None). Number words go through text2num; digits, scale
words (million, bn, m) and currency signs are read here. What cannot be read
("several", "a few") has no value: the text is kept, the value stays null.
"""

from __future__ import annotations

import re

from text_to_num import text2num

CURRENCIES = {"$": "USD", "us$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "dollars": "USD", "dollar": "USD",
              "pounds": "GBP", "pound": "GBP", "euros": "EUR", "euro": "EUR", "yen": "JPY", "roubles": "RUB",
              "rubles": "RUB", "yuan": "CNY", "rupees": "INR", "usd": "USD", "gbp": "GBP", "eur": "EUR"}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
          "trillion": 1e12, "tn": 1e12}
PERCENT = re.compile(r"%|\bper\s*cent\b|\bpercent\b|\bpercentage points?\b", re.IGNORECASE)
# A number in digits, with thousands separators and decimals: 2,128 / 3.5 / 1,000,000
DIGITS = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?")
WORD = re.compile(r"[a-z$£€¥]+", re.IGNORECASE)
NUMBER_WORDS = re.compile(r"\b(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                          r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                          r"ninety|hundred|thousand|million|billion|trillion|and|[- ])+\b", re.IGNORECASE)


def parse_quantity(text: str) -> tuple[float | None, str | None]:
    """(value, unit) of a quantity phrase; unit is a currency code, "percent" or None."""
    unit = "percent" if PERCENT.search(text) else _currency(text)
    value = _digits_value(text)
    if value is None:
        value = _words_value(text)
    return value, unit


def _currency(text: str) -> str | None:
    lowered = text.lower()
    for sign in ("us$", "$", "£", "€", "¥"):
        if sign in lowered:
            return CURRENCIES[sign]
    for word in WORD.findall(lowered):
        if word in CURRENCIES:
            return CURRENCIES[word]
    return None


def _digits_value(text: str) -> float | None:
    match = DIGITS.search(text)
    if match is None:
        return None
    value = float(match.group(1).replace(",", "") + (match.group(2) or ""))
    # the scale word right after the number: "1.5 billion", "£3m", "40bn"
    rest = text[match.end():].lstrip().lower()
    scale = re.match(r"[a-z]+", rest)
    if scale and scale.group(0) in SCALES:
        value *= SCALES[scale.group(0)]
    return value


def _words_value(text: str) -> float | None:
    """Spelled-out numbers: 'four', 'twenty-five', 'two hundred thousand', 'three million'."""
    for match in NUMBER_WORDS.finditer(text):
        words = match.group(0).strip(" -")
        if not words or words.lower() == "and":
            continue
        try:
            return float(text2num(words.lower(), "en"))
        except ValueError:
            continue
    return None
