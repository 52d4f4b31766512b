"""Claims of docs/technology/data-sources.md."""

import contextlib
import gzip
import hashlib
import re
import sqlite3
from pathlib import Path

import pytest
from deltalake import DeltaTable

from examples.technology.data_sources import delta_versions
from tests.docs.page_commands import ROOT, PageRun, page_fences
from tests.reference_impl import early_jobs


def test_version_zero_reads_the_table_as_first_written(capsys):
    delta_versions.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "latest version 1 rows 3"
    assert lines[1] == "version 0 rows 2"
    assert "'data.delta_version': '0'" in lines[2]


PAGE = ROOT / "docs" / "technology" / "data-sources.md"
PAGE_FOLDER = "/tmp/lake-versions"


def run_the_page(root: Path) -> tuple[PageRun, list[str]]:
    """Run the page's commands in ``root`` (its ``/tmp/lake-versions``): the run, the fences
    taken. A ``train`` process of several seconds: the fixture below runs it as an early job."""
    copy = root / "page.md"
    copy.write_text(PAGE.read_text(encoding="utf-8").replace(PAGE_FOLDER, str(root)), "utf-8")
    page = PageRun()
    taken = [fence.lang for fence in page_fences(copy) if page.take(fence)]
    return page, taken


data_sources_commands = early_jobs.fixture("data_sources_commands", run_the_page)


def test_training_again_on_a_recorded_delta_version_runs_as_typed(data_sources_commands):
    """The page's command reads version 0 of the sample table (8,000 of its 10,000 rows), and
    the model it registers records that version and the rows' checksum."""
    page, taken = data_sources_commands
    assert page.problems == []
    assert taken == ["sh", "text"]
    workdir = Path(page.commands[0].split("--workdir ", 1)[1].split(" ", 1)[0])
    tags = registered_tags(workdir)
    assert tags["data_format"] == "delta" and tags["data_version"] == "0"
    table = ROOT / "reference_impl" / "data" / "lake" / "curated" / "customers"
    rows = DeltaTable(table, version=0).to_pandas().to_csv(index=False, lineterminator="\n")
    assert tags["data_sha256"] == hashlib.sha256(rows.encode("utf-8")).hexdigest()


def registered_tags(workdir: Path) -> dict[str, str]:
    """The tags of the one model version registered in ``workdir``'s MLflow store."""
    with contextlib.closing(sqlite3.connect(workdir / "mlflow.db")) as store:
        assert store.execute("SELECT COUNT(*) FROM model_versions").fetchone() == (1,)
        return dict(store.execute("SELECT key, value FROM model_version_tags").fetchall())


def test_the_page_quotes_what_a_cut_short_parquet_file_is_told(tmp_path: Path):
    """The page's quote is the start of what ``train`` prints for a file of a folder cut short."""
    import pandas as pd

    from reference_impl.validation import DataValidationError
    from reference_impl.validation.formats import read_columnar

    whole = tmp_path / "part-0.parquet"
    pd.DataFrame({"customer_id": ["C1"], "age": [40]}).to_parquet(whole)
    (tmp_path / "part-1.parquet").write_bytes(whole.read_bytes()[:-100])
    with pytest.raises(DataValidationError) as refused:
        read_columnar(tmp_path, required=["customer_id", "age"], label=None)
    [told] = refused.value.problems
    quoted = re.search(r'\("(part-1\.parquet is cut short[^"]*) …"\)', PAGE.read_text("utf-8"))
    assert quoted is not None
    assert told.startswith(" ".join(quoted[1].split()))


def test_the_page_quotes_what_a_folder_of_uneven_files_is_told(tmp_path: Path):
    """The page's example is what ``train`` prints for a column a later file adds."""
    import pandas as pd

    from reference_impl.validation import DataValidationError
    from reference_impl.validation.formats import read_columnar

    pd.DataFrame({"customer_id": ["C1"]}).to_parquet(tmp_path / "part-0.parquet")
    pd.DataFrame({"customer_id": ["C2"], "age": [40]}).to_parquet(tmp_path / "part-1.parquet")
    with pytest.raises(DataValidationError) as refused:
        read_columnar(tmp_path, required=["customer_id"], label=None, any_columns=True)
    [told] = refused.value.problems
    quoted = re.search(r"\(`(part-1\.parquet holds [^`]*)`\)", PAGE.read_text("utf-8"))
    assert quoted is not None
    assert quoted[1] in told


def test_the_page_quotes_what_a_compressed_csv_is_told():
    """The sentence the page quotes is the one ``train`` prints for a gzip-compressed file."""
    from reference_impl.validation.file_kinds import other_kind

    told = other_kind(gzip.compress(b"customer_id,age\n"))
    assert told is not None
    page = " ".join(PAGE.read_text(encoding="utf-8").split())
    assert f'"{told}"' in page
