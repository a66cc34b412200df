"""Which words judge rather than describe: TextBlob's English subjectivity lexicon (from the pattern library).

The lexicon gives about 2,900 words (mostly adjectives and adverbs) a polarity (-1..1) and a subjectivity
(0..1) per part of speech: 'brilliant' (0.9, 1.0), 'poor' (-0.4, 0.6), but 'British' (0.0, 0.0). A word
judges when it is both clearly positive or negative and clearly subjective. The claims stage asks this
of the words in a clause's predicate ('X has been brilliant', 'made some great kicks'), never of the
whole sentence: a judging word elsewhere ('a prominent opponent of the war') says nothing about whether
the clause is an opinion.

The lexicon file ships inside the textblob wheel (nothing is downloaded). It is read through
`textblob._text`, the module that holds pattern's `Sentiment` class, loaded on its own: importing the
`textblob` package imports NLTK for its other features, about 2 s per process for nothing used here.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path
from types import ModuleType

__all__ = ["judges", "word_scores"]

# Thresholds on the lexicon's scores: 'good' (0.7, 0.6), 'great' (0.8, 0.75), 'nice' (0.6, 1.0), 'poor'
# (-0.4, 0.6) judge; 'better' (0.5, 0.5), 'capable' (0.2, 0.4), 'key' (0.0, 1.0), 'unique' (0.38, 1.0) do not.
MIN_POLARITY = 0.4
MIN_SUBJECTIVITY = 0.6
# Words the lexicon scores as judging that order, own, price or enable things rather than judge them:
# 'the latest studio to ...', 'its own research', 'free files', 'will be able to download'.
NOT_JUDGING = frozenset({"latest", "own", "free", "able"})
# Words of how others regard someone or something, which polls, sales and the record can check: 'Tennis is not a
# popular sport in India', 'the campaign was controversial', 'a prominent opponent of the war'; not the writer's
# own praise or blame (the lexicon scores them as judging, as it does 'brilliant').
REPUTATION_WORDS = frozenset({"popular", "controversial", "famous", "prominent", "renowned", "notorious"})
# spaCy's fine-grained tags, cut to the lexicon's part-of-speech keys (JJR/JJS -> JJ, RBR/RBS -> RB).
LEXICON_POS = {"JJ": "JJ", "RB": "RB", "VB": "VB", "NN": "NN"}


class LexiconError(RuntimeError):
    """TextBlob's lexicon is not where this module expects it (a TextBlob release that moved it)."""


@lru_cache(maxsize=1)
def _lexicon():
    """pattern's Sentiment dictionary loaded from textblob's en-sentiment.xml, once per process."""
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        raise LexiconError("textblob is not installed (it is a runtime dependency: make install)")
    package = Path(next(iter(spec.submodule_search_locations)))
    source, xml = package / "_text.py", package / "en" / "en-sentiment.xml"
    if not source.is_file() or not xml.is_file():
        raise LexiconError(f"textblob at {package} has no _text.py or en/en-sentiment.xml")
    module = _load_module("newsfacts_textblob_text", source)
    lexicon = module.Sentiment(path=str(xml))
    lexicon.load()
    if not dict.__len__(lexicon):
        raise LexiconError(f"{xml} holds no words")
    return lexicon


def _load_module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def word_scores(word: str, tag: str = "") -> tuple[float, float] | None:
    """(polarity, subjectivity) of a word as the lexicon scores it for the part of speech of the Penn tag
    ('JJ', 'JJS', 'RB' ...), or averaged over its parts of speech when no tag is given; None for a word it does
    not know in that part of speech ('base' the adjective judges, 'base' the noun is not in the lexicon)."""
    lexicon = _lexicon()
    senses = dict.get(lexicon, word.lower())
    if not senses:
        return None
    scores = senses.get(LEXICON_POS.get(tag[:2])) if tag else senses.get(None)
    return (scores[0], scores[1]) if scores else None


@lru_cache(maxsize=8192)
def judges(word: str, tag: str = "") -> bool:
    """Whether the word praises or blames: 'brilliant', 'poor', 'nice', 'lively'; not 'British', 'key',
    'final', 'latest'."""
    if word.lower() in NOT_JUDGING | REPUTATION_WORDS:
        return False
    scores = word_scores(word, tag)
    return scores is not None and abs(scores[0]) >= MIN_POLARITY and scores[1] >= MIN_SUBJECTIVITY
