"""The curate flow on a real local Dask cluster gives the same tables as a run without Dask."""

from __future__ import annotations

import shutil

import polars as pl
import pytest

from tests.conftest import RAW

pytestmark = [pytest.mark.slow, pytest.mark.dask]

TABLES = ("documents", "entities", "mentions", "quotes")
RUN_METADATA = ("ingested_at",)
VARIANTS = 3  # copies of each seed with one sentence added: more batches than workers


def _model_loads() -> int:
    from newsfacts.nlp import load_model

    return load_model.cache_info().misses


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    target = tmp_path_factory.mktemp("dask") / "raw"
    shutil.copytree(RAW, target)
    for seed in sorted(RAW.glob("*.txt")):
        for n in range(VARIANTS):
            text = seed.read_text(encoding="utf-8") + f"\n\nOfficials in Brussels said talks would resume in {2026 + n}.\n"
            (target / f"{seed.stem}-variant{n}.txt").write_text(text, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        with distributed.Client(cluster) as client:
            yield cluster, client


def test_the_tables_are_identical_with_and_without_dask(raw, cluster, tmp_path):
    from prefect.testing.utilities import prefect_test_harness

    from flows.curate import curate_on_dask
    from newsfacts.pipeline import curate
    from newsfacts.settings import Settings

    local_cluster, client = cluster
    with prefect_test_harness(server_startup_timeout=120):
        summary = curate_on_dask(address=local_cluster.scheduler_address, raw_dir=str(raw), out_dir=str(tmp_path / "dask"), batch_size=1)
    curate(Settings(raw_dir=raw, out_dir=tmp_path / "plain", workers=1, use_cache=False))

    n_documents = summary.tables["documents"].rows
    assert n_documents == 2 * (VARIANTS + 1)
    for name in TABLES:
        with_dask = pl.read_parquet(tmp_path / "dask" / f"{name}.parquet").drop(RUN_METADATA, strict=False)
        without = pl.read_parquet(tmp_path / "plain" / f"{name}.parquet").drop(RUN_METADATA, strict=False)
        assert with_dask.height > 0, name
        assert with_dask.equals(without), name

    # One extraction task per document, spread over two workers: each worker loaded the model once.
    loads = client.run(_model_loads)
    assert sorted(loads.values()) == [1, 1], loads
