"""A Ctrl-C that Python 3.11 wraps in a ``RuntimeError`` is a ``KeyboardInterrupt`` again."""

from __future__ import annotations

import pytest

from reference_impl.interrupt import ctrl_c_unwrapped


class _Interrupted:
    def __set_name__(self, owner: type, name: str) -> None:
        raise KeyboardInterrupt  # what Ctrl-C raises while a class is being defined


def define_a_class() -> type:
    class Model:
        field = _Interrupted()

    return Model


def test_a_ctrl_c_while_a_class_is_defined_leaves_as_a_keyboard_interrupt() -> None:
    with pytest.raises(KeyboardInterrupt) as caught, ctrl_c_unwrapped():
        define_a_class()
    assert caught.value.__suppress_context__  # no "During handling ..." chain to print


def test_another_runtime_error_passes_unchanged() -> None:
    with pytest.raises(RuntimeError, match=r"^something else$"), ctrl_c_unwrapped():
        raise RuntimeError("something else")
