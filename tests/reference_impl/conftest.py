"""Tests of one kind of deployment run only in a project that has it.

A project generated for online scoring only has no batch scoring code (and the reverse): a test
marked ``online`` or ``batch`` is deselected, not skipped, where ``deployments`` in
``config/project.yaml`` does not name its kind. Test files of one kind are not generated at all.
"""

from __future__ import annotations

import pytest

from reference_impl.config.deployments import KINDS, deployments


def pytest_configure(config: pytest.Config) -> None:
    for kind in KINDS:
        config.addinivalue_line("markers", f"{kind}: needs a project with {kind} deployment")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    present = set(deployments())
    absent = [i for i in items if any(i.get_closest_marker(k) for k in set(KINDS) - present)]
    if absent:
        config.hook.pytest_deselected(items=absent)
        items[:] = [i for i in items if i not in absent]
