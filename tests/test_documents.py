import datetime as dt

from newsfacts.documents import build_document, deduplicate, ingest_file
from newsfacts.reading import DUPLICATE, PROCESSED, REJECTED, InputFile
from tests.conftest import SEED_000

NOW = dt.datetime(2025, 8, 18, tzinfo=dt.timezone.utc)


def test_doc_id_depends_on_content_only():
    raw = SEED_000.read_text(encoding="utf-8")
    a = build_document(raw, "a.txt", NOW)
    b = build_document(raw.replace("\n", "\r\n"), "elsewhere/b.txt", NOW + dt.timedelta(days=3))
    assert a["doc_id"] == b["doc_id"] and a["content_sha256"] == b["content_sha256"]
    assert a["doc_id"] == "doc_" + a["content_sha256"][:16]
    changed = build_document(raw.replace("Anchorage", "Juneau"), "a.txt", NOW)
    assert changed["doc_id"] != a["doc_id"]


def test_same_content_under_two_names_is_one_document_and_a_duplicate(tmp_path):
    text = "Putin read the letter.\n\nHe said nothing.".encode()
    for name, data in [("b.txt", text), ("a.txt", text.replace(b"\n", b"\r\n")), ("c.txt", b"")]:
        (tmp_path / name).write_bytes(data)
    results = [ingest_file(InputFile(tmp_path / n, n), 10_000, NOW) for n in ("b.txt", "c.txt", "a.txt")]

    documents, outcomes = deduplicate(results)

    assert [d["source_path"] for d in documents] == ["a.txt"]
    fates = {o.path: (o.fate, o.reason, o.duplicate_of) for o in outcomes}
    assert fates == {
        "a.txt": (PROCESSED, None, None),
        "b.txt": (DUPLICATE, "same_content", documents[0]["doc_id"]),
        "c.txt": (REJECTED, "empty", None),
    }
