"""Inside an Azure ML job the registry has no aliases: the tags must name the same versions."""

from __future__ import annotations

import pytest

from reference_impl.registry import CHALLENGER, CHAMPION, alias_version, aliases_supported
from tests.reference_impl.identity import MODEL
from tests.reference_impl.lifecycle.conftest import Lifecycle, registry_state


def test_aliases_are_off_in_a_job_and_against_a_workspace() -> None:
    assert aliases_supported({})
    assert not aliases_supported({"AZUREML_RUN_ID": "job-1"})
    assert not aliases_supported({"MLFLOW_TRACKING_URI": "azureml://westeurope.api.azureml.ms/x"})


@pytest.mark.parametrize("alias", [CHAMPION, CHALLENGER])
def test_tags_name_the_version_the_alias_names(
    lifecycle: Lifecycle, monkeypatch: pytest.MonkeyPatch, alias: str
) -> None:
    """The lifecycle registry has rejected versions after the champion: the newest approved
    version is still the one the alias names, and the newest version is the challenger."""
    _, aliases = registry_state(lifecycle.workdir)
    assert aliases[CHAMPION] != aliases[CHALLENGER]  # rejected challengers came later
    monkeypatch.setenv("AZUREML_RUN_ID", "job-1")
    version = alias_version(MODEL, alias)
    assert version is not None and str(version.version) == aliases[alias]
