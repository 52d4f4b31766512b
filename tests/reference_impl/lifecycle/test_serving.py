"""Online scoring through the real azmlinfsrv: the sample request works, bad requests get 4xx."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reference_impl.config.project import load_project
from reference_impl.data import SAMPLE_REQUEST
from tests.reference_impl.identity import DECISION, MODEL, PROB
from tests.reference_impl.lifecycle import loopback_sockets as sockets
from tests.reference_impl.lifecycle.conftest import Lifecycle, Server

PROJECT = load_project()

SAMPLE = json.loads(SAMPLE_REQUEST.read_text())
ROW = SAMPLE["data"][0]
JSON = {"Content-Type": "application/json"}


@pytest.fixture(scope="module")
def session() -> requests.Session:
    """A client that opens a new connection per request (``Connection: close``).

    These tests are about the answer to each request. Reusing keep-alive connections is
    test_serving_load's subject: with gunicorn's threaded worker on an oversubscribed machine, a
    reused connection is now and then closed without an answer (benoitc/gunicorn#2676), which
    failed a malformed-body test here once while other processes loaded both cores.
    """
    with requests.Session() as http:
        http.headers["Connection"] = "close"
        yield http


def score(
    server: Server, http: requests.Session, body: bytes | str, headers=JSON
) -> requests.Response:
    return http.post(server.url + "/score", data=body, headers=headers, timeout=30)


def test_health_route(server: Server, session: requests.Session) -> None:
    response = session.get(server.url + "/", timeout=5)
    assert (response.status_code, response.text) == (200, "Healthy")


def test_sample_request_is_scored_by_the_champion(
    server: Server, session: requests.Session
) -> None:
    response = score(server, session, SAMPLE_REQUEST.read_bytes())
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["model"] == {"name": MODEL, "version": "2", "threshold": 0.35}
    assert len(body["predictions"]) == len(SAMPLE["data"])
    for prediction in body["predictions"]:
        assert 0.0 <= prediction[PROB] <= 1.0
        assert prediction[DECISION] is (prediction[PROB] >= 0.35)


@pytest.mark.skipif(not sockets.AVAILABLE, reason="reads /proc/net/tcp (Linux only)")
def test_server_listens_on_loopback_only(server: Server) -> None:
    """Every listening socket on the port (one per worker) is bound to 127.0.0.1, as the kernel
    reports it: none to 0.0.0.0 or to an IPv6 address."""
    listening = sockets.listening_addresses(urlparse(server.url).port)
    assert listening and set(listening) == {"127.0.0.1"}, listening


def test_a_body_saved_with_a_byte_order_mark_is_scored_alike(
    server: Server, session: requests.Session
) -> None:
    """Notepad and Windows PowerShell 5.1 save UTF-8 with a byte order mark, which the CSV
    readers already accept; the endpoint answered 400 "Unexpected UTF-8 BOM" instead."""
    plain = score(server, session, SAMPLE_REQUEST.read_bytes())
    marked = score(server, session, codecs.BOM_UTF8 + SAMPLE_REQUEST.read_bytes())
    assert marked.status_code == 200, marked.text
    assert marked.json() == plain.json()


MALFORMED = {
    "not-json": (b"score this please", 400, "body is not valid JSON"),
    "empty-body": (b"", 400, "body is empty"),
    "json-array": (b"[1, 2]", 400, 'expected a JSON object with a "data" list'),
    "no-data-key": (json.dumps({"rows": [ROW]}), 400, 'expected a JSON object with a "data" list'),
    "data-not-list": (json.dumps({"data": ROW}), 400, '"data" must be a non-empty list'),
    "empty-list": (json.dumps({"data": []}), 400, '"data" must be a non-empty list'),
    "row-not-object": (
        json.dumps({"data": [[1, 2]]}),
        400,
        "row 0: expected an object, got a list",
    ),
    "missing-field": (
        json.dumps({"data": [{k: v for k, v in ROW.items() if k != "age"}]}),
        400,
        "row 0: missing field(s) age",
    ),
    "extra-field": (
        json.dumps({"data": [{**ROW, "shoe_size": 44}]}),
        400,
        "unexpected field(s) shoe_size",
    ),
    "extra-top-level": (
        json.dumps({**SAMPLE, "debug": True}),
        400,
        "unexpected top-level field(s): debug",
    ),
    "string-for-number": (
        json.dumps({"data": [{**ROW, "tenure_months": "36"}]}),
        400,
        "row 0, field 'tenure_months': expected a number, got text '36'",
    ),
    "bool-for-number": (
        json.dumps({"data": [{**ROW, "age": True}]}),
        400,
        "row 0, field 'age': expected a number, got true",
    ),
    "null-value": (
        json.dumps({"data": [{**ROW, "plan": None}]}),
        400,
        "row 0, field 'plan': expected a string, got null",
    ),
    "fraction-for-integer": (
        json.dumps({"data": [{**ROW, "age": 41.5}]}),
        400,
        "expected a whole number",
    ),
    "out-of-range": (json.dumps({"data": [{**ROW, "age": 7}]}), 400, "7 is outside [18, 100]"),
    "unknown-category": (
        json.dumps({"data": [{**ROW, "region": "moon"}]}),
        400,
        "'moon' is not one of",
    ),
    "nan-literal": (
        json.dumps({"data": [{**ROW, "age": float("nan")}]}),
        400,
        "NaN is not a number",
    ),
    "too-many-rows": (json.dumps({"data": [ROW] * 1001}), 413, "the limit is 1000"),
    "huge-body": (b'{"data": "' + b"x" * 2_000_000 + b'"}', 413, "the limit is 1000000"),
    "deep-nesting": (b"[" * 100_000 + b"]" * 100_000, 400, "nested too deeply"),
    "non-utf8": (b'{"data": "\xff\xfe"}', 400, "UTF-8"),
    # json keeps the last of two values without a word: the model would score 4, not 36
    "repeated-field": (
        json.dumps({"data": [ROW]})[:-3] + ', "tenure_months": 4}]}',
        400,
        "row 0: field 'tenure_months' appears more than once",
    ),
    "repeated-top-level": (
        '{"data": [], ' + json.dumps({"data": [ROW]})[1:],
        400,
        "top-level field 'data' appears more than once",
    ),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_request_gets_4xx_with_message(
    server: Server, session: requests.Session, case: str
) -> None:
    body, status, message = MALFORMED[case]
    response = score(server, session, body)
    assert response.status_code == status, response.text
    assert message in response.json()["message"]


QUERIES = {
    "no-query": "",
    "not-utf8": "?a=%FF",
    "deeply-nested": "?a=" + "[" * 500 + "]" * 500,  # within gunicorn's 4094-byte request line
    "repeated": "?" + "&".join(f"a={i}" for i in range(300)),
}


@pytest.mark.parametrize("query", sorted(QUERIES))
def test_get_is_refused_with_405_whatever_the_query(
    server: Server, session: requests.Session, query: str
) -> None:
    response = session.get(server.url + "/score" + QUERIES[query], timeout=10)
    assert response.status_code == 405, response.text
    assert response.json()["message"].startswith("use POST")


def test_every_layer_answers_errors_with_one_key(server: Server, session: requests.Session) -> None:
    ours = score(server, session, b"{")  # score.py
    server_layer = session.put(server.url + "/score", data=b"{}", timeout=5)  # azmlinfsrv
    not_found = session.get(server.url + "/nowhere", timeout=5)  # Flask
    assert (ours.status_code, server_layer.status_code, not_found.status_code) == (400, 405, 404)
    for response in (ours, server_layer, not_found):
        assert list(response.json()) == ["message"], response.text


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def mutated_rows(draw: st.DrawFn) -> bytes:
    row = dict(ROW)
    for _ in range(draw(st.integers(1, 3))):
        action = draw(st.sampled_from(["drop", "add", "replace"]))
        key = draw(st.sampled_from(sorted(ROW)))
        if action == "drop":
            row.pop(key, None)
        elif action == "add":
            row[draw(st.text(min_size=1, max_size=12))] = draw(JSON_VALUES)
        else:
            row[key] = draw(JSON_VALUES)
    rows = draw(st.lists(st.just(row), min_size=1, max_size=3))
    return json.dumps({"data": rows}).encode()


PAYLOADS = st.one_of(
    st.binary(max_size=200),
    st.text(max_size=200).map(str.encode),
    JSON_VALUES.map(lambda value: json.dumps(value).encode()),
    JSON_VALUES.map(lambda value: json.dumps({"data": value}).encode()),
    mutated_rows(),
)
CONTENT_TYPES = st.sampled_from(
    [
        "application/json",
        "text/plain",
        "application/octet-stream",
        "application/x-www-form-urlencoded",
    ]
)


def test_a_thousand_malformed_payloads_never_get_a_5xx(
    server: Server, session: requests.Session
) -> None:
    statuses: dict[int, int] = {}

    @settings(
        max_examples=1000,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(body=PAYLOADS, content_type=CONTENT_TYPES)
    def check(body: bytes, content_type: str) -> None:
        response = score(server, session, body, {"Content-Type": content_type})
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        assert response.status_code < 500, (body[:200], response.text)
        if response.status_code != 200:
            assert 400 <= response.status_code < 500
            assert response.json()["message"]

    check()
    assert sum(statuses.values()) >= 1000
    assert sum(n for code, n in statuses.items() if 400 <= code < 500) > 900
    assert session.get(server.url + "/", timeout=5).status_code == 200
    assert score(server, session, SAMPLE_REQUEST.read_bytes()).status_code == 200


# The same entry script, called in-process (what the server runs in its worker).


@pytest.fixture(scope="module")
def entry_script(lifecycle: Lifecycle):
    from reference_impl.registry import champion_copy
    from reference_impl.scoring import score as script
    from reference_impl.tracking import use_workdir
    from reference_impl.workdir import Workdir

    workdir = Workdir.at(lifecycle.workdir)
    use_workdir(workdir)
    _, model_dir = champion_copy(MODEL, workdir.serving)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("AZUREML_MODEL_DIR", str(model_dir))
        script.init()
    return script


def test_run_returns_predictions_in_process(entry_script) -> None:
    result = entry_script.run(SAMPLE_REQUEST.read_text())
    assert [p[DECISION] for p in result["predictions"]] == [False, False]
    assert result["model"]["version"] == "2"


def test_run_answers_bad_input_with_an_aml_response(entry_script) -> None:
    response = entry_script.run("{")
    assert response.status_code == 400
    assert json.loads(response.get_data())["message"].startswith("body is not valid JSON")


def test_model_dir_layouts(lifecycle: Lifecycle, tmp_path: Path) -> None:
    from reference_impl.modeling.packaging import find_model_dir

    served = next((lifecycle.workdir / "serving" / MODEL).iterdir())
    assert find_model_dir(served) == served / "model"
    assert find_model_dir(served / "model") == served / "model"
    with pytest.raises(FileNotFoundError, match="expected one MLflow model under"):
        find_model_dir(tmp_path)


def test_model_outside_the_registry_has_no_version(lifecycle: Lifecycle, tmp_path: Path) -> None:
    import shutil

    from reference_impl.modeling.packaging import load_model_dir

    trained = lifecycle.runs["better"].run_dir / "train" / "model" / "mlflow_model"
    assert not (trained / "registered_model_meta").exists()  # saved, not downloaded
    model = load_model_dir(trained)
    assert (model.name, model.version, model.threshold) == (None, None, 0.35)
    copy = Path(shutil.copytree(trained, tmp_path / "model"))
    (copy / "registered_model_meta").write_text("model_name: null\nmodel_version: null\n")
    assert load_model_dir(copy).version is None  # registry fields written as null


def test_oversized_integer_literal_is_a_client_error() -> None:
    from reference_impl.contract import load_contract

    CONTRACT = load_contract()
    from reference_impl.scoring.request import RequestError, parse_request

    with pytest.raises(RequestError, match="body is not valid JSON: Exceeds the limit") as error:
        parse_request('{"data": [{"age": ' + "9" * 5000 + "}]}", CONTRACT)
    assert error.value.status == 400
