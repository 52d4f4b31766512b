"""What bad input gets: the classes of broken or hostile input and how each is answered.

The classes live in ``data/bad_input.yaml``; each names the exit code (a member of
:class:`reference_impl.exit_codes.ExitCode`), an excerpt of the message, what the command
leaves behind and the test that plants it. :func:`bad_input_table` renders them for
``docs/technology/bad-input.md``.
"""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, Field, field_validator

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from reference_impl.exit_codes import ExitCode


class BadInputClass(BaseModel):
    """One class of bad input.

    Attributes:
        id: Stable key.
        group: Heading the class is listed under (training data, values, files...).
        input: What the bad input is.
        command: The commands that receive it.
        exit: Name of the :class:`~reference_impl.exit_codes.ExitCode` the command returns.
        message: An excerpt of the printed message (``None`` when nothing is refused).
        kept: What the command leaves behind.
        test: ``path::function`` or ``path::function[case]`` of the test that plants it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9-]+$")
    group: str
    input: str
    command: str
    exit: str
    message: str | None
    kept: str
    test: str = Field(pattern=r"^tests/[\w/]+\.py::test_\w+(\[[\w-]+\])?$")

    @field_validator("exit")
    @classmethod
    def _known_exit_code(cls, value: str) -> str:
        if value not in ExitCode.__members__:
            raise ValueError(f"{value!r} is not an ExitCode ({', '.join(ExitCode.__members__)})")
        return value

    @property
    def code(self) -> int:
        """The numeric exit code."""
        return int(ExitCode[self.exit])


class BadInput(BaseModel):
    """Everything in ``data/bad_input.yaml``.

    Attributes:
        classes: The classes, in the order the page lists them.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    classes: tuple[BadInputClass, ...] = Field(min_length=1)


@cache
def bad_input() -> BadInput:
    """Return the classes of bad input.

    Returns:
        The validated data.
    """
    return load_data("bad_input", BadInput)


def bad_input_table() -> str:
    """Render one row per class: input, command, exit code, message excerpt, what is kept.

    Returns:
        A Markdown table.
    """
    return markdown_table(
        ["Bad input", "Command", "Exit", "Message (excerpt)", "What is kept"],
        [
            (
                f"**{c.group}:** {c.input}",
                c.command,
                f"{c.code} `{c.exit}`",
                f"`{c.message}`" if c.message else "none",
                c.kept,
            )
            for c in bad_input().classes
        ],
    )
