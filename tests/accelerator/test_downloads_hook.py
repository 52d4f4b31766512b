import csv
import json

from accelerator.guidance.questionnaire import questionnaire_json
from accelerator.guidance.raci import raci, raci_csv
from tests.browser.site_pages import mkdocs_config
from tests.docs.chain import load_hook


def test_post_build_writes_both_downloads_from_the_guidance_data(tmp_path):
    load_hook("downloads").on_post_build({"site_dir": str(tmp_path)})
    folder = tmp_path / "assets" / "downloads"
    assert (folder / "raci.csv").read_text(encoding="utf-8") == raci_csv()
    assert (folder / "maturity-questionnaire.json").read_text(encoding="utf-8") == (
        questionnaire_json()
    )
    rows = list(csv.reader((folder / "raci.csv").open(encoding="utf-8")))
    assert len(rows) == 1 + len(raci())
    assert json.loads((folder / "maturity-questionnaire.json").read_text())["dimensions"]


def test_hook_is_registered_and_the_script_is_loaded_by_mkdocs():
    config = mkdocs_config()
    assert "docs/hooks/downloads.py" in config["hooks"]
    scripts = [s["path"] if isinstance(s, dict) else s for s in config["extra_javascript"]]
    assert "assets/javascripts/assess.js" in scripts
