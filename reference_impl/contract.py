"""The data contract: one description of every column, kept as data in ``config/contract.yaml``.

The ``validate`` step, the training pipeline, the scoring scripts and the drift monitor all
read one contract, so a column cannot be renamed or re-ranged in one place and forgotten in
another. A new dataset is a new contract file (``contract infer`` proposes one), not new
code. The contract is also stored inside every logged model (MLflow ``metadata``), so a
served model checks requests against the contract it was trained with, not against whatever
the file says today.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import Field, model_validator

from reference_impl.config.model import Strict
from reference_impl.config.problems import reason

FeatureKind = Literal["integer", "number", "category"]
Task = Literal["binary", "multiclass", "regression"]
TASKS: tuple[str, ...] = get_args(Task)

CONTRACT_FILE = "contract.yaml"
"""The contract's file name in the configuration folder (key ``data.contract``)."""


class ContractError(ValueError):
    """A contract file is missing, is not YAML, or breaks a rule (one sentence naming the key)."""


def _repeated(values: tuple[str, ...] | list[str]) -> str | None:
    """The first value (in sorted order) that ``values`` holds more than once, if any."""
    return min((v for v in set(values) if values.count(v) > 1), default=None)


class Feature(Strict):
    """One input column of the model.

    Attributes:
        name: Column name in data files and scoring requests.
        kind: ``integer`` (whole numbers), ``number`` (decimals) or ``category`` (text).
        description: What the column means, for the data README and error messages.
        minimum: Smallest allowed value (numeric kinds: required).
        maximum: Largest allowed value (numeric kinds: required).
        categories: Allowed values (``category`` only).
        nullable: Whether a cell may be empty. The model fills an empty number with the
            training rows' median and sees, in a column of its own, that it was empty; an
            empty category is encoded as no category (as an unknown one is). The segment
            cannot be nullable: the review compares its groups, and an empty cell is in none.
    """

    name: str = Field(min_length=1)
    kind: FeatureKind
    description: str = ""
    minimum: float | None = None
    maximum: float | None = None
    categories: tuple[str, ...] = ()
    nullable: bool = False

    @model_validator(mode="after")
    def _kind_rules(self) -> Feature:
        if not self.name.strip():  # no data file can have it: the reader refuses blank names
            raise ValueError("the feature's name is blank")
        if self.kind == "category" and not self.categories:
            raise ValueError(f"feature {self.name!r} is a category but lists no categories")
        if self.kind == "category" and (self.minimum, self.maximum) != (None, None):
            raise ValueError(f"feature {self.name!r} is a category but has a minimum or maximum")
        if twice := _repeated(self.categories):
            raise ValueError(f"feature {self.name!r} lists category {twice!r} twice")
        if self.kind != "category" and self.categories:
            raise ValueError(f"feature {self.name!r} is {self.kind} but lists categories")
        if self.kind != "category" and (self.minimum is None or self.maximum is None):
            raise ValueError(f"feature {self.name!r} is {self.kind} but lacks minimum or maximum")
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"feature {self.name!r}: minimum is above maximum")
        return self

    @property
    def is_numeric(self) -> bool:
        """Whether the column holds numbers (``integer`` or ``number``)."""
        return self.kind != "category"

    @property
    def true_false(self) -> dict[str, str]:
        """The contract's spelling of a true/false category, keyed by its lower case.

        A category whose two values are ``false`` and ``true`` in any case (``contract infer``
        writes ``False``/``True`` for a Parquet boolean and ``false``/``true`` for a CSV that
        Spark wrote) takes booleans and the other spellings too: ``{"false": "False",
        "true": "True"}``. Any other feature: ``{}``.
        """
        if len(self.categories) != 2:
            return {}
        spelling = {category.lower(): category for category in self.categories}
        return spelling if spelling.keys() == {"false", "true"} else {}


class DataContract(Strict):
    """Task, columns, label, identifier and segment of the use case.

    Attributes:
        task: ``binary`` (label 0/1), ``multiclass`` (label from ``classes``) or
            ``regression`` (numeric label).
        features: Model inputs, in the order the model sees them.
        label: Name of the target column.
        id_column: Row identifier: required in training data, never a model input; the
            holdout is chosen by a hash of it.
        segment: Categorical feature used for per-segment (responsible-AI) metrics; none
            when the data has no such group.
        classes: The label's values (``multiclass`` only), in the order of the model's
            probabilities.
        ignore: Other columns the data files hold (a load date, a partition key, a note):
            allowed in training, batch and monitoring files and dropped when read; never a
            model input (``contract infer --ignore`` lists them here).
    """

    task: Task = "binary"
    features: tuple[Feature, ...] = Field(min_length=1)
    label: str = Field(min_length=1)
    id_column: str = Field(min_length=1)
    segment: str | None = None
    classes: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _columns_are_consistent(self) -> DataContract:
        names = [feature.name for feature in self.features]
        if twice := _repeated(names):
            raise ValueError(f"feature {twice!r} is listed twice")
        for key in ("label", "id_column"):
            if getattr(self, key) in names:
                raise ValueError(f"{key} {getattr(self, key)!r} is also listed as a feature")
        if self.label == self.id_column:
            raise ValueError("label and id_column name the same column")
        for name in self.ignore:
            if not name.strip():
                raise ValueError("ignore lists a blank column name")
            if name in (*names, self.label, self.id_column):
                raise ValueError(f"ignore lists {name!r}, which the contract uses")
        if twice := _repeated(self.ignore):
            raise ValueError(f"ignore lists {twice!r} twice")
        if self.segment is not None:
            if self.segment not in names:
                raise ValueError(f"segment {self.segment!r} is not a feature")
            if self.feature(self.segment).kind != "category":
                raise ValueError(f"segment {self.segment!r} is not a category feature")
            if self.feature(self.segment).nullable:
                raise ValueError(
                    f"segment {self.segment!r} cannot be nullable: the review compares its "
                    "groups, and an empty cell is in none; write a gap as a group of its own "
                    "(such as 'unknown') in the data"
                )
        if self.task == "multiclass" and len(self.classes) < 3:
            raise ValueError("a multiclass task lists at least three classes")
        if twice := _repeated(self.classes):
            raise ValueError(f"classes lists {twice!r} twice")
        if self.task != "multiclass" and self.classes:
            raise ValueError(f"classes are listed but the task is {self.task}")
        return self

    @property
    def label_kind(self) -> FeatureKind:
        """Kind of the label: ``integer`` (0/1), ``category`` (a class) or ``number``."""
        return {"binary": "integer", "multiclass": "category", "regression": "number"}[self.task]

    @property
    def label_values(self) -> tuple[str, ...]:
        """The label's allowed values: ``0`` and ``1``, the classes, or none (any number)."""
        return {"binary": ("0", "1"), "multiclass": self.classes}.get(self.task, ())

    def labels(self, frame: Any) -> Any:
        """The label column of ``frame`` as the model learns it: class names are text.

        Args:
            frame: Rows holding the label column.

        Returns:
            The column; as text for a multi-class task, so ``2`` read from a file is class
            ``"2"``, the name the model answers with.
        """
        column = frame[self.label]
        return column.astype(str) if self.task == "multiclass" else column

    @property
    def feature_names(self) -> list[str]:
        """Names of all model inputs, in order."""
        return [feature.name for feature in self.features]

    @property
    def nullable_names(self) -> list[str]:
        """Names of the features that may be empty (``nullable: true``), in contract order."""
        return [feature.name for feature in self.features if feature.nullable]

    @property
    def numeric(self) -> list[Feature]:
        """The numeric features, in order."""
        return [feature for feature in self.features if feature.is_numeric]

    @property
    def categorical(self) -> list[Feature]:
        """The categorical features, in order."""
        return [feature for feature in self.features if not feature.is_numeric]

    @property
    def text_columns(self) -> list[str]:
        """Columns a reader keeps as text, however their cells look.

        The id, every category and a multi-class label: codes such as ``007`` keep their zeros.
        """
        names = [self.id_column, *(feature.name for feature in self.categorical)]
        return [*names, self.label] if self.task == "multiclass" else names

    def feature(self, name: str) -> Feature:
        """Return the feature called ``name``.

        Args:
            name: A feature name.

        Returns:
            The matching feature.

        Raises:
            KeyError: If no feature has that name.
        """
        for feature in self.features:
            if feature.name == name:
                return feature
        raise KeyError(name)


def contract_path(value: str | Path, config_dir: Path | None = None) -> Path:
    """Resolve the ``data.contract`` setting to a file.

    A relative path is read from the configuration folder, which travels with the package
    (and so with an Azure ML job's code snapshot); an absolute path is used as it is, and a
    leading ``~`` is the home folder (no shell expands it in a configuration file).

    Args:
        value: The setting, e.g. ``contract.yaml``.
        config_dir: The configuration folder (default: the package's own).

    Returns:
        The contract file's path.
    """
    path = Path(value).expanduser()
    if path.is_absolute():
        return path
    if config_dir is None:
        from reference_impl.config.environments import CONFIG_DIR as config_dir
    return config_dir / path


def parse_contract(raw: object, source: str) -> DataContract:
    """Validate a contract given as decoded YAML or JSON.

    Args:
        raw: The decoded document.
        source: Where it came from, for the message.

    Returns:
        The contract.

    Raises:
        ContractError: One sentence naming the source and the offending key.
    """
    from pydantic import ValidationError

    if not isinstance(raw, dict):
        raise ContractError(f"{source}: expected a mapping with task, label, id_column, features")
    try:
        return DataContract.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(part) for part in err["loc"])
        message = reason(err)
        if isinstance(raw.get("features"), list) and len(err["loc"]) > 1:
            index = err["loc"][1]
            if err["loc"][0] == "features" and isinstance(index, int):
                feature = raw["features"][index]
                name = feature.get("name") if isinstance(feature, dict) else None
                where = (
                    f"features[{index}]"
                    + (f" ({name})" if isinstance(name, str) and name.strip() else "")
                    + "".join(f".{part}" for part in err["loc"][2:])
                )
        raise ContractError(f"{source}: {where + ': ' if where else ''}{message}") from None


# --8<-- [start:load-contract]
def load_contract(value: str | Path = CONTRACT_FILE) -> DataContract:
    """Read and check a contract file.

    Args:
        value: The ``data.contract`` setting or a path (default: ``config/contract.yaml``).

    Returns:
        The contract.

    Raises:
        ContractError: If the file is missing, cannot be read (a folder, a name too long),
            is not YAML, or breaks a rule; the message names the file and the key.
    """
    from reference_impl.yaml_file import YamlFileError, read_yaml

    path = contract_path(value)
    try:
        raw = read_yaml(path, f"contract {path}")
    except YamlFileError as exc:  # missing, a folder, not UTF-8, not YAML
        raise ContractError(str(exc)) from None
    return parse_contract(raw, f"contract {path}")
    # --8<-- [end:load-contract]
