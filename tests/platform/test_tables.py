"""The platform tables and the promotion diagram the pages render are read from the files."""

from __future__ import annotations

from accelerator.guidance.promotion import gate_into
from accelerator.guidance.rbac import ENVIRONMENTS
from accelerator.guidance.roles import role
from accelerator.infra import tables
from reference_impl.config import load_config
from tests.platform import checks


def rows(markdown: str) -> list[list[str]]:
    return [[c.strip() for c in line.strip("|").split(" | ")] for line in markdown.splitlines()[2:]]


def test_environment_settings_come_from_the_parameter_files():
    table = rows(tables.environment_settings_table())
    workspaces = next(r for r in table if r[0] == "Workspace")
    assert workspaces[1:] == [f"`{load_config(env).azure.workspace}`" for env in ENVIRONMENTS]
    network = next(r for r in table if r[0] == "Network")
    assert network[3].startswith("no public endpoint")
    assert all(cell.startswith("public workspace") for cell in network[1:3])
    trusted = next(r for r in table if r[0] == "GitHub environments trusted")
    assert trusted[3] == "`prod`, `prod-monitoring`"


def test_the_gates_table_names_the_approving_roles():
    table = {r[0]: r for r in rows(tables.gates_table())}
    assert table["`prod`"][1] == role(gate_into("prod").approver).name
    assert table["`dev`"][1] == "nobody (automatic)"
    assert table["`prod-monitoring`"][3] == "—"


def test_the_workflows_table_lists_every_template_with_its_triggers():
    table = {r[0]: r for r in rows(tables.workflows_table())}
    assert set(table) == {f"`{p.name}`" for p in checks.GITHUB_WORKFLOWS}
    assert table["`monitor.yml`"][1].startswith("schedule `")
    assert "(infra files only)" in table["`infrastructure.yml`"][1]
    assert table["`promote.yml`"][2] == "`test`, `prod`"
    assert table["`infrastructure.yml`"][2].startswith("`infra-shared`, `infra-dev`")
    assert table["`lint-and-unit-tests.yml`"][3] == "no"


def test_the_promotion_diagram_shows_each_gate_and_its_approver():
    diagram = tables.promotion_mermaid()
    assert diagram.startswith("```mermaid\nflowchart LR") and diagram.endswith("```")
    assert f"approved by {role(gate_into('prod').approver).name}" in diagram
    assert '"train-in-dev: automatic"| dev' in diagram


def test_the_suppressions_table_lists_every_inline_suppression():
    table = rows(tables.suppressions_table())
    assert len(table) == len(tables.suppressions()) == len(checks.suppressions(checks.INFRA))
    assert all(len(r[2]) >= 40 for r in table)
