"""How an environment refers to one exact model version.

The training environment registers models in its own workspace; every other environment
deploys the copy in the shared registry. A reference always names a version: ``latest``,
labels and empty versions are refused, so what was tested is what ships.
"""

from __future__ import annotations

import re

from reference_impl.azureml.names import TRAINING_ENV
from reference_impl.config import EnvironmentConfig

_VERSION = re.compile(r"^[1-9][0-9]*$")  # Azure ML numbers versions 1, 2, 3, ...


class VersionError(ValueError):
    """A model version is missing or not an explicit version number."""


def explicit_version(version: str) -> str:
    """Check that ``version`` is an explicit version number.

    Args:
        version: What the user passed, e.g. ``"3"``.

    Returns:
        ``version``.

    Raises:
        VersionError: For ``latest``, ``@label`` or anything that is not a number that a
            version can have (``0`` and ``007`` are none).
    """
    if not _VERSION.match(str(version)):
        raise VersionError(
            f"model version {version!r} is not an explicit version number (1, 2, 3, ...); "
            "promotion and deployment never use 'latest' or labels"
        )
    return str(version)


# --8<-- [start:model-reference]
def model_reference(config: EnvironmentConfig, name: str, version: str) -> str:
    """The model reference a deployment in ``config``'s environment uses.

    Args:
        config: The deploying environment.
        name: Registered model name.
        version: Explicit version.

    Returns:
        ``azureml:<name>:<version>`` in the training workspace, otherwise
        ``azureml://registries/<registry>/models/<name>/versions/<version>``.
    """
    version = explicit_version(version)
    if config.name == TRAINING_ENV:
        return f"azureml:{name}:{version}"
    return f"azureml://registries/{config.azure.registry}/models/{name}/versions/{version}"
    # --8<-- [end:model-reference]
