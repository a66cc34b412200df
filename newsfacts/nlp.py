"""The one spaCy pass that entities, quotes and claims share.

The model is a setting (`Settings.model`, `--model`): any installed spaCy
pipeline with a tagger, parser and NER works (en_core_web_sm/md/lg/trf). A
missing model is a clear error naming the setting, not a traceback.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import spacy
from spacy.attrs import IDX
from spacy.language import Language
from spacy.tokens import Doc, Span

from newsfacts.settings import DEFAULT_MODEL

log = logging.getLogger(__name__)

# What the later stages read: sentences and the dependency parse (parser), part of speech (tagger,
# attribute_ruler), lemmas of cue verbs (lemmatizer), named entities (ner).
NEEDED_COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")
# Longer texts are parsed in pieces: spaCy needs about 1 GB per 100,000 characters for the parser and NER.
CHUNK_CHARS = 100_000
# A run of characters without a space longer than this is one token (see cut_long_runs).
MAX_RUN_CHARS = 1000
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN_CHARS + 1))
# Below this many texts, starting worker processes costs more than it saves.
MIN_TEXTS_PER_PROCESS = 20


class ModelNotFound(RuntimeError):
    def __init__(self, model: str) -> None:
        super().__init__(
            f"spaCy model {model!r} is not installed. Set the `model` setting (--model) to an installed pipeline "
            f"such as {DEFAULT_MODEL!r} (pinned in requirements.lock), en_core_web_md, en_core_web_lg or en_core_web_trf."
        )
        self.model = model


@Language.component("newsfacts_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs: a paragraph, a heading or a
    dateline never shares a sentence (or a parse tree) with the next one. The parser keeps preset starts."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if (previous.is_space and "\n" in previous.text) or "\n" in previous.whitespace_:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def load_model(model: str = DEFAULT_MODEL) -> Language:
    """Load an installed pipeline with only the components the stages need (cached per process)."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:  # spaCy's E050: no package, shortcut link or path of that name
        raise ModelNotFound(model) from exc
    unneeded = [name for name in nlp.pipe_names if name not in NEEDED_COMPONENTS and not name.startswith("transformer")]
    for name in unneeded:
        nlp.disable_pipe(name)
    if "ner" not in nlp.pipe_names or "parser" not in nlp.pipe_names:
        raise ModelNotFound(f"{model} (it has no ner or parser component)")
    nlp.add_pipe("newsfacts_paragraph_breaks", before="parser")
    return nlp


def doc_text(doc: Doc) -> str:
    """The document's text, built once: spaCy's Doc.text joins every token again on each access."""
    text = doc.user_data.get("newsfacts_text")
    if text is None:
        text = doc.user_data["newsfacts_text"] = doc.text
    return text


def token_starts(doc: Doc) -> list[int]:
    """Character offset of every token, built once per Doc, for bisecting offsets to tokens."""
    starts = doc.user_data.get("newsfacts_token_starts")
    if starts is None:
        starts = doc.user_data["newsfacts_token_starts"] = doc.to_array(IDX).tolist()  # no Token object per token
    return starts


def ents_within(span: Span) -> list[Span]:
    """The named entities wholly inside `span`, like `span.ents`, from one list built per Doc: spaCy's
    Span.ents builds a Span for every entity of the whole Doc on each call."""
    doc = span.doc
    ents = doc.user_data.get("newsfacts_ents")
    if ents is None:
        ents = doc.user_data["newsfacts_ents"] = list(doc.ents)
        doc.user_data["newsfacts_ent_starts"] = [ent.start for ent in ents]
    first = bisect.bisect_left(doc.user_data["newsfacts_ent_starts"], span.start)
    inside = []
    for ent in ents[first:]:
        if ent.end > span.end:
            break
        inside.append(ent)
    return inside


def first_token_from(doc: Doc, char: int) -> int:
    """Index of the first token that starts at or after `char` (len(doc) if none)."""
    return bisect.bisect_left(token_starts(doc), char)


def tokens_starting_in(doc: Doc, start: int, end: int) -> Span:
    """The tokens that start inside [start, end)."""
    return doc[first_token_from(doc, start) : first_token_from(doc, end)]


def check_model(model: str) -> None:
    """Fail early, before any work, when the configured model cannot be loaded."""
    load_model(model)


def parse(texts: Iterable[str], model: str = DEFAULT_MODEL, n_process: int = 1, batch_size: int = 32,
          chunk_chars: int = CHUNK_CHARS) -> Iterator[Doc]:
    """Run the pipeline once over each text, in order.

    A text longer than `chunk_chars` is parsed in pieces cut at paragraph breaks (or spaces) and joined
    back into one Doc with exactly the same text, so memory stays bounded and spaCy's max_length never
    refuses an article.
    """
    texts = list(texts)
    nlp = load_model(model)
    pieces = [[run for chunk in chunk_text(text, min(chunk_chars, nlp.max_length)) for run in cut_long_runs(chunk)] for text in texts]
    # A long run without spaces is one token: no word, and tokenizing it costs quadratic time.
    flat = [Doc(nlp.vocab, words=[piece], spaces=[False]) if _LONG_RUN.fullmatch(piece) else piece
            for chunks in pieces for piece in chunks]
    processes = max(1, min(n_process, len(flat) // MIN_TEXTS_PER_PROCESS))
    docs = nlp.pipe(flat, n_process=processes, batch_size=batch_size)
    for text, chunks in zip(texts, pieces):
        parts = [next(docs) for _ in chunks]
        doc = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        doc.user_data["newsfacts_text"] = text  # what doc_text would rebuild token by token: spaCy keeps text exactly
        yield doc


def cut_long_runs(text: str) -> list[str]:
    """Consecutive pieces that join back to `text`, each run of more than MAX_RUN_CHARS characters without a
    space in a piece of its own. spaCy's tokenizer splits prefixes and suffixes off such a run one at a
    time, quadratic in its length (10,000 quote marks in a row took 40 s): `parse` makes it one token."""
    pieces, start = [], 0
    for match in _LONG_RUN.finditer(text):
        if match.start() > start:
            pieces.append(text[start : match.start()])
        pieces.append(match.group())
        start = match.end()
    if start < len(text) or not pieces:
        pieces.append(text[start:])
    return pieces


def chunk_text(text: str, limit: int) -> list[str]:
    """Consecutive pieces of at most `limit` characters that join back to `text`, cut after a paragraph
    break where there is one, else after a space, else anywhere."""
    pieces = []
    start = 0
    while len(text) - start > limit:
        window = text[start : start + limit]
        cut = window.rfind("\n\n")
        cut = cut + 2 if cut > 0 else window.rfind(" ") + 1
        cut = cut if cut > 0 else limit
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces
