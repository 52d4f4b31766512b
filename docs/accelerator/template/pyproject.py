"""The generated project's ``pyproject.toml``, derived from this repository's own.

The runtime dependencies, the estimator group, the Python range and the ruff and pytest settings
are the repository's; only what the project's own tests need is added as its ``dev`` group. One
declaration, so the generated project runs the versions the reference project is tested with.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable

from accelerator import REPO_ROOT

# The repository's test and lint packages a generated project needs: its tests use pytest and
# hypothesis, the Azure stand-in uses requests; ruff is its lint and format check.
DEV_PACKAGES = ("pytest", "hypothesis", "requests", "ruff")


def _root() -> dict:
    return tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _requirement_name(requirement: str) -> str:
    for stop in "<>=!~[; ":
        requirement = requirement.split(stop, 1)[0]
    return requirement.lower()


def _array(items: Iterable[str]) -> str:
    return "[\n" + "".join(f"    {json.dumps(item)},\n" for item in items) + "]"


def dev_requirements(root: dict | None = None) -> list[str]:
    """The repository's requirements of :data:`DEV_PACKAGES`, as it pins them.

    Args:
        root: The parsed root ``pyproject.toml`` (read when omitted).

    Returns:
        Requirement strings, in :data:`DEV_PACKAGES` order.

    Raises:
        KeyError: If the repository no longer declares one of them.
    """
    root = root or _root()
    declared = {
        _requirement_name(req): req
        for group in root["dependency-groups"].values()
        for req in group
        if isinstance(req, str)
    }
    return [declared[name] for name in DEV_PACKAGES]


def pyproject_template(root: dict | None = None) -> str:
    """The template of the generated project's ``pyproject.toml``.

    Args:
        root: The parsed root ``pyproject.toml`` (read when omitted).

    Returns:
        Template text over the answers ``project_slug``, ``project_name`` and ``package_name``.
    """
    root = root or _root()
    project = root["project"]
    ruff = root["tool"]["ruff"]
    lint = ruff["lint"]
    pytest_options = root["tool"]["pytest"]["ini_options"]
    lines = [
        "[project]",
        'name = "{{ project_slug }}"',
        'version = "0.1.0"',
        'description = "{{ project_name }}: an ML project on Azure ML, from the Azure ML-Ops '
        'Accelerator."',
        'readme = "README.md"',
        f"requires-python = {json.dumps(project['requires-python'])}",
        f"dependencies = {_array(project['dependencies'])}",
        "",
        "[project.scripts]",
        '{{ project_slug }} = "{{ package_name }}.cli:main"',
        "",
        "[dependency-groups]",
        f"dev = {_array(dev_requirements(root))}",
        f"estimators = {_array(root['dependency-groups']['estimators'])}",
        "",
        "[tool.uv]",
        'default-groups = ["dev", "estimators"]',
        "",
        "[build-system]",
        f"requires = {json.dumps(root['build-system']['requires'])}",
        f"build-backend = {json.dumps(root['build-system']['build-backend'])}",
        "",
        "[tool.hatch.build.targets.wheel]",
        'packages = ["{{ package_name }}"]',
        "",
        "[tool.ruff]",
        f"line-length = {ruff['line-length']}",
        f"target-version = {json.dumps(ruff['target-version'])}",
        'extend-exclude = [".cache"]',
        "",
        "[tool.ruff.lint]",
        f"select = {json.dumps(lint['select'])}",
        # Names in comments and strings grow with the package name; the formatter keeps the code.
        f"ignore = {json.dumps([*lint['ignore'], 'E501'])}",
        "",
        "[tool.ruff.lint.pydocstyle]",
        f"convention = {json.dumps(lint['pydocstyle']['convention'])}",
        "",
        "[tool.ruff.lint.per-file-ignores]",
        '"tests/**" = ["D"]',
        "",
        "[tool.pytest.ini_options]",
        'testpaths = ["tests"]',
        f"addopts = {json.dumps(pytest_options['addopts'])}",
        'pythonpath = ["."]',
        f"markers = {_array(m for m in pytest_options['markers'] if m.startswith('slow:'))}",
    ]
    return "\n".join(lines) + "\n"
