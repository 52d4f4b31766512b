"""A value that does not match its field's pattern is refused in words, not with the regex."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from reference_impl.config import ConfigError, apply_overrides, load_config
from reference_impl.config.loader import CONFIG_DIR, load_config_file
from reference_impl.config.model import EnvironmentConfig
from reference_impl.config.patterns import WORDS
from reference_impl.config.project import ProjectIdentity


def patterns_in(schema: Any) -> set[str]:
    """Every ``pattern`` of a JSON schema, nested models included."""
    if isinstance(schema, dict):
        found = {schema["pattern"]} if isinstance(schema.get("pattern"), str) else set()
        return found.union(*(patterns_in(value) for value in schema.values()))
    if isinstance(schema, list):
        return set().union(*(patterns_in(value) for value in schema))
    return set()


@pytest.mark.parametrize("model", [EnvironmentConfig, ProjectIdentity])
def test_every_pattern_of_the_configuration_has_words(model: type) -> None:
    found = patterns_in(model.model_json_schema())
    assert found, "no pattern found: the schema walk is broken"
    assert sorted(found - set(WORDS)) == []


REFUSED = {
    "compute.size=big": "compute.size: expected a VM size: Azure names them like "
    "Standard_DS3_v2 or Standard_F4s_v2",
    "azure.subscription_id=abc": "azure.subscription_id: expected a subscription ID: 36 hex "
    "digits and hyphens in all, like 00000000-0000-0000-0000-000000000000",
    "azure.workspace=-ws": "azure.workspace: expected a workspace name: 3 to 33 letters, digits, "
    "hyphens and underscores, a letter or digit first",
    "model.train_function=train.py": "model.train_function: expected a function named as "
    "package.module:function",
    "registry.model_name=Model": "registry.model_name: expected a model name: 3 to 63 lowercase "
    "letters, digits and hyphens, a letter first",
}


@pytest.mark.parametrize("override", sorted(REFUSED))
def test_a_value_off_its_pattern_is_refused_in_words(override: str) -> None:
    with pytest.raises(ConfigError) as refused:
        apply_overrides(load_config("dev"), [override])
    assert str(refused.value) == f"overrides {override}: {REFUSED[override]}"


def test_a_value_from_a_file_is_named_by_its_key_not_quoted(tmp_path: Path) -> None:
    secret = "AccountKey=s3cr3t+token=="  # pasted into the wrong line
    text = (CONFIG_DIR / "dev.yaml").read_text()
    path = tmp_path / "dev.yaml"
    path.write_text(text.replace("workspace: ", f"workspace: '{secret}'  # ", 1))
    with pytest.raises(ConfigError) as refused:
        load_config_file(path)
    assert "azure.workspace: expected a workspace name" in str(refused.value)
    assert "s3cr3t" not in str(refused.value)


def test_a_pattern_without_words_keeps_pydantics_sentence() -> None:
    from pydantic import BaseModel, Field, ValidationError

    from reference_impl.config.problems import validation_problems

    class Coded(BaseModel):
        code: str = Field(pattern=r"^[A-Z]{3}$")

    with pytest.raises(ValidationError) as refused:
        Coded(code="abcd")
    assert validation_problems(refused.value) == "code: String should match pattern '^[A-Z]{3}$'"
