"""Check a dataset someone received against the exported contract: `newsfacts validate OUT_DIR`.

It reads the contract files shipped with the package (`schemas/contract/`), not only the live
models, so it checks what consumers were promised: each table's columns and Arrow types, its
Pandera schema (dtypes, nulls, uniqueness, built-in checks), the row checks, the rules across
tables (foreign keys, spans, counts), the manifest's row counts and SHA-256 checksums, and the
schema version. It needs pandera, polars and pyarrow only (no spaCy, no Prefect).
"""

from __future__ import annotations

import json
import warnings
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pandera.polars as pa
import polars as pl
import pyarrow.parquet as pq
from pandera.io import polars_io

from newsfacts.publishing import MANIFEST, sha256_file
from newsfacts.validating import foreign_key_failures, span_failures
from schemas.export import parse_version, type_signature

EXAMPLES = 3


@dataclass(frozen=True)
class Finding:
    """One rule that failed: on which table, how many rows, a few examples."""

    table: str
    rule: str
    rows: int | None  # failing rows; None for a rule about a whole file
    examples: list[str] = field(default_factory=list)


@dataclass
class Contract:
    version: str
    index: dict
    pandera: dict[str, pa.DataFrameSchema]
    versions: dict[str, dict[str, dict[str, str]]]  # each recorded version: table -> column -> type signature

    @property
    def tables(self) -> dict[str, dict]:
        return self.index["tables"]

    def columns(self) -> dict[str, dict[str, str]]:
        """This release's tables: column -> Arrow type signature."""
        return {name: {c: spec["type"] for c, spec in table["columns"].items()} for name, table in self.tables.items()}


@dataclass
class ValidationReport:
    out_dir: str
    contract_version: str
    dataset_version: str | None = None
    run_id: str | None = None
    findings: list[Finding] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)  # rules checked, for the report
    notes: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)  # rows of each table that could be read

    @property
    def ok(self) -> bool:
        return not self.findings

    def fail(self, table: str, rule: str, rows: int | None = None, examples: list = ()) -> None:
        self.findings.append(Finding(table, rule, rows, [_short(e) for e in list(examples)[:EXAMPLES]]))


def load_contract(contract_dir: Path | None = None) -> Contract:
    """The contract shipped with this release (or the one in `contract_dir`)."""
    folder = contract_dir or resources.files("schemas") / "contract"
    index = json.loads((folder / "contract.json").read_text(encoding="utf-8"))
    schemas = {name: polars_io.deserialize_schema(json.loads((folder / spec["pandera"]).read_text(encoding="utf-8"))) for name, spec in index["tables"].items()}
    versions = json.loads((folder / "versions.json").read_text(encoding="utf-8"))
    return Contract(index["schema_version"], index, schemas, versions)


def validate_dataset(out_dir: Path, contract: Contract | None = None) -> ValidationReport:
    """Check the dataset in `out_dir` (a published output folder, or a plain copy of one)."""
    out_dir = Path(out_dir)
    contract = contract or load_contract()
    report = ValidationReport(str(out_dir), contract.version)
    manifest = _read_manifest(out_dir, report)
    if manifest:
        report.run_id = manifest.get("run_id")
        report.dataset_version = (manifest.get("versions") or {}).get("schema")
        _check_version(report, "manifest", report.dataset_version, contract.version, parse_version)
    expected, newer = _expected_columns(contract, report, parse_version)
    if manifest:
        _check_manifest(out_dir, manifest, expected, report)

    frames: dict[str, pl.DataFrame] = {}
    for name, columns in expected.items():
        path = out_dir / f"{name}.parquet"
        if not path.is_file():
            report.fail(name, "table present", None, [f"{path.name} not found"])
            continue
        try:
            parquet = pq.ParquetFile(path)
        except Exception as exc:  # a truncated or foreign file: say so, check the rest
            report.fail(name, "readable parquet", None, [f"{type(exc).__name__}: {exc}"])
            continue
        metadata = {k.decode(): v.decode() for k, v in (parquet.schema_arrow.metadata or {}).items()}
        _check_version(report, name, metadata.get("newsfacts.schema_version"), contract.version, parse_version)
        found = {f.name: type_signature(f.type) for f in parquet.schema_arrow}
        if not _check_columns(name, columns, found, report, allow_extra=newer):
            continue  # values of a table with the wrong shape would only repeat the finding
        try:
            frame = pl.read_parquet(path, columns=[c for c in found if c in contract.columns().get(name, {})] if newer else None)
        except Exception as exc:  # the footer was fine but a data page is not
            report.fail(name, "readable parquet", None, [f"{type(exc).__name__}: {exc}"])
            continue
        report.rows[name] = frame.height
        _check_values(name, frame, contract, report)
        frames[name] = frame
    cross_table_findings(frames, contract.index, report)
    return report


def _expected_columns(contract: Contract, report: ValidationReport, parse) -> tuple[dict[str, dict[str, str]], bool]:
    """The tables and columns the dataset must have, and whether it is newer than this release.

    A dataset of an older minor version is checked against that version's columns (versions.json); one of a
    newer minor version against the tables and columns this release knows, its additions ignored.
    """
    version = report.dataset_version
    if version is None or version == contract.version:
        return contract.columns(), False
    try:
        same_major = parse(version)[0] == parse(contract.version)[0]
    except (AttributeError, TypeError, ValueError):
        return contract.columns(), False
    if same_major and version in contract.versions:
        report.notes.append(f"checked against the tables and columns of schema {version} (versions.json)")
        fingerprint = contract.versions[version]
        return {t: {c: kind.removesuffix(" (nullable)") for c, kind in cols.items()} for t, cols in fingerprint.items()}, False
    if same_major and parse(version) > parse(contract.version):
        report.notes.append(f"schema {version} is newer than this release's {contract.version}: its additions are not checked")
        return contract.columns(), True
    return contract.columns(), False


def cross_table_findings(frames: dict[str, pl.DataFrame], index: dict, report: ValidationReport) -> None:
    """Foreign keys, spans and counts, for the rules whose tables are all present and well-formed."""
    for fk in index["foreign_keys"]:
        table, column, ref, ref_column = fk["table"], fk["column"], fk["references"], fk["referenced_column"]
        rule = f"foreign_key({column} -> {ref}.{ref_column})"
        if _have(frames, report, rule, table, ref, columns=((table, column), (ref, ref_column))):
            failures = foreign_key_failures(frames[table], column, frames[ref], ref, ref_column)
            _record(report, table, rule, failures["index"].n_unique(), failures["failure_case"].to_list())
    for span in index["spans"]:
        table, start, end, text = span["table"], span["start"], span["end"], span["text"]
        rule = f"span({text} == documents.text[{start}:{end}])"
        if _have(frames, report, rule, table, "documents", columns=tuple((table, c) for c in ("doc_id", start, end, text)) + (("documents", "doc_id"), ("documents", "text"))):
            failures = span_failures(frames[table], frames["documents"], start, end, text)
            examples = [f"row {i}: {t!r}" for i, t in zip(failures["index"], failures["failure_case"])]
            _record(report, table, rule, len(examples), examples)
    for count in index["counts"]:
        table, key, column, counted, counted_key, distinct = (count[k] for k in ("table", "key", "column", "counted_table", "counted_key", "distinct"))
        rule = f"count({column} == {'distinct ' + distinct + ' of ' if distinct else ''}{counted} rows per {key})"
        if _have(frames, report, rule, table, counted, columns=((table, key), (table, column), (counted, counted_key), (counted, distinct))):
            expected = frames[counted].group_by(counted_key).agg((pl.col(distinct).n_unique() if distinct else pl.len()).alias("_expected"))
            joined = frames[table].join(expected.rename({counted_key: key}), on=key, how="left").with_columns(pl.col("_expected").fill_null(0))
            wrong = joined.filter(pl.col(column) != pl.col("_expected"))
            examples = [f"{k}: {c} (counted {e})" for k, c, e in wrong.select(key, column, "_expected").iter_rows()]
            _record(report, table, rule, len(examples), examples)


def _have(frames: dict, report: ValidationReport, rule: str, *tables: str, columns: tuple[tuple[str, str | None], ...] = ()) -> bool:
    """Whether the rule's tables and (table, column)s are all there; if not, a note says the rule was not checked."""
    missing = [t for t in tables if t not in frames]
    missing += [f"{t}.{c}" for t, c in columns if t in frames and c and c not in frames[t].columns]
    if missing:
        report.notes.append(f"{rule} on {tables[0]} not checked: {', '.join(missing)} missing or malformed")
        return False
    return True


def _record(report: ValidationReport, table: str, rule: str, rows: int, examples: list) -> None:
    report.checked.append(f"{table}: {rule}")
    if rows:
        report.fail(table, rule, rows, examples)


def _read_manifest(out_dir: Path, report: ValidationReport) -> dict | None:
    path = out_dir / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        report.fail("manifest", "manifest present", None, [f"{path} not found"])
        return None
    except (OSError, ValueError) as exc:
        report.fail("manifest", "manifest readable", None, [f"{type(exc).__name__}: {exc}"])
        return None
    if not isinstance(manifest, dict) or not isinstance(manifest.get("tables"), dict):
        report.fail("manifest", "manifest readable", None, ["no 'tables' object"])
        return None
    return manifest


def _check_version(report: ValidationReport, where: str, found: str | None, expected: str, parse) -> None:
    report.checked.append(f"{where}: schema version")
    try:
        major = parse(found)[0]
    except (AttributeError, TypeError, ValueError):
        report.fail(where, "schema version", None, [f"missing or malformed: {found!r}"])
        return
    if major != parse(expected)[0]:
        report.fail(where, "schema version (major)", None, [f"dataset has {found}; this release reads {parse(expected)[0]}.x ({expected})"])
    elif found != expected:
        report.notes.append(f"{where}: schema {found}, this release's contract is {expected} (same major version)")


def _check_manifest(out_dir: Path, manifest: dict, expected: dict, report: ValidationReport) -> None:
    tables = manifest["tables"]
    for name in expected.keys() - tables.keys():
        report.fail(name, "manifest lists table", None, [f"{name} not in manifest.json"])
    for name, entry in tables.items():
        file = str(entry.get("file", f"{name}.parquet"))
        if Path(file).name != file:  # a received manifest must not point outside the dataset
            report.fail(name, "manifest file name", None, [f"{file!r} is not a file name in the dataset folder"])
            continue
        path = out_dir / file
        if not path.is_file():
            if name not in expected:
                report.fail(name, "table present", None, [f"{path.name} not found"])
            continue  # a contract table: reported once, by the table checks
        report.checked.append(f"{name}: manifest sha256 and rows")
        actual = sha256_file(path)
        if actual != entry.get("sha256"):
            report.fail(name, "manifest sha256", None, [f"{path.name}: manifest says {str(entry.get('sha256'))[:16]}…, file has {actual[:16]}…"])
        try:
            rows = pq.ParquetFile(path).metadata.num_rows
        except Exception as exc:
            rows = f"unreadable ({type(exc).__name__})"
        if rows != entry.get("rows"):
            report.fail(name, "manifest rows", None, [f"manifest {entry.get('rows')}, file {rows}"])


def _check_columns(name: str, declared: dict[str, str], found: dict[str, str], report: ValidationReport, allow_extra: bool = False) -> bool:
    """Columns and Arrow types as declared; False if the table's shape is wrong."""
    report.checked.append(f"{name}: columns and types")
    ok = True
    missing = [c for c in declared if c not in found]
    extra = [] if allow_extra else [c for c in found if c not in declared]
    retyped = [f"{c}: {found[c]}, declared {kind}" for c, kind in declared.items() if c in found and found[c] != kind]
    for rule, examples in (("columns missing", missing), ("columns not in contract", extra), ("column type", retyped)):
        if examples:
            report.fail(name, rule, None, examples)
            ok = False
    return ok


def _check_values(name: str, frame: pl.DataFrame, contract: Contract, report: ValidationReport) -> None:
    """The table's Pandera schema from the contract (its columns that the dataset has), plus its row checks
    from this release's models where the table has all of this release's columns."""
    from schemas import TABLES

    if name not in contract.pandera:
        return  # a table of an older version that this release no longer has: its shape was checked
    full = contract.pandera[name]
    columns = {c: spec for c, spec in full.columns.items() if c in frame.columns}
    complete = len(columns) == len(full.columns)
    # Row checks are functions pandera cannot serialize: the contract names them, the models hold them.
    checks = list(TABLES[name].to_schema().checks) if complete and name in TABLES else []
    schema = pa.DataFrameSchema(columns=columns, checks=[*full.checks, *checks], strict=full.strict and complete, name=full.name)
    report.checked.append(f"{name}: pandera schema ({len(columns)} columns, {len(checks)} row checks)")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
        for (column, check), group in cases.group_by(["column", "check"], maintain_order=True):
            rule = f"{column}: {check}" if column and column != name else str(check)
            rows = group["index"].drop_nulls().n_unique() or group.height
            examples = [f"row {i}: {v}" if i is not None else str(v) for i, v in zip(group["index"], group["failure_case"])]
            report.fail(name, rule, rows, examples)
    except Exception as exc:  # values no check was written for (received data): report, never crash
        report.fail(name, "pandera schema could run", None, [f"{type(exc).__name__}: {exc}"])


def _short(value: object, width: int = 100) -> str:
    text = str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def format_report(report: ValidationReport) -> str:
    """A plain-text report: one line per failed rule with its row count and examples."""
    version = report.dataset_version or "unknown"
    lines = [
        f"dataset {report.out_dir} (run {report.run_id or 'unknown'}, schema {version}); contract {report.contract_version}",
        "tables read: " + (", ".join(f"{name} {rows} rows" for name, rows in report.rows.items()) or "none"),
        f"{len(report.checked)} checks run, {len(report.findings)} failed",
    ]
    for finding in report.findings:
        rows = "" if finding.rows is None else f"  ({finding.rows} row{'s' if finding.rows != 1 else ''})"
        lines.append(f"FAIL  {finding.table:<12} {finding.rule}{rows}")
        lines += [f"        e.g. {example}" for example in finding.examples]
    lines += [f"note  {note}" for note in report.notes]
    lines.append("OK: the dataset fits the contract" if report.ok else "FAILED: the dataset does not fit the contract")
    return "\n".join(lines)
