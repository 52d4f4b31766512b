"""Claims of docs/people/roles-and-skills.md."""

from accelerator.guidance.roles import roles
from examples.people.roles_and_skills import roles_to_recruit


def test_hiring_list_is_derived_from_the_catalogue(capsys):
    roles_to_recruit.main()
    out = capsys.readouterr().out.splitlines()
    recruit = [r.name for r in roles() if r.source == "recruit"]
    assert out[0] == "Recruit: " + ", ".join(recruit)
    assert len(out) == 1 + len(roles())
