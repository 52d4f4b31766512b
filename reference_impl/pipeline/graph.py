"""The training pipeline as data: steps, their ports and parameters, and the wiring between them.

This is the single description of the graph. The local runner
(:mod:`reference_impl.pipeline.local`) executes it, every step's command line is parsed
from it, and the Azure ML target builds its ``PipelineJob`` from it. Nothing here imports
a step: a step is a module run as ``python -m <module> --<port> PATH --<param> VALUE``,
exactly the shape of an Azure ML command component.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel

from reference_impl.config.model import LATEST_VERSION, GateSection
from reference_impl.config.project import load_project

PortType = Literal["uri_file", "uri_folder"]
ParamType = Literal["integer", "number", "string"]
PIPELINE_SOURCE = "pipeline"
_PARSERS = {"integer": int, "number": float, "string": str}


@dataclass(frozen=True)
class Input:
    """An input port of a step.

    Attributes:
        name: Port name; the step's flag is ``--<name>``.
        type: Azure ML asset type of the port.
        source: ``pipeline.<input>`` or ``<step>.<output>`` this port is wired to.
        description: What the step reads from it.
    """

    name: str
    type: PortType
    source: str
    description: str


@dataclass(frozen=True)
class Output:
    """An output port of a step (always a folder the step creates files in).

    Attributes:
        name: Port name; the step's flag is ``--<name>``.
        type: Azure ML asset type of the port.
        description: What the step writes into it.
    """

    name: str
    type: PortType
    description: str


@dataclass(frozen=True)
class Param:
    """A literal parameter of a step, taken from the environment configuration.

    Attributes:
        name: Parameter name; the step's flag is ``--<name>``.
        type: Value type.
        config_key: Dotted key in :class:`~reference_impl.config.EnvironmentConfig`.
        description: What it controls.
        default: The value a step run by hand takes when the flag is left out (``None``: the
            flag is required). Pipelines always pass every parameter.
    """

    name: str
    type: ParamType
    config_key: str
    description: str
    default: str | None = None


def _attribute_docs(model: type) -> dict[str, str]:
    """First sentence of each entry of a class docstring's ``Attributes:`` section."""
    docs: dict[str, str] = {}
    section = (model.__doc__ or "").partition("Attributes:")[2]
    for name, text in re.findall(
        r"^\s{4,8}(\w+): (.+?)(?=\n\s{4,8}\w+: |\Z)", section, re.M | re.S
    ):
        docs[name] = " ".join(text.split()).split(". ")[0].rstrip(".")
    return docs


def section_params(section: str, model: type[BaseModel]) -> tuple[Param, ...]:
    """One parameter per field of a configuration section, typed and described from the model.

    The section's model is the one declaration of its keys: a new key becomes a step flag, a
    component input and a value bound from the configuration with no other edit.

    Args:
        section: The section's key in the environment configuration, e.g. ``gate``.
        model: Its pydantic model.

    Returns:
        Parameters named like the fields, in the model's order.
    """
    docs = _attribute_docs(model)
    kinds = {int: "integer", float: "number"}
    return tuple(
        Param(
            name, kinds.get(field.annotation, "string"), f"{section}.{name}", docs.get(name, name)
        )
        for name, field in model.model_fields.items()
    )


@dataclass(frozen=True)
class PipelineInput:
    """An input of the whole pipeline (bound by the caller, e.g. the training data).

    Attributes:
        name: Input name, referenced as ``pipeline.<name>``.
        type: Azure ML asset type.
        description: What the caller passes.
    """

    name: str
    type: PortType
    description: str


@dataclass(frozen=True)
class Step:
    """One step: a module with file inputs, folder outputs and literal parameters.

    Attributes:
        name: Step name, unique in the pipeline.
        module: Importable module with ``main(argv) -> int``.
        description: One line for logs and the component's description.
        inputs: Input ports.
        outputs: Output ports.
        params: Parameters.
    """

    name: str
    module: str
    description: str
    inputs: tuple[Input, ...] = ()
    outputs: tuple[Output, ...] = ()
    params: tuple[Param, ...] = ()

    # --8<-- [start:command]
    def command(self) -> str:
        """The step's command line with Azure ML placeholders.

        Returns:
            For example ``python -m reference_impl.steps.prep --validated_data
            ${{inputs.validated_data}} ... --holdout_percent ${{inputs.holdout_percent}}``.
        """
        parts = [f"python -m {self.module}"]
        parts += [f"--{port.name} ${{{{inputs.{port.name}}}}}" for port in self.inputs]
        parts += [f"--{param.name} ${{{{inputs.{param.name}}}}}" for param in self.params]
        parts += [f"--{port.name} ${{{{outputs.{port.name}}}}}" for port in self.outputs]
        return " ".join(parts)
        # --8<-- [end:command]

    def argv(self, paths: Mapping[str, Path], values: Mapping[str, Any]) -> list[str]:
        """Build the argument list of one local execution.

        Args:
            paths: A path for every input and output port, by port name.
            values: A value for every parameter, by parameter name.

        Returns:
            Arguments for the step's ``main(argv)``.
        """
        argv: list[str] = []
        for port in (*self.inputs, *self.outputs):
            argv += [f"--{port.name}", str(paths[port.name])]
        for param in self.params:
            argv += [f"--{param.name}", str(values[param.name])]
        return argv

    def parser(self) -> argparse.ArgumentParser:
        """The step's argument parser: one required flag per port and parameter.

        Returns:
            A parser whose namespace has ports as :class:`~pathlib.Path` and parameters
            converted to their type.
        """
        parser = argparse.ArgumentParser(
            prog=f"python -m {self.module}", description=self.description
        )
        for port in self.inputs:
            parser.add_argument(f"--{port.name}", type=Path, required=True, help=port.description)
        for param in self.params:
            parser.add_argument(
                f"--{param.name}", type=_PARSERS[param.type], required=param.default is None,
                default=param.default, help=param.description,
            )  # fmt: skip
        for port in self.outputs:
            parser.add_argument(f"--{port.name}", type=Path, required=True, help=port.description)
        return parser


@dataclass(frozen=True)
class Pipeline:
    """Steps in execution order plus the pipeline's own inputs.

    Attributes:
        name: Pipeline name (the Azure ML experiment and display name).
        inputs: What the caller binds.
        steps: Steps in an order where every input is produced before it is read.
    """

    name: str
    inputs: tuple[PipelineInput, ...]
    steps: tuple[Step, ...]

    def step(self, name: str) -> Step:
        """Return the step called ``name``.

        Args:
            name: A step name.

        Returns:
            The step.

        Raises:
            KeyError: If there is no such step.
        """
        for step in self.steps:
            if step.name == name:
                return step
        raise KeyError(name)

    def check(self) -> list[str]:
        """List wiring mistakes: unknown sources, reads before writes, duplicate names.

        Returns:
            One sentence per problem; empty when the graph is sound.
        """
        problems = []
        available = {f"{PIPELINE_SOURCE}.{item.name}" for item in self.inputs}
        names: set[str] = set()
        for step in self.steps:
            if step.name in names:
                problems.append(f"step {step.name!r} is defined twice")
            names.add(step.name)
            flags = [item.name for item in (*step.inputs, *step.outputs, *step.params)]
            for flag in sorted({flag for flag in flags if flags.count(flag) > 1}):
                problems.append(f"step {step.name!r} uses --{flag} twice")
            for port in step.inputs:
                if port.source not in available:
                    problems.append(
                        f"step {step.name!r} reads {port.source!r} before anything produces it"
                    )
            available |= {f"{step.name}.{port.name}" for port in step.outputs}
        return problems

    def param_values(self, config: Any) -> dict[str, dict[str, Any]]:
        """Resolve every step's parameters from a configuration object.

        Args:
            config: An :class:`~reference_impl.config.EnvironmentConfig` (or any object
                with the same attribute paths).

        Returns:
            ``{step: {param: value}}``.
        """
        values: dict[str, dict[str, Any]] = {}
        for step in self.steps:
            values[step.name] = {}
            for param in step.params:
                node = config
                for part in param.config_key.split("."):
                    node = getattr(node, part)
                values[step.name][param.name] = node
        return values


def _folder(name: str, description: str) -> Output:
    return Output(name, "uri_folder", description)


def _reads(name: str, source: str, description: str) -> Input:
    return Input(name, "uri_folder", source, description)


# --8<-- [start:graph]
TRAINING_PIPELINE = Pipeline(
    name=load_project().experiment,
    inputs=(PipelineInput("raw_data", "uri_file", "training data"),),
    steps=(
        Step(
            name="validate",
            module="reference_impl.steps.validate",
            description="check the training data against the data contract",
            inputs=(Input("raw_data", "uri_file", "pipeline.raw_data", "training data"),),
            outputs=(_folder("validated_data", "data.parquet, contract.json, validation.json"),),
            params=(
                Param("min_rows", "integer", "data.min_rows", "fewest rows accepted"),
                Param("contract", "string", "data.contract", "data contract file"),
                Param(
                    "data_version",
                    "string",
                    "data.version_text",
                    "Delta table version to read (latest: the newest)",
                    default=LATEST_VERSION,
                ),
            ),
        ),
        Step(
            name="prep",
            module="reference_impl.steps.prep",
            description="split rows by a hash of their id into training rows and the fixed holdout",
            inputs=(_reads("validated_data", "validate.validated_data", "validated rows"),),
            outputs=(
                _folder("train_data", "train.parquet"),
                _folder("holdout_data", "holdout.parquet"),
            ),
            params=(
                Param("holdout_percent", "integer", "training.holdout_percent", "holdout share"),
            ),
        ),
        Step(
            name="train",
            module="reference_impl.steps.train",
            description="fit the configured estimator's pipeline and log it to MLflow",
            inputs=(_reads("train_data", "prep.train_data", "training rows"),),
            outputs=(_folder("model", "MLflow model, model_info.json, baseline profile"),),
            params=(
                Param("estimator", "string", "model.estimator", "estimator class"),
                Param("params", "string", "model.params_text", "estimator parameters"),
                Param(
                    "train_function",
                    "string",
                    "model.train_function_text",
                    "training function used instead of the estimator (none: the estimator)",
                ),
                Param("seed", "integer", "training.seed", "random seed"),
                Param("threshold", "number", "evaluation.threshold", "decision threshold"),
                Param("bins", "integer", "monitoring.bins", "bins of the drift baseline"),
            ),
        ),
        Step(
            name="evaluate",
            module="reference_impl.steps.evaluate",
            description="score the holdout: metrics, plots and per-segment metrics",
            inputs=(
                _reads("model", "train.model", "trained model"),
                _reads("holdout_data", "prep.holdout_data", "holdout rows"),
            ),
            outputs=(_folder("evaluation", "metrics.json, segments.json, PNG plots"),),
            params=(Param("threshold", "number", "evaluation.threshold", "decision threshold"),),
        ),
        Step(
            name="review",
            module="reference_impl.steps.review",
            description="fairness, feature importance and the model card for the review",
            inputs=(
                _reads("model", "train.model", "trained model"),
                _reads("holdout_data", "prep.holdout_data", "holdout rows"),
                _reads("evaluation", "evaluate.evaluation", "holdout metrics"),
            ),
            outputs=(_folder("evidence", "fairness.json, importance.json, model_card.md"),),
            params=(
                Param("threshold", "number", "evaluation.threshold", "decision threshold"),
                Param("seed", "integer", "training.seed", "seed of the shuffles"),
                Param(
                    "max_segment_recall_gap",
                    "number",
                    "gate.max_segment_recall_gap",
                    "agreed recall gap between groups",
                ),
            ),
        ),
        Step(
            name="gate",
            module="reference_impl.steps.gate",
            description="compare the challenger with the champion on the same holdout",
            inputs=(
                _reads("evaluation", "evaluate.evaluation", "challenger metrics"),
                _reads("holdout_data", "prep.holdout_data", "holdout rows"),
                _reads("model", "train.model", "challenger, scored on the reference holdout"),
            ),
            outputs=(_folder("decision", "decision.json"),),
            params=(
                Param("model_name", "string", "registry.model_name", "registered model"),
                *section_params("gate", GateSection),
                Param("threshold", "number", "evaluation.threshold", "decision threshold"),
            ),
        ),
        Step(
            name="register",
            module="reference_impl.steps.register",
            description="register the model; alias challenger, and champion if approved",
            inputs=(
                _reads("model", "train.model", "trained model"),
                _reads("decision", "gate.decision", "gate decision"),
                _reads("evidence", "review.evidence", "review evidence and model card"),
            ),
            outputs=(_folder("registration", "registration.json"),),
            params=(Param("model_name", "string", "registry.model_name", "registered model"),),
        ),
    ),
)
# --8<-- [end:graph]


def step_parser(name: str) -> argparse.ArgumentParser:
    """The argument parser of a step of :data:`TRAINING_PIPELINE`.

    Args:
        name: Step name.

    Returns:
        Its parser.
    """
    return TRAINING_PIPELINE.step(name).parser()


def parse_step_args(name: str, argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse a step's command line and create its output folders.

    Args:
        name: Step name.
        argv: Arguments without the program name; ``None`` reads ``sys.argv``.

    Returns:
        The parsed namespace.
    """
    args = step_parser(name).parse_args(argv)
    for port in TRAINING_PIPELINE.step(name).outputs:
        getattr(args, port.name).mkdir(parents=True, exist_ok=True)
    return args
