"""The text patterns of the configuration files, each with what its error says in words.

pydantic refuses a value that does not match a field's pattern by quoting the regular expression
(``String should match pattern '^Standard_[A-Za-z0-9_]+$'``); the messages of
:mod:`reference_impl.config.problems` say instead what the value should be, from :data:`WORDS`.
Light on purpose (no pydantic): the command line's argument types use :data:`VM_SIZE` too.
"""

from __future__ import annotations

WORDS: dict[str, str] = {}
"""What a value of each pattern is, in words, by pattern."""


def described(pattern: str, words: str) -> str:
    """Note what ``pattern`` stands for, for error messages.

    Args:
        pattern: A regular expression a field's value must match (``Field(pattern=...)``).
        words: What such a value is, to follow "expected" or "is not" ("a VM size: ...").

    Returns:
        ``pattern``.
    """
    WORDS[pattern] = words
    return pattern


VM_SIZE = described(
    r"^Standard_[A-Za-z0-9_]+$",
    "a VM size: Azure names them like Standard_DS3_v2 or Standard_F4s_v2",
)
"""How Azure names a VM size (``Standard_DS3_v2``): ``compute.size`` and ``--instance-type``."""

DATASTORE = described(
    r"^[A-Za-z0-9_]{1,255}$", "a datastore name: 1 to 255 letters, digits and underscores"
)
SUBSCRIPTION_ID = described(
    r"^[0-9a-fA-F-]{36}$",
    "a subscription ID: 36 hex digits and hyphens in all, like "
    "00000000-0000-0000-0000-000000000000",
)
WORKSPACE = described(
    r"^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$",
    "a workspace name: 3 to 33 letters, digits, hyphens and underscores, a letter or digit first",
)
ESTIMATOR = described(
    r"^[A-Za-z_][\w.]*[.:][A-Za-z_]\w*$",
    "the import path of a class, like sklearn.ensemble.HistGradientBoostingClassifier",
)
TRAIN_FUNCTION = described(
    r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$", "a function named as package.module:function"
)
MODEL_NAME = described(
    r"^[a-z][a-z0-9-]{2,62}$",
    "a model name: 3 to 63 lowercase letters, digits and hyphens, a letter first",
)
SLUG = described(
    r"^[a-z][a-z0-9-]{1,40}$", "2 to 41 lowercase letters, digits and hyphens, a letter first"
)
IDENTIFIER = described(
    r"^[a-z][a-z0-9_]{0,40}$", "1 to 41 lowercase letters, digits and underscores, a letter first"
)
PREFIX = described(
    r"^[a-z][a-z0-9_]{0,40}_$",
    "2 to 42 lowercase letters, digits and underscores, a letter first and an underscore last",
)
REPOSITORY = described(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", "a GitHub repository as owner/name")
