"""The project's identity, read from ``config/project.yaml``: the one place that names it.

Experiment, registered model, Azure ML environment, component and data asset names, and the
names of the prediction outputs all come from here, so a project generated under another name
carries no trace of the reference project's.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator, model_validator

from reference_impl.config.deployments import (
    PROJECT_FILE,
    SCORING_CODE,
    ProjectError,
    code_of,
)
from reference_impl.config.model import Strict
from reference_impl.config.patterns import IDENTIFIER, MODEL_NAME, PREFIX, REPOSITORY, SLUG
from reference_impl.config.problems import validation_problems
from reference_impl.yaml_file import YamlFileError, read_yaml


class AzureMLNames(Strict):
    """Names of the project's assets in an Azure ML workspace.

    Attributes:
        environment: The runtime environment of every step and deployment.
        component_prefix: Prefix of every pipeline component (``<prefix><step>``).
        training_data_asset: The data asset the training pipeline reads.
    """

    environment: str = Field(pattern=SLUG)
    component_prefix: str = Field(pattern=PREFIX)
    training_data_asset: str = Field(pattern=SLUG)


class OutputNames(Strict):
    """Names of the prediction outputs (online response fields and batch columns).

    Attributes:
        probability: The positive-class probability (binary), or the likeliest class's
            probability (multi-class; ``<probability>_<class>`` holds each class's).
        decision: The decision at the configured threshold (binary: ``true``/``false``), the
            likeliest class (multi-class) or the predicted value (regression).
    """

    probability: str = Field(pattern=IDENTIFIER)
    decision: str = Field(pattern=IDENTIFIER)

    @model_validator(mode="after")
    def _a_name_each(self) -> OutputNames:
        if self.probability == self.decision:  # one column would overwrite the other
            raise ValueError(
                f"probability and decision are both {self.decision!r}: give each output a name "
                "of its own (the decision would replace the probability in every answer)"
            )
        return self


class ModelCardText(Strict):
    """What only a person can say about the model; the model card states it verbatim.

    Attributes:
        owner: Who answers for the model's behaviour (a team or a role, not a person's name).
        intended_use: Who acts on its predictions, for which decision.
    """

    owner: str = Field(min_length=3, max_length=200)
    intended_use: str = Field(min_length=10, max_length=400)


class ProjectIdentity(Strict):
    """Who the project is.

    Attributes:
        name: Short name (lower-case letters, digits, hyphens).
        title: Human-readable name.
        repository: GitHub ``owner/name`` whose workflows sign in to Azure (the subject of
            the federated credentials in the IaC).
        model_name: Registered model name (aliases ``champion`` and ``challenger``).
        experiment: MLflow experiment (and Azure ML experiment) of training runs.
        deployments: Which endpoints ``deploy`` releases the model to (``online``, ``batch``).
        azureml: Names in the Azure ML workspace.
        outputs: Names of the prediction outputs.
        card: The model card's owner and intended use.
    """

    name: str = Field(pattern=SLUG)
    title: str = Field(min_length=1, max_length=120)
    repository: str = Field(pattern=REPOSITORY)
    model_name: str = Field(pattern=MODEL_NAME)
    experiment: str = Field(pattern=SLUG)
    deployments: tuple[Literal["online", "batch"], ...] = Field(min_length=1)
    azureml: AzureMLNames
    outputs: OutputNames
    card: ModelCardText

    @field_validator("deployments")
    @classmethod
    def _once_each_and_present(cls, kinds: tuple[str, ...]) -> tuple[str, ...]:
        if len(set(kinds)) != len(kinds):
            raise ValueError("name each deployment once")
        for kind in kinds:
            if not code_of(kind).is_file():
                raise ValueError(
                    f"{kind} needs {SCORING_CODE[kind]}, which this project was generated without; "
                    f"add it with `copier update --defaults --data deployment=both`"
                )
        return kinds


@functools.cache
def load_project(path: Path = PROJECT_FILE) -> ProjectIdentity:
    """Load the project's identity once per process (see :func:`read_project`).

    Args:
        path: The identity file (defaults to the shipped ``config/project.yaml``).

    Returns:
        The validated identity.
    """
    return read_project(path)


def read_project(path: Path = PROJECT_FILE) -> ProjectIdentity:
    """Read and validate the project's identity now, whatever was read before.

    Args:
        path: The identity file (defaults to the shipped ``config/project.yaml``).

    Returns:
        The validated identity.

    Raises:
        ProjectError: If the file is missing, cannot be read, is not YAML or breaks a rule;
            the message names the file and each offending key.
    """
    try:
        raw = read_yaml(path, f"project identity {path}")
    except YamlFileError as exc:
        raise ProjectError(str(exc)) from None
    try:
        return ProjectIdentity.model_validate(raw)
    except ValidationError as exc:
        problems = validation_problems(exc)
        raise ProjectError(f"{path}: {problems}") from None
