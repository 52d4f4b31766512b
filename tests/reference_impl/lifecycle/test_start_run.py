"""Runs the project starts get the tags MLflow gives, without importing IPython for nothing.

MLflow asks, on every new run, whether it runs in a Jupyter notebook, by importing IPython.
``reference_impl.tracking.start_run`` hides IPython for that question when nothing has imported
it yet. The script below runs in a new interpreter with a stand-in ``IPython`` package first on
its path (it counts the calls to ``get_ipython``; no shell exists, as outside a notebook), so
what is imported, and when, does not depend on whether IPython is installed here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

STAND_IN = """\
calls = 0


def get_ipython():
    global calls
    calls += 1
    return None
"""

SCRIPT = textwrap.dedent(
    """\
    import json, sys
    from pathlib import Path

    import mlflow
    from reference_impl.tracking import start_run, use_workdir
    from reference_impl.workdir import Workdir

    use_workdir(Workdir.at(Path(sys.argv[1])))  # as train opens its store (from the kept copy)

    def tags(run):
        found = mlflow.get_run(run.info.run_id).data.tags
        return {key: value for key, value in found.items() if key != "mlflow.runName"}

    with start_run(run_name="project") as project:
        pass
    imported_by_project = "IPython" in sys.modules
    with mlflow.start_run(run_name="mlflow") as plain:
        pass
    import IPython
    calls = IPython.calls
    with start_run(run_name="project, IPython imported") as notebook:
        pass
    print(json.dumps({
        "imported_by_project": imported_by_project,
        "imported_by_mlflow": "IPython" in sys.modules,
        "probed_when_imported": IPython.calls > calls,
        "tags": [tags(project), tags(plain), tags(notebook)],
    }))
    """
)


def test_the_notebook_probe_is_skipped_only_when_ipython_is_not_imported(tmp_path: Path) -> None:
    (tmp_path / "stand_in" / "IPython").mkdir(parents=True)
    (tmp_path / "stand_in" / "IPython" / "__init__.py").write_text(STAND_IN)
    (tmp_path / "probe.py").write_text(SCRIPT)
    path = [entry for entry in os.environ.get("PYTHONPATH", "").split(os.pathsep) if entry]
    done = subprocess.run(
        [sys.executable, str(tmp_path / "probe.py"), str(tmp_path / "work")],
        capture_output=True, text=True, cwd=tmp_path,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path / "stand_in"), *path])},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.splitlines()[-1])
    assert found["imported_by_project"] is False  # the project's run did not import it
    assert found["imported_by_mlflow"] is True  # MLflow's own start_run does: the probe exists
    assert found["probed_when_imported"] is True  # in a notebook, MLflow still asks
    project, plain, notebook = found["tags"]
    assert project == plain == notebook  # the same tags either way
    assert "mlflow.source.name" in project
