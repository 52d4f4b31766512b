"""Link 6 of the chain: notebooks under docs/ execute, and their stored output is what they print.

``pytest --update-examples`` stores the fresh outputs back into the notebook.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

from tests.docs import chain

NOTEBOOKS = sorted(chain.DOCS.rglob("*.ipynb"))


def execute(path: Path, workdir: Path) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(workdir)}}
    ).execute()
    return notebook


def text_outputs(notebook: nbformat.NotebookNode) -> list[list[str]]:
    """The plain-text outputs of each code cell (what a reader sees).

    Consecutive prints to the same stream are one text, as Jupyter shows them: the kernel
    sends a stream in as many messages as it flushed, and that depends on the machine's load.
    """
    result = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        texts: list[str] = []
        previous = None
        for output in cell.get("outputs", []):
            if output.output_type == "stream" and previous == ("stream", output.name):
                texts[-1] += output.text
            elif output.output_type == "stream":
                texts.append(output.text)
            elif output.output_type in {"execute_result", "display_data"}:
                texts.append(output.get("data", {}).get("text/plain", ""))
            elif output.output_type == "error":
                texts.append(f"ERROR {output.ename}")
            previous = (output.output_type, output.get("name"))
        result.append(texts)
    return result


def test_docs_contain_a_notebook() -> None:
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(chain.ROOT)))
def test_notebook_runs_and_matches_stored_output(
    path: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    fresh = execute(path, tmp_path)
    if request.config.getoption("update_examples"):
        nbformat.write(fresh, path)
        return
    stored = nbformat.read(path, as_version=4)
    assert text_outputs(stored) == text_outputs(fresh), (
        f"{path.name}: stored outputs differ from a fresh run; run pytest --update-examples"
    )


def test_planted_failing_cell_fails(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.cells = [
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("raise ValueError('planted')"),
    ]
    path = tmp_path / "broken.ipynb"
    nbformat.write(notebook, path)
    with pytest.raises(CellExecutionError, match="planted"):
        execute(path, tmp_path)


def test_planted_stale_output_is_detected(tmp_path: Path) -> None:
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    cell = nbformat.v4.new_code_cell("print(2 + 2)")
    cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text="5\n")]
    notebook.cells = [cell]
    path = tmp_path / "stale.ipynb"
    nbformat.write(notebook, path)
    assert text_outputs(nbformat.read(path, as_version=4)) != text_outputs(execute(path, tmp_path))


def test_a_stream_split_in_two_messages_reads_as_one() -> None:
    one, two = nbformat.v4.new_notebook(), nbformat.v4.new_notebook()
    one.cells = [nbformat.v4.new_code_cell("print('rejected'); print('  FAIL')")]
    two.cells = [nbformat.v4.new_code_cell("print('rejected'); print('  FAIL')")]
    one.cells[0].outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="rejected\n  FAIL\n")
    ]
    two.cells[0].outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="rejected"),
        nbformat.v4.new_output("stream", name="stdout", text="\n  FAIL\n"),
    ]
    assert text_outputs(one) == text_outputs(two) == [["rejected\n  FAIL\n"]]
    two.cells[0].outputs[1].name = "stderr"  # another stream stays apart
    assert text_outputs(two) == [["rejected", "\n  FAIL\n"]]
