"""Claims of docs/contributing/chapter-template.md."""

from examples.contributing.chapter_template import example


def test_template_example_prints_its_claim(capsys):
    example.main()
    assert (
        capsys.readouterr().out.strip()
        == "5 levels, from 'No MLOps' to 'Full MLOps automated operations'"
    )
