"""The generated project's own ``uv.lock``, pinned to the versions this repository is tested with.

The export renders a project with the default answers, seeds it with this repository's lock (uv
keeps the locked versions it can) and lets uv lock it; the root package's name becomes the
``project_slug`` answer again. Run through ``python -m accelerator.template.export --lock``.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from accelerator import REPO_ROOT
from accelerator.template.render import answers_of, render_from_export


def _uv() -> str:
    candidates = [REPO_ROOT / ".cache" / "uv-bootstrap" / "bin" / "uv", shutil.which("uv")]
    for candidate in candidates:
        if candidate and Path(candidate).exists():
            return str(candidate)
    raise RuntimeError("uv is not installed; run python3 .ci/dev.py test once first")


def lock_template() -> str:
    """Lock a project rendered with the default answers and turn its lock into a template.

    Returns:
        The text of ``uv.lock.jinja``.
    """
    with tempfile.TemporaryDirectory() as folder:
        dest = Path(folder) / "project"
        render_from_export(dest)
        shutil.copyfile(REPO_ROOT / "uv.lock", dest / "uv.lock")
        subprocess.run([_uv(), "lock", "--quiet"], cwd=dest, check=True)
        text = (dest / "uv.lock").read_text(encoding="utf-8")
        slug = answers_of(dest)["package_name"].replace("_", "-")
    return re.sub(rf'(?m)^name = "{re.escape(slug)}"$', 'name = "{{ project_slug }}"', text)


def write_lock_template() -> Path:
    """Write ``scaffold/uv.lock.jinja``.

    Returns:
        Its path.
    """
    from accelerator.template.export import LOCK_TEMPLATE

    LOCK_TEMPLATE.write_text(lock_template(), encoding="utf-8")
    return LOCK_TEMPLATE
