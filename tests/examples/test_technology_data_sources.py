"""Claims of docs/technology/data-sources.md."""

from examples.technology.data_sources import delta_versions


def test_version_zero_reads_the_table_as_first_written(capsys):
    delta_versions.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "latest version 1 rows 3"
    assert lines[1] == "version 0 rows 2"
    assert "'data.delta_version': '0'" in lines[2]
