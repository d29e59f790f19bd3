"""XLIFF 1.2 and 2.0 and TMX: units paired by the file, inline markup kept, XML parsed safely."""

import subprocess
import sys
from pathlib import Path

import pytest

from checker.errors import InputError
from checker.model import Role
from checker.readers import Bilingual, format_of, read

DATA = Path(__file__).parent / "data" / "formats"


def _read(name: str, **kwargs) -> Bilingual:
    result = read(DATA / name, doc_id="d0", role=Role.SOURCE, **kwargs)
    assert isinstance(result, Bilingual)
    return result


def _pairs(b: Bilingual) -> dict[str, str | None]:
    return {b.source.segments[link.source[0]].key or "": b.target.text_of(link.target) if link.target else None
            for link in b.alignment.links}


@pytest.mark.parametrize(("name", "fmt"), [("ui-1.2.xlf", "xliff"), ("ui-2.0.xlf", "xliff"),
                                           ("memory.tmx", "tmx")])
def test_suffix_picks_the_reader(name: str, fmt: str) -> None:
    assert format_of(DATA / name) == fmt


def test_xliff_1_2_units_inline_tags_and_languages() -> None:
    b = _read("ui-1.2.xlf")
    assert (b.source.lang, b.target.lang) == ("en", "zh-CN")
    pairs = _pairs(b)
    assert pairs["save"] == "点击<g id=\"1\">保存</g>以保留更改。"
    src = {s.key: s.text for s in b.source.segments}
    assert src["save"] == 'Click <g id="1">Save</g> to keep <x id="2"/> changes.'
    assert pairs["greet"] == "你好，{name}！"  # inside a <group>
    assert pairs["todo"] is None  # no <target>: an omission
    assert "logo" not in pairs  # translate="no"


def test_xliff_2_0_segments_are_keyed_by_unit_and_segment() -> None:
    b = _read("ui-2.0.xlf")
    assert (b.source.lang, b.target.lang) == ("en", "zh-CN")
    pairs = _pairs(b)
    assert pairs["u1/s1"] == '按<pc id="1">回车</pc>继续。'
    assert pairs["u1/s2"] == "您有新消息。"
    assert pairs["u2"] == "{count, plural, other {# 个文件}}"


def test_xliff_positions_point_into_the_file() -> None:
    b = _read("ui-1.2.xlf")
    lines = (DATA / "ui-1.2.xlf").read_text(encoding="utf-8").split("\n")
    for doc in (b.source, b.target):
        for seg in doc.segments:
            assert lines[seg.line - 1][seg.column - 1:].startswith(seg.text[:6])


def test_tmx_pairs_source_and_target_languages() -> None:
    b = _read("memory.tmx")
    assert (b.source.lang, b.target.lang) == ("en-US", "zh-CN")
    pairs = _pairs(b)
    assert pairs["1"] == "文件 %s 已保存。"
    assert pairs["3"] is None
    src = {s.key: s.text for s in b.source.segments}
    # Native codes stay escaped, as in the file: only <bpt>/<ept> are tags.
    assert src["2"] == 'Press <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept>.'


def test_tmx_source_language_option_wins(tmp_path: Path) -> None:
    b = _read("memory.tmx", lang="zh-CN")
    assert b.source.lang == "zh-CN" and b.target.lang == "en-US"
    assert b.source.segments[0].text == "文件 %s 已保存。"


MULTILINGUAL = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" adminlang="en" segtype="sentence" datatype="plaintext"
 creationtool="demo" creationtoolversion="1" o-tmf="none"/><body>
<tu tuid="a"><tuv xml:lang="en"><seg>Save the file.</seg></tuv><tuv xml:lang="zh-CN"><seg>保存文件。</seg></tuv>
<tuv xml:lang="ja"><seg>ファイルを保存します。</seg></tuv></tu>
<tu tuid="b"><tuv xml:lang="en"><seg>Open 3 files.</seg></tuv><tuv xml:lang="ja"><seg>3 つのファイルを開きます。</seg></tuv></tu>
</body></tmx>
"""


@pytest.mark.parametrize(
    ("target_lang", "lang", "pairs"),
    [
        (None, "zh-CN", {"a": "保存文件。", "b": None}),  # the first other language
        ("ja", "ja", {"a": "ファイルを保存します。", "b": "3 つのファイルを開きます。"}),
        ("JA", "ja", {"a": "ファイルを保存します。", "b": "3 つのファイルを開きます。"}),
        ("zh", "zh-CN", {"a": "保存文件。", "b": None}),  # a language without its region
    ],
)
def test_a_memory_of_several_languages_is_checked_in_the_one_asked_for(
        tmp_path: Path, target_lang: str | None, lang: str, pairs: dict) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(MULTILINGUAL, encoding="utf-8")
    b = read(path, doc_id="d0", role=Role.SOURCE, target_lang=target_lang)
    assert isinstance(b, Bilingual) and b.target.lang == lang and _pairs(b) == pairs


def test_a_language_the_memory_lacks_is_one_line_naming_those_it_has(tmp_path: Path) -> None:
    path = tmp_path / "memory.tmx"
    path.write_text(MULTILINGUAL, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "checker", "compare", str(path), "--target-lang", "fr"],
                          capture_output=True, text=True)
    assert done.returncode == 2
    assert done.stderr.strip() == f"transcheck: error: {path}: no <tuv> in fr; the memory's languages are en, zh-CN, ja"


@pytest.mark.parametrize(
    ("name", "needle"),
    [
        ("malformed.xlf", r"malformed\.xlf: malformed XML at line 4: .*mismatch"),
        ("bomb.xlf", r"bomb\.xlf: malformed XML at line 3: entity declarations are not allowed"),
    ],
)
def test_unsafe_or_malformed_xml_is_refused_naming_the_line(name: str, needle: str) -> None:
    with pytest.raises(InputError, match=needle):
        read(DATA / name, doc_id="d0", role=Role.SOURCE)


def test_external_dtd_is_never_fetched(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_network(*args, **kwargs):
        raise AssertionError("the XML reader tried to open a connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket.socket, "connect", no_network)
    b = _read("external.xlf")
    assert b.source.segments[0].text == "Hello &ext;"  # left unexpanded, nothing fetched


def test_a_tmx_file_given_as_xliff_says_what_it_is() -> None:
    with pytest.raises(InputError, match="not an XLIFF file.*<tmx>"):
        read(DATA / "memory.tmx", doc_id="d0", role=Role.SOURCE, format="xliff")


def test_utf16_xliff_is_read(tmp_path: Path) -> None:
    text = (DATA / "ui-1.2.xlf").read_text(encoding="utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    path = tmp_path / "utf16.xlf"
    path.write_bytes(text.encode("utf-16"))
    assert _pairs(read(path, doc_id="d0", role=Role.SOURCE))["greet"] == "你好，{name}！"  # type: ignore[arg-type]


def test_cli_malformed_xml_is_one_line_and_exit_2() -> None:
    result = subprocess.run([sys.executable, "-m", "checker", "compare", str(DATA / "malformed.xlf"),
                             str(DATA / "malformed.xlf")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "malformed.xlf" in lines[0] and "line 4" in lines[0]


# ------------------------------------------------------------------ a big file, streamed
REALWORLD = Path(__file__).parent / "data" / "realworld"
XLIFF_CASES = {
    "1.2": DATA / "ui-1.2.xlf",
    "2.0": DATA / "ui-2.0.xlf",
    "rclone": REALWORLD / "rclone-xliff" / "messages.zh-CN.xlf",
    "external DTD": DATA / "external.xlf",  # never fetched; the entity reference kept as written
    "two files": """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file original="a.html" source-language="en"><body>
<trans-unit id="t"><source>Open 5 files</source><target>打开 6 个文件</target></trans-unit>
<trans-unit><source>No id</source></trans-unit>
</body></file>
<file original="b.html" target-language="zh-CN"><body><group>
<trans-unit id="t" translate="no"><source>Skip</source><target>跳过</target></trans-unit>
<trans-unit resname="r"><source>Save <x id="1"/></source><target>保存</target></trans-unit>
<trans-unit id="n"><target>no source</target></trans-unit></group>
</body></file></xliff>
""",
    "2.0 segments": """<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="zh">
<file id="f1"><unit id="u1"><segment id="s1"><source>One.</source><target>一。</target></segment>
<segment><source>Two.</source></segment></unit></file>
<file id="f2"><group id="g"><unit><segment><source>Three <pc id="1">bold</pc>.</source>
<target>三<pc id="1">粗</pc>。</target></segment></unit></group></file></xliff>
""",
}


@pytest.mark.parametrize("case", XLIFF_CASES, ids=str)
def test_a_streamed_xliff_reads_as_the_whole_tree(case: str, tmp_path: Path, monkeypatch) -> None:
    from checker.readers import xliff, xml

    source = XLIFF_CASES[case]
    path = source if isinstance(source, Path) else tmp_path / "m.xlf"
    if not isinstance(source, Path):
        path.write_text(source, encoding="utf-8")
    whole = xliff.read(path, doc_id="d0", role=Role.SOURCE)
    monkeypatch.setattr(xml, "STREAM_BYTES", 0)
    assert xml.streamable(path)
    streamed = xliff.read(path, doc_id="d0", role=Role.SOURCE)
    assert streamed == whole
    assert whole.alignment.links


@pytest.mark.parametrize(("name", "problem"), [
    ("bomb.xlf", "entity declarations are not allowed"),
    ("malformed.xlf", "malformed XML at line"),
])
def test_a_streamed_xliff_refuses_what_the_tree_reader_refuses(name: str, problem: str, monkeypatch) -> None:
    from checker.readers import xliff, xml

    with pytest.raises(InputError, match=problem) as whole:
        xliff.read(DATA / name, doc_id="d0", role=Role.SOURCE)
    monkeypatch.setattr(xml, "STREAM_BYTES", 0)
    with pytest.raises(InputError) as streamed:
        xliff.read(DATA / name, doc_id="d0", role=Role.SOURCE)
    assert str(streamed.value) == str(whole.value)
