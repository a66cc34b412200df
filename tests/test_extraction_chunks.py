"""How a batch of documents is shared among the extraction worker processes."""

import random

import pytest

from newsfacts.extraction import WORKER_CHUNK_DOCUMENTS, plan_chunks


@pytest.mark.parametrize("documents,processes", [(200, 2), (37, 2), (200, 3), (5, 4), (1, 2)])
def test_every_document_is_in_exactly_one_chunk(documents, processes):
    sizes = [random.Random(documents).randint(100, 9000) for _ in range(documents)]
    chunks = plan_chunks(sizes, processes)
    assert sorted(i for chunk in chunks for i in chunk) == list(range(documents))
    assert all(chunk == sorted(chunk) for chunk in chunks)  # in text order within a chunk


def test_chunks_come_in_a_multiple_of_the_workers_and_carry_the_same_characters():
    rng = random.Random(7)
    sizes = [rng.randint(200, 12000) for _ in range(200)]
    chunks = plan_chunks(sizes, 2)
    assert len(chunks) % 2 == 0 and all(len(chunk) <= WORKER_CHUNK_DOCUMENTS + 2 for chunk in chunks)
    loads = [sum(sizes[i] for i in chunk) for chunk in chunks]
    assert max(loads) - min(loads) <= max(sizes)  # placing the longest first keeps them within one document


def test_one_huge_document_gets_a_chunk_of_its_own():
    chunks = plan_chunks([1_000_000] + [1000] * 40, 2)
    assert [0] in chunks


@pytest.mark.slow
def test_worker_processes_return_each_document_s_rows_in_document_order():
    import polars as pl

    from newsfacts.extraction import close_workers, extract_documents
    from newsfacts.settings import DEFAULT_MODEL

    texts = [f"Minister {name} said on Monday that {n} schools would close." + " More words follow here." * (n % 7)
             for n, name in enumerate(["Smith", "Jones", "Brown", "Taylor", "Wilson"] * 9)]
    documents = pl.DataFrame({
        "doc_id": [f"doc_{n:02d}" for n in range(len(texts))], "text": texts,
        "paragraphs": [[{"start": 0, "end": len(t), "heading": False}] for t in texts],
    })
    try:
        in_workers = extract_documents(documents, DEFAULT_MODEL, n_process=2)
    finally:
        close_workers()
    alone = extract_documents(documents, DEFAULT_MODEL, n_process=1)
    assert [a.doc_id for a in in_workers] == documents["doc_id"].to_list()
    assert in_workers == alone
    assert [m.text for m in in_workers[3].mentions][:1] == ["Taylor"]
