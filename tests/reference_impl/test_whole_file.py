"""An output file is written whole or not at all, and an unwritable path is named, not hit."""

from __future__ import annotations

import gzip
import os
import stat
import threading
from pathlib import Path

import pandas as pd
import pytest

from reference_impl.whole_file import make_folder, output_problem, whole_file


def test_the_target_gets_the_new_bytes_and_no_side_file_stays(tmp_path: Path) -> None:
    target = tmp_path / "new" / "predictions.csv"  # its folder is made
    with whole_file(target) as side:
        assert side.parent == target.parent and side.name.startswith(".")
        side.write_text("id,p\n1,0.5\n")
        assert not target.exists()  # nothing shows until the writer returned
    assert target.read_text() == "id,p\n1,0.5\n"
    assert os.listdir(target.parent) == ["predictions.csv"]


@pytest.mark.parametrize("earlier", [b"id,p\n1,0.25\n", None], ids=["earlier-file", "no-file"])
def test_a_write_stopped_half_way_leaves_what_was_there(
    tmp_path: Path, earlier: bytes | None
) -> None:
    target = tmp_path / "predictions.csv"
    if earlier is not None:
        target.write_bytes(earlier)
    with pytest.raises(KeyboardInterrupt), whole_file(target) as side:
        side.write_text("id,p\n1,")
        raise KeyboardInterrupt  # what Ctrl-C raises in the middle of a write
    assert (target.read_bytes() if target.exists() else None) == earlier
    assert os.listdir(tmp_path) == ([target.name] if earlier is not None else [])


def test_the_side_file_ends_as_the_target_so_the_format_follows_the_name(
    tmp_path: Path,
) -> None:
    target = tmp_path / "predictions.csv.gz"
    with whole_file(target) as side:
        pd.DataFrame({"id": [1, 2]}).to_csv(side, index=False)  # pandas infers gzip
    assert gzip.decompress(target.read_bytes()) == b"id\n1\n2\n"


def test_a_symlink_keeps_pointing_at_the_file_it_names(tmp_path: Path) -> None:
    real = tmp_path / "store" / "predictions.csv"
    real.parent.mkdir()
    real.write_text("old\n")
    link = tmp_path / "latest.csv"
    link.symlink_to(real)
    with whole_file(link) as side:
        side.write_text("new\n")
    assert link.is_symlink() and link.resolve() == real
    assert real.read_text() == "new\n"


def test_the_earlier_files_permissions_stay(tmp_path: Path) -> None:
    target = tmp_path / "predictions.csv"
    target.write_text("old\n")
    target.chmod(0o640)
    with whole_file(target) as side:
        side.write_text("new\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_pipe_is_written_directly(tmp_path: Path) -> None:
    pipe = tmp_path / "stdout"
    os.mkfifo(pipe)
    read: list[bytes] = []
    reader = threading.Thread(target=lambda: read.append(pipe.read_bytes()))
    reader.start()
    with whole_file(pipe) as side:
        assert side == pipe
        side.write_text("id,p\n")
    reader.join(10)
    assert read == [b"id,p\n"]
    assert stat.S_ISFIFO(pipe.stat().st_mode)  # still the pipe, not a file put in its place
    assert os.listdir(tmp_path) == ["stdout"]


def test_output_problem_names_what_stands_in_the_way(tmp_path: Path) -> None:
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.csv").write_text("x\n")
    assert output_problem(tmp_path / "new" / "p.csv") is None
    assert output_problem(tmp_path / "file.csv") is None  # replaced when written
    assert output_problem(tmp_path / "folder", folder=True) is None
    assert output_problem(tmp_path / "folder") == "it is a folder, not a file"
    assert output_problem(tmp_path / "file.csv", folder=True) == ("it is a file, not a folder")
    assert output_problem(tmp_path / "file.csv" / "x" / "p.csv") == f"{tmp_path}/file.csv is a file"
    assert output_problem(tmp_path / ("a" * 300 + ".csv")) == "File name too long"


def test_make_folder_makes_it_or_says_why_not(tmp_path: Path) -> None:
    (tmp_path / "file.csv").write_text("x\n")
    assert make_folder(tmp_path / "a" / "b") is None
    assert (tmp_path / "a" / "b").is_dir()
    assert make_folder(tmp_path / "a" / "b") is None  # already there
    assert make_folder(tmp_path / "file.csv") == "it is a file, not a folder"
    assert make_folder(Path("/proc/new-folder")) == "No such file or directory"  # the system's
    (tmp_path / "nowhere").symlink_to(tmp_path / "gone")
    assert make_folder(tmp_path / "nowhere") == "it is a symbolic link that leads to no folder"
