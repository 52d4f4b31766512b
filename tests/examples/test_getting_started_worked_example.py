"""Claims of docs/getting-started/worked-example.md."""

from examples.getting_started.worked_example import meet_contoso


def test_contoso_has_three_units_twelve_data_scientists_and_is_regulated(capsys):
    meet_contoso.main()
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Contoso Insurance - ")
    units = [line.split()[0] for line in lines[1:4]]
    assert units == ["Motor", "Home", "Life"]
    assert sum(int(line.split()[1]) for line in lines[1:4]) == 12
    assert lines[4] == "Regulated: True | own prod subscription: True"
