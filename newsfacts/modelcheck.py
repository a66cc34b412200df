"""Checking the configured spaCy model from its meta.json, without importing spaCy or loading the model.

A run checks its model before any work, in its main process; loading the whole pipeline there (about
a second, and its memory for the rest of the run) only to check it is waste: the extraction workers
load it themselves. spaCy finds a model as an installed package or a folder; both carry meta.json.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
from functools import lru_cache
from pathlib import Path

# What the stages need of a pipeline (newsfacts.nlp.load_model refuses the same).
REQUIRED_COMPONENTS = ("parser", "ner")


@lru_cache(maxsize=8)
def model_meta(model: str) -> dict | None:
    """The meta.json of an installed model package or of a model folder, or None when there is neither."""
    folder = Path(model)
    if not (folder / "meta.json").is_file():
        try:
            spec = importlib.util.find_spec(model)
        except (ImportError, ValueError):
            spec = None
        if spec is None or not spec.submodule_search_locations:
            return None
        folder = Path(next(iter(spec.submodule_search_locations)))
    try:
        return json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def check_model(model: str) -> None:
    """Fail early, before any work, when the model is not installed or lacks a parser or NER."""
    meta = model_meta(model)
    problem = None if meta is not None else model
    if meta is not None and not set(REQUIRED_COMPONENTS) <= set(meta.get("pipeline") or ()):
        problem = f"{model} (it has no ner or parser component)"
    if problem:
        from newsfacts.nlp import ModelNotFound  # imports spaCy: only to report the problem as loading would

        raise ModelNotFound(problem)


def model_version(model: str) -> str:
    """The pipeline's name and version, and spaCy's own: `en_core_web_sm==3.8.0;spacy==3.8.7`."""
    check_model(model)
    meta = model_meta(model)
    return f"{meta.get('lang')}_{meta.get('name')}=={meta.get('version')};spacy=={importlib.metadata.version('spacy')}"
