"""Whether a given name is borne by men only or by women only: evidence for whom "he" or "she" means.

The name lists are Faker's (MIT licence): its person providers list the male and the female first names of 86
locales, each from that country's name statistics. A name counts only when no locale lists it for the other sex,
so it errs towards saying nothing: `Donald` is male and `Melania` female, while `Lindsey` (Lindsey Graham),
`Jean`, `Andrea`, `Nicola` and `Kim` are listed for both and give no gender. Names missing from every list
(`Huma`, `Reince`) give none either. The article's own evidence (a title, a gendered role, a pronoun) comes first;
this is only asked when there is none.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache

MALE, FEMALE = "male", "female"
LIST_ATTRIBUTES = {"first_names_male": MALE, "first_names_female": FEMALE}


@lru_cache(maxsize=1)
def _genders_by_name() -> dict[str, str | None]:
    """Each listed first name -> its sex, or None when some locale lists it for each sex (loaded once, ~0.6 s)."""
    import faker.providers.person as person_providers  # (imported here: only articles with people need it)

    seen: dict[str, set[str]] = {}
    for module in pkgutil.iter_modules(person_providers.__path__):
        provider = importlib.import_module(f"{person_providers.__name__}.{module.name}").Provider
        for attribute, sex in LIST_ATTRIBUTES.items():
            for name in getattr(provider, attribute, ()):  # (a tuple, or a dict of name -> weight)
                seen.setdefault(name.lower(), set()).add(sex)
    return {name: next(iter(sexes)) if len(sexes) == 1 else None for name, sexes in seen.items()}


def gender_of_given_name(name: str) -> str | None:
    """"male" or "female" when every list that has the given name has it for that sex; else None. An initial
    (`J.`) or a name with no letters gives None."""
    word = name.strip().rstrip(".")
    if len(word) < 2 or not word.isalpha():
        return None
    return _genders_by_name().get(word.lower())
