"""The search settings ``mkdocs.yml`` writes out are the ones Material would look up itself."""

from __future__ import annotations

import re

from mkdocs.config import load_config

from tests.docs import chain


def test_the_written_out_search_settings_are_materials_for_the_site_language():
    config = load_config(str(chain.ROOT / "mkdocs.yml"))
    search = config.plugins["material/search"].config
    language = config.theme.get_env().get_template(
        "partials/language.html", None, {"config": config}
    )
    translate = language.module.t  # how Material's search plugin fills an empty setting
    assert search.lang == [translate("search.config.lang")]
    assert search.separator == translate("search.config.separator")
    pipeline = re.split(r"\s*,\s*", translate("search.config.pipeline"))
    assert search.pipeline == [step for step in pipeline if step]
