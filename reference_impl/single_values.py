"""An option that takes one value, given twice, is refused rather than half-used.

argparse keeps the last value of a repeated option: ``train --data jan.csv --data feb.csv``
trained on February alone and said nothing, and ``--segment channel --segment region`` wrote
a contract with one of the two. Options meant to repeat use ``action="append"`` (``--set``,
``--ignore``, ``--category``) and say "repeatable" in their help; every other option that
stores a value takes it once, and a second one is argparse's usual one-line error with exit
code 2, before anything runs.
"""

from __future__ import annotations

import argparse
from typing import Any

_GIVEN = "_options_given"
"""Attribute of the namespace that records which options were given during one parse."""


class _StoreOnce(argparse._StoreAction):
    """``store``, refusing a second occurrence of the option in the same command line."""

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: Any,
        option_string: str | None = None,
    ) -> None:
        given: dict[str, Any] = namespace.__dict__.setdefault(_GIVEN, {})
        if self.dest in given:
            raise argparse.ArgumentError(
                self,
                f"given twice ({_shown(given[self.dest])}, then {_shown(values)}); it takes one "
                "value, and only the last would have been used",
            )
        given[self.dest] = values
        super().__call__(parser, namespace, values, option_string)


def _shown(value: Any) -> str:
    values = value if isinstance(value, list) else [value]
    return " ".join(str(item) for item in values)


class OnceParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose value-storing options refuse a second value.

    Its sub-command parsers are of the same class (argparse makes them with the parent's).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.register("action", "store", _StoreOnce)  # the default action of add_argument
        self.register("action", None, _StoreOnce)

    def parse_known_args(  # type: ignore[override]
        self, args: Any = None, namespace: argparse.Namespace | None = None
    ) -> tuple[argparse.Namespace, list[str]]:
        """Parse as argparse does; the namespace holds the options' values only.

        Args:
            args: Arguments (default: ``sys.argv[1:]``).
            namespace: Namespace to fill (default: a new one).

        Returns:
            The namespace and the arguments left over.
        """
        parsed, rest = super().parse_known_args(args, namespace)
        vars(parsed).pop(_GIVEN, None)
        return parsed, rest
