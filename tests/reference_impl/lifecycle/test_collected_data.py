"""Production data: what ``serve`` answers is collected (inputs and outputs, correlated per
request) under DIR/collected/, in the layout of the managed data collector, and ``monitor``
runs on it. A collector that fails never fails a request."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import pandas as pd
import pytest
import requests

from reference_impl.contract import load_contract
from reference_impl.data import DRIFTED_BATCH, SAMPLE_REQUEST
from reference_impl.scoring.collect import (
    INPUTS,
    OUTPUTS,
    ProductionData,
    collection_enabled,
)
from reference_impl.scoring.collect_sink import (
    CollectedDataError,
    read_records,
    record_of,
    start_sink,
)
from tests.reference_impl.identity import PROB
from tests.reference_impl.lifecycle.conftest import Lifecycle, Server, call

CONTRACT = load_contract()

ROWS_PER_REQUEST = 500


def wait_for(folder: Path, collection: str, ids: set[str], timeout: float = 60) -> list[dict]:
    """The collector sends from a background thread: wait until every id has arrived."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        mine = [r for r in read_records(folder, collection) if r["correlationid"] in ids]
        if {r["correlationid"] for r in mine} == ids:
            return mine
        time.sleep(0.2)
    pytest.fail(f"{collection}: only {len(mine)} of {len(ids)} requests were collected")


@pytest.fixture(scope="module")
def served(server: Server, lifecycle: Lifecycle) -> dict[str, dict]:
    """The drifted week scored through ``serve`` in requests of 500 rows, each with its id."""
    frame = pd.read_csv(DRIFTED_BATCH)[CONTRACT.feature_names]
    answers: dict[str, dict] = {}
    with requests.Session() as http:
        for start in range(0, len(frame), ROWS_PER_REQUEST):
            rows = frame.iloc[start : start + ROWS_PER_REQUEST].to_dict(orient="records")
            request_id = f"test-{uuid.uuid4()}"
            response = http.post(
                server.url + "/score",
                json={"data": rows},
                headers={"x-request-id": request_id},
                timeout=60,
            )
            assert response.status_code == 200, response.text
            answers[request_id] = {"rows": rows, "answer": response.json()}
    return answers


def test_serve_collects_inputs_and_outputs_correlated_per_request(
    served: dict[str, dict], lifecycle: Lifecycle
) -> None:
    folder = lifecycle.workdir / "collected"
    inputs = wait_for(folder, INPUTS, set(served))
    outputs = wait_for(folder, OUTPUTS, set(served))
    by_id = {r["correlationid"]: r for r in outputs}
    for record in inputs:
        sent = served[record["correlationid"]]
        assert record["type"] == f"azureml.inference.{INPUTS}"
        assert record["data"] == sent["rows"]  # the inputs, as the model saw them
        answered = by_id[record["correlationid"]]["data"]
        assert [row[PROB] for row in answered] == [
            p[PROB] for p in sent["answer"]["predictions"]
        ]  # the outputs of the same request
    # The blob layout of the managed collector: <collection>/YYYY/MM/DD/HH/*.jsonl
    layouts = {len(p.relative_to(folder / INPUTS).parts) for p in (folder / INPUTS).rglob("*")}
    assert layouts == {1, 2, 3, 4, 5}  # YYYY / MM / DD / HH / records.jsonl


def test_monitor_runs_on_what_was_served(served: dict[str, dict], lifecycle: Lifecycle) -> None:
    folder = lifecycle.workdir / "collected"
    wait_for(folder, INPUTS, set(served))
    code, out, err = call(
        ["monitor", "--workdir", str(lifecycle.workdir), "--collected", str(folder)]
    )
    assert code == 3, err  # the drifted week was served, so drift is found
    assert "collected rows from" in out and "retraining recommended" in out
    report = json.loads(
        (lifecycle.workdir / "monitoring" / "collected" / "report.json").read_text()
    )
    assert report["rows"] >= 2000
    assert "support_calls_90d" in report["drifted_features"]


def test_monitor_on_an_empty_collection_is_bad_data(lifecycle: Lifecycle, tmp_path: Path) -> None:
    code, _, err = call(
        ["monitor", "--workdir", str(lifecycle.workdir), "--collected", str(tmp_path)]
    )
    assert code == 4
    assert f"no collected {INPUTS} under {tmp_path}" in err


def test_a_failing_collector_never_fails_a_request(lifecycle: Lifecycle) -> None:
    """Rows that do not fit the feature list make the collector fail: the error is counted."""
    data = ProductionData(["only-one-column"], enabled=True)
    before = data.failures  # here no collection is configured: the collectors say so, too
    assert data.record([(1, 2, 3)], [{PROB: 0.5}], "req-1") is None
    assert data.failures == before + 1
    assert ProductionData(CONTRACT.feature_names, enabled=False).record([], [], "x") is None


def test_collection_is_off_unless_the_process_is_told_where_to_send() -> None:
    assert not collection_enabled({})
    assert collection_enabled({"AZUREML_MDC_ENABLED": "true"})
    assert collection_enabled({"AZUREML_MDC_CONFIG_PATH": "/var/mdc/config.json"})


def test_the_sink_refuses_what_the_collector_never_sends(tmp_path: Path) -> None:
    server, env = start_sink(tmp_path)
    try:
        url = f"http://127.0.0.1:{env['AZUREML_MDC_PORT']}/modeldata/log"
        bad = requests.post(url, data=b"[]", headers={"ce-type": "azureml.inference.x"}, timeout=5)
        assert (bad.status_code, bad.text) == (
            400,
            "unknown collection in ce-type 'azureml.inference.x'",
        )
    finally:
        server.shutdown()
    with pytest.raises(ValueError, match="JSON list"):
        record_of({"ce-type": f"azureml.inference.{INPUTS}"}, b"{}")
    assert json.loads(SAMPLE_REQUEST.read_text())["data"]  # the sample stays scoreable


def test_a_record_still_being_written_is_left_for_the_next_read(tmp_path: Path) -> None:
    """The receiver appends while the test (or ``monitor``) reads: a half line is not a record."""
    hour = tmp_path / INPUTS / "2026" / "12" / "02" / "04"
    hour.mkdir(parents=True)
    done = json.dumps({"correlationid": "a", "data": [{"x": 1}]})
    half = json.dumps({"correlationid": "b", "data": [{"x": 2}]})[:20]
    (hour / "records.jsonl").write_text(done + "\n" + half, encoding="utf-8")
    assert [r["correlationid"] for r in read_records(tmp_path, INPUTS)] == ["a"]
    (hour / "records.jsonl").write_text(done + "\n" + done.replace('"a"', '"b"'))
    assert [r["correlationid"] for r in read_records(tmp_path, INPUTS)] == ["a", "b"]
    (hour / "records.jsonl").write_text(half + "\n" + done + "\n")  # damaged, not unfinished
    with pytest.raises(CollectedDataError, match=r"records\.jsonl line 1: not a JSON record"):
        read_records(tmp_path, INPUTS)


NO_DATA = 'not a collector record: it needs a "data" list of objects'
# name -> (the file's bytes, what the message says after "<file> line 1: ")
NOT_RECORDS = {
    "not-json": (b'{"data": [{"age": 41}]\n', "not a JSON record (Expecting ',' delimiter at "
                 "column 23)"),
    "no-data": (b'{"correlationid": "a"}\n', NO_DATA),
    "rows-not-objects": (b'{"data": [[41, 2]]}\n', NO_DATA),
    "not-utf8": (b'{"data": [{"region": "\xe9"}]}\n', "not UTF-8 text"),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(NOT_RECORDS))
def test_a_collected_file_that_holds_no_records_is_named_with_its_line(
    lifecycle: Lifecycle, tmp_path: Path, case: str
) -> None:
    """A broken line said only "Expecting ',' delimiter: line 1 column 23 (char 22)", a record
    without ``data`` said "'data'", rows that are lists ended in a traceback."""
    content, problem = NOT_RECORDS[case]
    hour = tmp_path / INPUTS / "2026" / "12" / "02" / "04"
    hour.mkdir(parents=True)
    (hour / "part.jsonl").write_bytes(content)
    code, out, err = call(
        ["monitor", "--workdir", str(lifecycle.workdir), "--collected", str(tmp_path)]
    )
    where = f"{hour / 'part.jsonl'}{'' if case == 'not-utf8' else ' line 1'}"
    assert (code, err) == (4, f"error: cannot monitor: {where}: {problem}\n"), out
