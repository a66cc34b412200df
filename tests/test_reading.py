import os

import pytest

from newsfacts.reading import REJECTED, SKIPPED, InputFile, Rejected, discover, read_article


def _write(path, data: bytes):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_discover_walks_recursively_skips_hidden_and_never_follows_links(tmp_path):
    raw = tmp_path / "raw"
    _write(raw / "b.txt", b"Second article.")
    _write(raw / "sub" / "a.txt", b"First article.")
    _write(raw / "notes.md", b"Any regular file is an article.")
    _write(raw / ".DS_Store", b"\x00")
    _write(raw / ".hidden" / "c.txt", b"Hidden folder.")
    outside = _write(tmp_path / "outside.txt", b"Outside the raw folder.")
    os.symlink(outside, raw / "link.txt")
    os.symlink(raw / "sub", raw / "loop")

    files, outcomes = discover(raw)

    assert [f.relpath for f in files] == ["b.txt", "notes.md", "sub/a.txt"]
    fates = {o.path: (o.fate, o.reason) for o in outcomes}
    assert fates == {
        ".DS_Store": (SKIPPED, "hidden"),
        ".hidden": (SKIPPED, "hidden"),
        "link.txt": (REJECTED, "symlink"),
        "loop": (REJECTED, "symlink"),
    }


def test_discover_refuses_a_missing_raw_folder(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        discover(tmp_path / "nope")


def test_a_file_over_the_limit_is_refused_from_its_size(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:  # sparse: 50 MB that take no disk
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(Rejected) as excinfo:
        read_article(InputFile(big, "big.txt"), max_bytes=10 * 1024 * 1024)
    assert excinfo.value.reason == "too_large"
    assert excinfo.value.size_bytes == 50 * 1024 * 1024


def test_a_vanished_file_is_rejected_not_raised(tmp_path):
    with pytest.raises(Rejected) as excinfo:
        read_article(InputFile(tmp_path / "gone.txt", "gone.txt"), max_bytes=1000)
    assert excinfo.value.reason == "vanished"


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_rejected(tmp_path):
    path = _write(tmp_path / "secret.txt", b"text")
    path.chmod(0)
    with pytest.raises(Rejected) as excinfo:
        read_article(InputFile(path, "secret.txt"), max_bytes=1000)
    assert excinfo.value.reason == "unreadable"


def test_non_utf8_file_names_are_recorded_printably(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / os.fsdecode(b"caf\xe9 report.txt")).write_bytes(b"An article.")
    files, _ = discover(raw)
    assert [f.relpath for f in files] == ["caf\\xe9 report.txt"]
    assert read_article(files[0], 1000).text == "An article."


def test_a_permission_error_is_rejected_as_unreadable(tmp_path, monkeypatch):
    # Runs as root too, where chmod cannot make a file unreadable.
    path = _write(tmp_path / "secret.txt", b"text")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(Rejected) as excinfo:
        read_article(InputFile(path, "secret.txt"), max_bytes=1000)
    assert (excinfo.value.reason, excinfo.value.detail) == ("unreadable", "Permission denied")
