"""The gate's config: where it is found, what it means, and one clear error naming any bad key."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.errors import ConfigError
from checker.gate.config import find_config, load_config
from checker.model import Severity
from tests.conftest import GATE_REPO

REPO = GATE_REPO

MAPPING = """
[[tool.transcheck.mapping]]
source = "docs/en/{path}.md"
translation = "docs/{lang}/{path}.md"
languages = ["zh", "ja"]
"""


def _pyproject(tmp_path: Path, body: str, mapping: str = MAPPING) -> Path:
    path = tmp_path / "pyproject.toml"
    path.write_text("[project]\nname = 'docs'\n\n[tool.transcheck]\n" + body + "\n" + mapping, encoding="utf-8")
    return path


def test_fixture_config_reads_every_setting():
    config = load_config(REPO / "transcheck.toml")
    assert config.root == REPO
    assert config.source_lang == "en" and config.fail_on is Severity.MAJOR
    assert [m.source for m in config.mappings] == ["docs/en/{path}.md", "locales/en.json"]
    assert config.mappings[1].languages == ("zh-CN",)
    assert config.exclude == ("docs/en/drafts/**",)


def test_pyproject_settings_become_runner_options(tmp_path: Path):
    (tmp_path / "terms.csv").write_text("en,zh\nKestrel,Kestrel\n", encoding="utf-8")
    config = load_config(_pyproject(tmp_path, """
fail-on = "none"
select = ["number", "term"]
ignore = "term-inconsistency"
glossary = "terms.csv"
per-file-ignores = { "docs/ja/**" = ["spelling"] }
[tool.transcheck.severity]
term-drift = "minor"
"""))
    assert config.fail_on is None
    assert config.per_file_ignores == {"docs/ja/**": ("spelling",)}
    options = config.options(config.mappings[0], "ja")
    assert options.select == ("number", "term") and options.ignore == ("term-inconsistency",)
    assert options.severity == {"term-drift": Severity.MINOR}
    assert options.target_lang == "ja" and options.fail_on is None
    assert options.glossary == str(tmp_path / "terms.csv")


def test_find_config_walks_up_and_skips_pyproject_without_section(tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'x'\n", encoding="utf-8")
    deep = tmp_path / "docs" / "en"
    deep.mkdir(parents=True)
    assert find_config(deep) is None
    _pyproject(tmp_path, "")
    assert find_config(deep) == tmp_path / "pyproject.toml"
    (tmp_path / "docs" / "transcheck.toml").write_text(MAPPING.replace("tool.transcheck.", ""), encoding="utf-8")
    assert find_config(deep) == tmp_path / "docs" / "transcheck.toml"


@pytest.mark.parametrize("body, mapping, key", [
    ("fail_on = 'major'", MAPPING, "tool.transcheck.fail_on"),
    ("fail-on = 'high'", MAPPING, "tool.transcheck.fail-on"),
    ("split = 'words'", MAPPING, "tool.transcheck.split"),
    ("stale-threshold = 2", MAPPING, "tool.transcheck.stale-threshold"),
    ("jobs = 0", MAPPING, "tool.transcheck.jobs"),
    ("fuzzy = 'maybe'", MAPPING, "tool.transcheck.fuzzy"),
    ("ignore = [1]", MAPPING, "tool.transcheck.ignore"),
    ("glossary = 'missing.csv'", MAPPING, "tool.transcheck.glossary"),
    ("per-file-ignores = { 'a/**' = 'spelling' }", MAPPING, "tool.transcheck.per-file-ignores"),
    ("[tool.transcheck.severity]\nterm-drift = 'high'", MAPPING, "tool.transcheck.severity.term-drift"),
    ("", "", "tool.transcheck.mapping"),
    ("", MAPPING.replace('languages = ["zh", "ja"]', "languages = []"), "mapping[0].languages"),
    ("", MAPPING.replace("{lang}", "zh"), "mapping[0].translation"),  # two languages, one path
    ("", MAPPING.replace('"docs/en/{path}.md"', '"docs/{lang}/{path}.md"'), "mapping[0].source"),
    ("", MAPPING.replace('"docs/en/{path}.md"', '"docs/en/{name}.md"'), "mapping[0].source"),
    ("", MAPPING.replace('"docs/en/{path}.md"', '"../en/{path}.md"'), "mapping[0].source"),
    ("", MAPPING.replace('"docs/en/{path}.md"', '"docs/en/index.md"'), "mapping[0].translation"),
    ("", MAPPING + "root = 'docs'\n", "mapping[0].root"),
    ("", MAPPING + "format = 'docx2'\n", "mapping[0].format"),
])
def test_invalid_config_names_the_key(tmp_path: Path, body: str, mapping: str, key: str):
    with pytest.raises(ConfigError) as err:
        load_config(_pyproject(tmp_path, body, mapping))
    assert key in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("body, mapping", [
    ("fail-on = 'none'", MAPPING),
    ("stale-threshold = 1", MAPPING),
    ("fuzzy = 'check'", MAPPING),
    ("ignore = 'spelling'", MAPPING),
    ("", MAPPING.replace('languages = ["zh", "ja"]', 'languages = "zh"')),
    ("", MAPPING + "split = 'paragraphs'\n"),
])
def test_valid_variants_are_accepted(tmp_path: Path, body: str, mapping: str):
    load_config(_pyproject(tmp_path, body, mapping))


def test_broken_toml_and_missing_file_are_config_errors(tmp_path: Path):
    broken = tmp_path / "transcheck.toml"
    broken.write_text("[[mapping]\nsource = 1\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(broken)
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "nope.toml")
    plain = tmp_path / "pyproject.toml"
    plain.write_text("[project]\nname = 'x'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"no \[tool.transcheck\]"):
        load_config(plain)


def test_fuzzy_setting_reaches_the_runner_options(tmp_path: Path):
    config = load_config(_pyproject(tmp_path, "fuzzy = 'check'", MAPPING))
    assert config.options().fuzzy == "check"
