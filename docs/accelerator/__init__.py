"""The accelerator's own tooling — everything in this repository that a team does *not* copy.

* :mod:`accelerator.guidance`: the guidance data (``guidance/data/*.yaml``) and the decision
  functions the site's pages render;
* :mod:`accelerator.infra`: generators of the role assignments and tables of the reference IaC;
* :mod:`accelerator.template`: the export of the reference project into the copier template;
* :mod:`accelerator.commands`: ``assess`` and ``new-project`` (``python -m accelerator``).

It may import the reference project (:mod:`reference_impl`); the reference project never imports
it, so the project a team generates holds none of it.
"""

from __future__ import annotations

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
"""The repository's root folder."""
PROJECT_DIR = REPO_ROOT / "reference_impl"
"""The reference project's package folder: the part of the repository a team copies."""
