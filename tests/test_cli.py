import json
import subprocess
import sys

from typer.testing import CliRunner

from newsfacts.cli import EXIT_QUARANTINED, EXIT_RUN_FAILED, app
from tests.conftest import ROOT

runner = CliRunner()


def test_run_prints_a_summary_and_exits_zero_with_rejected_files(raw_copy, tmp_path):
    (raw_copy / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out"
    result = runner.invoke(app, ["run", str(raw_copy), "--out", str(out), "--engine", "local"])
    assert result.exit_code == 0, result.output
    assert "rows in documents" in result.output and "rejected" in result.output
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["files_by_fate"] == {"processed": 2, "rejected": 1}


def test_a_missing_raw_folder_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["run", str(tmp_path / "missing"), "--out", str(tmp_path / "out"), "--engine", "local"])
    assert result.exit_code == EXIT_RUN_FAILED
    assert "does not exist" in result.output


def test_fail_on_quarantine_sets_the_exit_status(raw_copy, tmp_path, monkeypatch):
    from newsfacts import documents

    real = documents.build_document

    def corrupt(*args, **kwargs):
        row = real(*args, **kwargs)
        return {**row, "n_words": row["n_words"] + 1}  # fails the schema's consistency check

    monkeypatch.setattr(documents, "build_document", corrupt)
    out = tmp_path / "out"
    plain = runner.invoke(app, ["run", str(raw_copy), "--out", str(out), "--engine", "local"])
    assert plain.exit_code == 0 and "rows quarantined" in plain.output
    strict = runner.invoke(app, ["run", str(raw_copy), "--out", str(out), "--engine", "local", "--fail-on-quarantine"])
    assert strict.exit_code == EXIT_QUARANTINED
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["tables"]["documents"]["quarantined_rows"] == 2
    assert {f["fate"] for f in manifest["files"]} == {"quarantined"}
    assert (out / "quarantine" / "documents.parquet").is_file()


def test_the_library_never_imports_prefect():
    modules = ["newsfacts." + m for m in ("pipeline", "reading", "decoding", "normalizing", "metadata", "documents",
                                          "validating", "publishing", "settings", "progress", "cli")]
    code = f"import sys; import {', '.join(modules)}; sys.exit('prefect' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_a_missing_model_is_a_clear_error_naming_the_setting(raw_copy, tmp_path):
    result = runner.invoke(app, ["run", str(raw_copy), "--out", str(tmp_path / "out"), "--engine", "local", "--model", "en_core_web_nope"])
    assert result.exit_code == EXIT_RUN_FAILED
    assert "en_core_web_nope" in result.output and "--model" in result.output and "Traceback" not in result.output
