"""Where each reference file goes in a generated project, and how answers change it.

Copier renders a file name that comes out empty as "no file", so a file that only some answers
want gets a conditional name (:func:`when`). A file whose text depends on an answer is written
once per variant behind a Jinja ``if`` chain (:func:`branch`): the export stays a plain copy of
the reference project, and every variant is checked by rendering the template.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import PurePosixPath

from accelerator.template import tasks

PACKAGE = "{{ package_name }}"
WITH_TEST = "environments == 'dev-test-prod'"
WITH_ONLINE = "deployment != 'batch'"
WITH_BATCH = "deployment != 'online'"

# Files of one kind of deployment (paths relative to reference_impl/ or tests/reference_impl/):
# a project generated without that kind has none of them. Online scoring brings the serving
# code, the data collector and the Azure ML monitor that reads what it collected.
ONLINE_FILES = frozenset(
    {
        "commands/serve.py",
        "commands/rollback.py",
        "commands/_monitor_azureml.py",
        "scoring/score.py",
        "scoring/local_server.py",
        "scoring/server_settings.py",
        "scoring/collect.py",
        "scoring/collect_sink.py",
        "scoring/smoke_request.py",
        "azureml/online.py",
        "azureml/drift_check.py",
        "azureml/monitoring.py",
        "lifecycle/test_serving.py",
        "lifecycle/test_serving_load.py",
        "lifecycle/loopback_sockets.py",
        "lifecycle/test_collected_data.py",
        "scoring/test_server_settings.py",
        "azureml/test_http_deployment.py",
        "azureml/test_http_drift_check.py",
        "azureml/test_http_monitoring.py",
        "azureml/golden/deploy/online_endpoint.yml",
        "azureml/golden/deploy/online_deployment.yml",
    }
)
BATCH_FILES = frozenset(
    {
        "commands/batch_score.py",
        "scoring/batch_driver.py",
        "scoring/lake_io.py",
        "azureml/batch.py",
        "lifecycle/test_batch_scoring.py",
        "lifecycle/test_batch_parts.py",
        "azureml/test_http_batch_deployment.py",
        "azureml/golden/deploy/batch_endpoint.yml",
        "azureml/golden/deploy/batch_deployment.yml",
    }
)

_GITHUB_WORKFLOWS = {
    "lint-and-unit-tests.yml": "",
    "train-in-dev.yml": "",
    "promote.yml": "",
    "deploy.yml": "",
    "monitor.yml": WITH_ONLINE,
    "infrastructure.yml": "iac == 'bicep'",
    "infrastructure-terraform.yml": "iac == 'terraform'",
}
_ADO_PIPELINES = {
    "train-in-dev.yml": "",
    "promote.yml": "",
    "deploy.yml": "",
    "monitor.yml": WITH_ONLINE,
    "infrastructure.yml": "iac == 'bicep'",
    "templates/bicep-stage.yml": "iac == 'bicep'",
    "infrastructure-terraform.yml": "iac == 'terraform'",
    "templates/terraform-stage.yml": "iac == 'terraform'",
    "templates/terraform-install.yml": "iac == 'terraform'",
}


def when(condition: str, name: str) -> str:
    """A file or folder name that exists only when ``condition`` holds.

    Args:
        condition: A Jinja expression over the answers (empty: always).
        name: The name.

    Returns:
        ``name`` wrapped in ``{% if condition %}…{% endif %}``.
    """
    return f"{{% if {condition} %}}{name}{{% endif %}}" if condition else name


def _deployment_condition(rel: PurePosixPath) -> str:
    """The answer a file of one kind of deployment needs (empty: every project has it)."""
    if rel.as_posix() in ONLINE_FILES or rel.as_posix().startswith("azureml/golden/monitor/"):
        return WITH_ONLINE
    if rel.as_posix() in BATCH_FILES:
        return WITH_BATCH
    return ""


def _env_specific(name: str) -> bool:
    return bool(
        re.fullmatch(r"test\.yaml|main\.test\.parameters\.json|test\.(tfvars|backend\.hcl)", name)
    )


def package_target(rel: PurePosixPath | object) -> str:
    """The generated path of a file of the reference package.

    Args:
        rel: Path relative to ``reference_impl/``.

    Returns:
        ``{{ package_name }}/…``; the ``test`` environment's config only with that environment.
    """
    path = PurePosixPath(str(rel))
    name = when(WITH_TEST, path.name) if _env_specific(path.name) else path.name
    name = when(_deployment_condition(path), name)
    return str(PurePosixPath(PACKAGE, *path.parts[:-1], name))


def package_variant(rel: PurePosixPath | object) -> str:
    """Which answers change a package file's text.

    Args:
        rel: Path relative to ``reference_impl/``.

    Returns:
        The variant key for :func:`branch`: ``task:<name>`` for the data contract and the
        environment files (see :mod:`accelerator.template.tasks`), else ``""``.
    """
    path = PurePosixPath(str(rel))
    return f"task:{path.name}" if tasks.is_task_file(path) else ""


def sample_config_target(name: str) -> str:
    """Where a project keeps the sample configuration its lifecycle tests read.

    Every project has it, whatever its task: the tests were written for the binary sample, and
    ``config/`` is the team's to point at its own table and model.

    Args:
        name: A file name of :data:`~accelerator.template.tasks.CONFIG_FILES`.

    Returns:
        ``tests/sample_config/<name>``; the test environment's file only with that environment.
    """
    name = when(WITH_TEST, name) if _env_specific(name) else name
    return f"tests/{tasks.SAMPLE_CONFIG}/{name}"


def infra_target(rel: PurePosixPath | object) -> str:
    """The generated path of an IaC file.

    Args:
        rel: Path relative to ``reference_impl/infra/`` (``bicep/…`` or ``terraform/…``).

    Returns:
        ``infra/<language>/…`` behind the ``iac`` answer; the ``test`` environment's parameter
        and backend files only with that environment; empty for files that are not IaC.
    """
    path = PurePosixPath(str(rel))
    language = path.parts[0]
    if language not in {"bicep", "terraform"}:
        return ""
    name = when(WITH_TEST, path.name) if _env_specific(path.name) else path.name
    return str(
        PurePosixPath("infra", when(f"iac == '{language}'", language), *path.parts[1:-1], name)
    )


def cicd_targets(rel: PurePosixPath | object) -> list[str]:
    """The generated paths of a CI/CD file (none for the accelerator's own doc-test workflow).

    Args:
        rel: Path relative to ``reference_impl/cicd/``.

    Returns:
        Zero or one target path.
    """
    path = PurePosixPath(str(rel))
    system, inner = path.parts[0], PurePosixPath(*path.parts[1:]).as_posix()
    if system == "github":
        name = inner.removeprefix("workflows/")
        if name not in _GITHUB_WORKFLOWS:
            return []
        folder = when("ci == 'github'", ".github")
        return [f"{folder}/workflows/{when(_GITHUB_WORKFLOWS[name], name)}"]
    if system == "azure-devops":
        if inner == "lint-and-unit-tests.yml":
            return [when("ci == 'azure-devops'", "azure-pipelines.yml")]
        if inner not in _ADO_PIPELINES:
            return []
        folder = when("ci == 'azure-devops'", ".azure-pipelines")
        parent = PurePosixPath(inner).parent
        name = when(_ADO_PIPELINES[inner], PurePosixPath(inner).name)
        return [
            str(PurePosixPath(folder, parent, name)) if str(parent) != "." else f"{folder}/{name}"
        ]
    if system == "gates":
        return [f"infra/gates/{inner}"]
    if system == "uv-requirements.txt":  # uv pinned by hash for every pipeline
        return ["cicd/uv-requirements.txt"]
    return []


def tests_target(rel: PurePosixPath | object) -> str:
    """The generated path of a project test.

    Args:
        rel: Path relative to ``tests/reference_impl/``.

    Returns:
        ``tests/…``.
    """
    path = PurePosixPath(str(rel))
    name = when(_deployment_condition(path), path.name)
    return str(PurePosixPath("tests", *path.parts[:-1], name))


def tests_variant(_rel: object) -> str:
    """Which answers change a test's text (none today).

    Returns:
        The variant key for :func:`branch`.
    """
    return ""


def without_test_environment(text: str) -> str:
    """Remove the ``test`` environment from a CI/CD or IaC file (for ``dev-prod`` projects).

    Args:
        text: The file as it is in the reference project.

    Returns:
        The file without ``test`` stages, matrix entries, choices and the prose naming them.
    """
    text = text.replace("[dev, test, prod]", "[dev, prod]").replace("[test, prod]", "[prod]")
    text = re.sub(r"\n[ \t]*test: \{ target: test \}", "", text)
    text = re.sub(r"\n[ \t]*- template: [\w/.-]+\n[ \t]*parameters: \{ target: test \}", "", text)
    text = re.sub(r"\n[ \t]*test\) SOURCE=dev ;;", "", text)
    text = text.replace("prod) SOURCE=test ;;", "prod) SOURCE=dev ;;")
    for old, new in (
        ("dev, test and prod", "dev and prod"),
        ("dev, then test, then prod", "dev, then prod"),
        ("test, prod and the shared registry", "prod and the shared registry"),
        ("test and prod wait", "prod waits"),
        ("test is promoted from dev, prod from test", "prod is promoted from dev"),
        ("into test or prod", "into prod"),
    ):
        text = text.replace(old, new)
    return text


def choose(cases: list[tuple[str, str]]) -> str:
    """One Jinja ``if`` chain over whole-file variants (identical variants collapse).

    Args:
        cases: ``(condition, text)`` pairs; the last condition is the ``else``.

    Returns:
        The text, or the chain when the variants differ.
    """
    texts = [text for _, text in cases]
    if all(text == texts[0] for text in texts):
        return texts[0]
    parts = []
    for index, (condition, text) in enumerate(cases):
        if index == 0:
            parts.append(f"{{% if {condition} %}}{text}")
        elif index == len(cases) - 1:
            parts.append(f"{{% else %}}{text}")
        else:
            parts.append(f"{{% elif {condition} %}}{text}")
    return "".join(parts) + "{% endif %}"


def branch(variant: str, text: str, adapt: Callable[[str], str]) -> str:
    """Adapt ``text`` for every variant of the answers named by ``variant``.

    Args:
        variant: ``""`` (one text for all answers), ``"environments"`` or ``"task:<name>"``.
        text: The reference file's text.
        adapt: Turns reference text into template text.

    Returns:
        Template text.
    """
    if variant == "environments":
        return choose([(WITH_TEST, adapt(text)), ("", adapt(without_test_environment(text)))])
    if variant.startswith("task:"):
        regression = adapt(tasks.as_regression(variant.removeprefix("task:"), text))
        return choose([(tasks.REGRESSION, regression), ("", adapt(text))])
    return adapt(text)


def guidance_files() -> dict[str, str]:
    """The pull-request template and ``docs/branching.md``, rendered from the guidance data.

    Returns:
        Export path → template text.
    """
    from accelerator.template.guidance import branching_doc, pull_request_template

    shipped = {
        ("github", "bicep"): set(_GITHUB_WORKFLOWS) - {"infrastructure-terraform.yml"},
        ("github", "terraform"): set(_GITHUB_WORKFLOWS) - {"infrastructure.yml"},
        ("azure-devops", "bicep"): set(_ADO_PIPELINES) - {"infrastructure-terraform.yml"},
        ("azure-devops", "terraform"): set(_ADO_PIPELINES) - {"infrastructure.yml"},
    }
    cases = [
        (
            f"ci == '{ci}' and iac == '{iac}' and {online}",
            branching_doc({n.removesuffix(".yml") for n in names - drop}),
        )
        for (ci, iac), names in shipped.items()
        for online, drop in ((WITH_ONLINE, set()), ("deployment == 'batch'", {"monitor.yml"}))
    ]
    template = pull_request_template()
    github = when("ci == 'github'", ".github")
    azure_devops = when("ci == 'azure-devops'", ".azuredevops")
    return {
        "docs/branching.md.jinja": choose(cases),
        f"{github}/pull_request_template.md": template,
        f"{azure_devops}/pull_request_template.md": template,
    }
