"""Lighthouse scores of the built site: home page and three chapters, mobile and desktop.

Run: ``.venv/bin/python benchmarks/lighthouse.py`` (or ``python3 .ci/dev.py run python
benchmarks/lighthouse.py``). It builds the site strictly, serves it on 127.0.0.1 under the path of
``site_url`` (as GitHub Pages would), installs the npm ``lighthouse`` package into ``.cache/node``
on first use and drives Debian's Chromium (``CHROME_PATH``, default ``/usr/bin/chromium``). Prints
the four category scores and the transfer size of each page. Offline: no request leaves the machine.

Lighthouse's mobile performance score moves by a few hundredths from run to run on a busy
two-core machine, so each page is audited ``--runs`` times (default 3) and the median run (by
performance) is printed, with the lowest performance score seen beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.site_pages import mkdocs_config  # noqa: E402
from tests.conftest import CHROMIUM_ARGS, mkdocs_build  # noqa: E402
from tests.site_server import serve_site  # noqa: E402

LIGHTHOUSE_VERSION = "13.5.0"
NODE_DIR = ROOT / ".cache" / "node"
PAGES = ["", "people/raci/", "process/branching/", "technology/compute-selection/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]


def lighthouse_bin() -> Path:
    """Return the lighthouse CLI, installing the pinned npm package on first use."""
    binary = NODE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        npm = shutil.which("npm")
        if npm is None:
            sys.exit("npm is needed to install lighthouse")
        subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(NODE_DIR),
                "--no-audit",
                "--no-fund",
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            check=True,
        )
    return binary


def audit(binary: Path, url: str, preset: str, out: Path) -> dict:
    """Run Lighthouse once and return its JSON report."""
    cmd = [
        str(binary),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(CHROMIUM_ARGS)}",
    ]
    if preset == "desktop":
        cmd.append("--preset=desktop")
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    subprocess.run(cmd, check=True, env=env, capture_output=True)
    return json.loads(out.read_text())


def main(argv: list[str] | None = None) -> None:
    """Build, serve and audit; print one row per page and form factor."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", nargs="*", default=PAGES, help="paths under the site root")
    parser.add_argument("--runs", type=int, default=3, help="audits per page and form factor")
    args = parser.parse_args(argv)
    binary = lighthouse_bin()
    with tempfile.TemporaryDirectory() as tmp:
        site_dir = Path(tmp) / "site"
        built = mkdocs_build(ROOT / "mkdocs.yml", site_dir)
        if built.returncode != 0:
            sys.exit(built.stderr[-2000:])
        prefix = urlsplit(mkdocs_config()["site_url"]).path or "/"
        header = (
            f"{'page':<32} {'form':<8} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5} {'KiB':>7}"
            f" {'min perf':>9}"
        )
        print(header)
        print("-" * len(header))
        with serve_site(site_dir, prefix) as base:
            for path in args.pages:
                for preset in ("mobile", "desktop"):
                    reports = [
                        audit(binary, base + path, preset, Path(tmp) / "report.json")
                        for _ in range(args.runs)
                    ]
                    perf = [r["categories"]["performance"]["score"] for r in reports]
                    report = reports[perf.index(statistics.median_low(perf))]
                    scores = [report["categories"][c]["score"] for c in CATEGORIES]
                    kib = report["audits"]["total-byte-weight"]["numericValue"] / 1024
                    cells = " ".join(f"{s:>5.2f}" for s in scores)
                    print(f"{'/' + path:<32} {preset:<8} {cells} {kib:>7.0f} {min(perf):>9.2f}")


if __name__ == "__main__":
    main()
