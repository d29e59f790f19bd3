"""The report's signature says whether the prior dictionary (CC-CEDICT) was used, so that two
reports are compared knowing whether both had it."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.pipeline.run import compare
from tests.test_gate import FakeEncoder

EN = "The cache is cleared every night. You can change this schedule in the settings.\n"
TRANSLATIONS = {
    "zh": "缓存每晚清除。你可以在设置中更改这个时间表。\n",
    "de": "Der Cache wird jede Nacht geleert. Sie können diesen Zeitplan in den Einstellungen ändern.\n",
}


def _signature(tmp_path: Path, lang: str) -> str:
    (tmp_path / "en.txt").write_text(EN, encoding="utf-8")
    (tmp_path / f"{lang}.txt").write_text(TRANSLATIONS[lang], encoding="utf-8")
    report = compare(tmp_path / "en.txt", [tmp_path / f"{lang}.txt"], encoder=FakeEncoder())
    return report.tool.signature


def _fields(signature: str) -> dict[str, str]:
    return dict(part.split(":", 1) for part in signature.split("|"))


@pytest.mark.parametrize(("lang", "prior"), [("zh", "cedict"), ("de", "none")])
def test_the_signature_names_the_dictionary_of_the_language_pair(tmp_path: Path, lang: str, prior: str):
    assert _fields(_signature(tmp_path, lang))["prior"] == prior


def test_without_the_dictionary_installed_english_to_chinese_runs_and_says_so(tmp_path: Path, monkeypatch):
    from checker.text.lexicon import cedict

    with_it = _signature(tmp_path, "zh")
    monkeypatch.setattr(cedict, "data_file", lambda: tmp_path / "not-installed" / "cedict.txt")
    without = _signature(tmp_path, "zh")
    assert _fields(without)["prior"] == "none"
    # the two reports differ in that field alone
    assert {k: v for k, v in _fields(with_it).items() if k != "prior"} == {
        k: v for k, v in _fields(without).items() if k != "prior"
    }


def test_the_older_fields_keep_their_place(tmp_path: Path):
    keys = list(_fields(_signature(tmp_path, "zh")))
    assert keys[:8] == ["transcheck", "model", "split", "align", "select", "ignore", "glossary", "fail-on"]
    assert "prior" in keys[8:]
