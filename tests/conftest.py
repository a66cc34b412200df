from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")  # a loaded CI machine starts it slowly

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "raw"
SEED_000 = RAW / "000_1305e3d104303dd2.txt"
SEED_004 = RAW / "004_8f851331b92e7b0a.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A writable copy of the embedded seeds, to add files to."""
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    return target


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present (../shared is only on development machines)")
    return path


@pytest.fixture(scope="session")
def seed_dataset(tmp_path_factory) -> Path:
    """The seeds curated once per session with the plain pipeline (no Prefect): a published output folder.

    Read it, never write to it: copy it (tests/test_dataset_validation.py's `received_copy`) to break it.
    """
    from newsfacts.pipeline import curate
    from newsfacts.settings import Settings

    out = tmp_path_factory.mktemp("seed_dataset") / "outputs"
    curate(Settings(raw_dir=RAW, out_dir=out, workers=1))
    return out
