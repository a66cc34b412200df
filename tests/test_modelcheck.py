"""The model is checked from its meta.json: no spaCy import, no model loaded, the same answers as loading it."""

import subprocess
import sys

import pytest

from newsfacts import modelcheck
from newsfacts.nlp import ModelNotFound
from newsfacts.settings import DEFAULT_MODEL


def test_checking_the_installed_model_imports_no_spacy():
    code = ("import sys; from newsfacts.modelcheck import check_model; from newsfacts.pipeline import curate; "
            f"check_model({DEFAULT_MODEL!r}); assert 'spacy' not in sys.modules, 'spaCy was imported'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_a_missing_model_or_one_without_a_parser_is_refused_as_loading_would(tmp_path):
    with pytest.raises(ModelNotFound, match="--model"):
        modelcheck.check_model("en_core_web_missing")
    (tmp_path / "meta.json").write_text('{"lang": "en", "name": "tiny", "version": "1.0", "pipeline": ["tok2vec", "ner"]}')
    with pytest.raises(ModelNotFound, match="no ner or parser"):
        modelcheck.check_model(str(tmp_path))


@pytest.mark.slow
def test_the_version_read_from_meta_json_is_the_loaded_model_s():
    import spacy

    from newsfacts.nlp import load_model

    meta = load_model(DEFAULT_MODEL).meta
    assert modelcheck.model_version(DEFAULT_MODEL) == f"{meta['lang']}_{meta['name']}=={meta['version']};spacy=={spacy.__version__}"
