"""MkDocs hook: write downloadable files, generated from the guidance data, into the site.

After every build it writes

* ``assets/downloads/raci.csv`` — the RACI matrix, for a spreadsheet;
* ``assets/downloads/maturity-questionnaire.json`` — the self-assessment questionnaire,
  which the interactive self-assessment page fetches.

Both come from the same functions the pages and the command line use, so a download can
never disagree with the page that links to it.
"""

from __future__ import annotations

from pathlib import Path

from accelerator.guidance.questionnaire import questionnaire_json
from accelerator.guidance.raci import raci_csv

DOWNLOADS = "assets/downloads"
FILES = {
    "raci.csv": raci_csv,
    "maturity-questionnaire.json": questionnaire_json,
}


def write_downloads(site_dir: Path) -> list[Path]:
    """Write every download into ``site_dir``.

    Args:
        site_dir: The built site's folder.

    Returns:
        The files written.
    """
    folder = Path(site_dir) / DOWNLOADS
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, render in FILES.items():
        path = folder / name
        path.write_text(render(), encoding="utf-8")
        written.append(path)
    return written


def on_post_build(config, **_kwargs) -> None:
    """MkDocs ``on_post_build`` event."""
    write_downloads(Path(config["site_dir"]))
