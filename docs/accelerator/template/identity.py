"""The reference project's names, mapped to the template answers they derive from.

``reference_impl/config/project.yaml`` is the one place that names the reference project. Each of
its values has a Jinja expression over the answers in the root ``copier.yml``; the export writes
the identity file from those expressions and replaces the reference values everywhere else (test
fixtures, IaC parameters, CI/CD) by the same expressions, so a generated project carries its own
names only.
"""

from __future__ import annotations

import re

from reference_impl.config.project import ProjectIdentity, load_project

# --8<-- [start:identity-answers]
# Field of config/project.yaml → the answer (Jinja expression) it comes from.
EXPRESSIONS: dict[str, str] = {
    "name": "{{ project_slug }}",
    "title": "{{ project_name }}",
    "repository": "{{ repository }}",
    "model_name": "{{ model_name }}",
    "experiment": "{{ project_slug }}-training",
    "azureml.environment": "{{ project_slug }}-runtime",
    "azureml.component_prefix": "{{ package_name }}_",
    "azureml.training_data_asset": "{{ project_slug }}-data",
    "outputs.probability": "{{ package_name }}_probability",
    "outputs.decision": "{{ package_name }}_{{ 'prediction' if task == 'regression' else 'flag' }}",
    "card.owner": "the team that owns {{ repository }}",
    "card.intended_use": "Not written yet; say who acts on the predictions and for which decision",
}
# --8<-- [end:identity-answers]

# ``deployments`` (a list) from the ``deployment`` answer (online, batch or both).
DEPLOYMENTS = "{{ {'online': '[online]', 'batch': '[batch]'}.get(deployment, '[online, batch]') }}"


def _value(project: ProjectIdentity, field: str) -> str:
    value: object = project
    for part in field.split("."):
        value = getattr(value, part)
    return str(value)


def identity_substitutions(
    project: ProjectIdentity | None = None,
) -> list[tuple[re.Pattern[str], str]]:
    """Patterns that find the reference project's names in a file, with their replacements.

    Longer names come first, so ``churn-training`` is replaced before ``churn``. A name is only
    matched as a whole token (not inside a longer word such as a column name), except a
    prefix, which is followed by the rest of a name.

    Args:
        project: The reference identity (defaults to ``config/project.yaml``).

    Returns:
        ``(pattern, expression)`` pairs, longest name first.
    """
    project = project or load_project()
    pairs = {_value(project, field): expr for field, expr in EXPRESSIONS.items()}
    owner_and_name = project.repository.split("/", 1)[1]
    pairs.setdefault(owner_and_name, "{{ repository.split('/')[1] }}")
    ordered = sorted(pairs.items(), key=lambda item: -len(item[0]))
    # A prefix (``churn_``) is followed by a step name; any other name ends at a non-word one.
    return [
        (
            re.compile(
                rf"(?<![A-Za-z0-9_]){re.escape(value)}"
                + ("" if value.endswith("_") else r"(?![A-Za-z0-9_])")
            ),
            expr,
        )
        for value, expr in ordered
        if value
    ]


def project_yaml_template(project: ProjectIdentity | None = None) -> str:
    """The template of ``config/project.yaml``: the reference file with its values as answers.

    Args:
        project: The reference identity (defaults to ``config/project.yaml``).

    Returns:
        Template text; the title is written as a JSON (hence YAML) string.
    """
    from reference_impl.config.project import PROJECT_FILE

    project = project or load_project()
    text = PROJECT_FILE.read_text(encoding="utf-8")
    for field, expression in EXPRESSIONS.items():
        key = field.rsplit(".", 1)[-1]
        value = _value(project, field)
        if field == "title":
            expression = "{{ project_name | tojson }}"
        pattern = re.compile(rf"^(\s*{re.escape(key)}:\s*){re.escape(value)}(\s|$)", re.M)
        text, count = pattern.subn(lambda m, e=expression: m.group(1) + e + m.group(2), text)
        if count != 1:
            raise ValueError(f"config/project.yaml: cannot find {field} = {value!r} exactly once")
    listed = "[" + ", ".join(project.deployments) + "]"
    text, count = re.subn(
        rf"^(deployments:\s*){re.escape(listed)}", r"\g<1>" + DEPLOYMENTS, text, flags=re.M
    )
    if count != 1:
        raise ValueError(f"config/project.yaml: cannot find deployments = {listed} exactly once")
    return text
