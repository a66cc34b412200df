import pytest

from newsfacts.gazetteer import canonical_place, country_of, demonym_country


@pytest.mark.parametrize(
    "name, canonical",
    [("US", "United States"), ("U.S.", "United States"), ("United States", "United States"), ("the United States", "United States"),
     ("Kiev", "Kyiv"), ("Kyiv", "Kyiv"), ("Anchorage", "Anchorage"), ("Alaska", "Alaska"), ("Washington D.C.", "Washington, D.C."),
     ("UK", "United Kingdom"), ("Britain", "United Kingdom")],
)
def test_place_variants_are_one_place(name, canonical):
    assert canonical_place(name) == canonical


@pytest.mark.parametrize("word", ["in", "it", "Brown", "Trump", "Russian"])
def test_words_and_people_are_not_places(word):
    assert canonical_place(word) is None


def test_demonyms_are_groups_that_name_a_country():
    assert demonym_country("Ukrainian") == "Ukraine" and demonym_country("Russians") == "Russia"
    assert demonym_country("Frenchman") == "France" and demonym_country("Irishwomen") == "Ireland"  # one of them
    assert demonym_country("Chairman") is None and demonym_country("Woman") is None
    assert country_of("Russian") == "Russia" and country_of("US") == "United States" and country_of("Brown") is None


@pytest.mark.parametrize("word", ["Sen.", "Gen.", "Rep.", "Co."])
def test_abbreviated_titles_are_not_country_codes(word):
    assert canonical_place(word) is None and country_of(word) is None
