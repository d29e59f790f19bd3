"""The distributed engine (``checker.engine``): the same findings as one process, shard by shard,
on a real 2-worker Dask cluster on loopback, and when a worker dies mid-run."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

from checker.engine import EngineError, Serial, open_engine
from checker.engine import compare as engine_compare
from checker.engine.stream import FindingStream
from checker.gate import run_gate
from checker.gate.config import load_config
from checker.pipeline.run import Options, compare
from checker.reporters.json import finding_to_dict
from tests.test_gate import FakeEncoder

ROOT = Path(__file__).parent.parent
DATA = ROOT / "tests" / "data" / "formats"
REALWORLD = ROOT / "tests" / "data" / "realworld"

BILINGUAL = [
    DATA / "messages.po", DATA / "memory.tmx", DATA / "ui-1.2.xlf", DATA / "ui-2.0.xlf",
    REALWORLD / "sphinx-po" / "sphinx.po", REALWORLD / "rclone-xliff" / "messages.zh-CN.xlf",
]


def _same(a, b) -> None:
    """Two reports agree in findings (content, fingerprints, order), documents and alignments."""
    assert [finding_to_dict(f) for f in b.findings] == [finding_to_dict(f) for f in a.findings]
    assert b.documents == a.documents
    assert b.alignments == a.alignments
    assert b.tool == a.tool


@pytest.mark.parametrize("path", BILINGUAL, ids=lambda p: p.name)
@pytest.mark.parametrize("shard_units", [1, 3, 50])
def test_shards_give_the_single_process_report(path: Path, shard_units: int):
    local = compare(path, [], Options(), encoder=FakeEncoder())
    sharded = engine_compare(path, [], Options(), engine=Serial(), spec=FakeEncoder, shard_units=shard_units)
    _same(local, sharded)


def test_the_client_embeds_in_tasks_of_a_bounded_size(monkeypatch):
    """A check in the client that embeds a sentence of every unit sends them in batches, so no
    worker ever holds the whole memory's texts; the vectors and the report are the same."""
    from checker.engine import run

    asked: list[int] = []

    class Counted(FakeEncoder):
        def encode(self, texts, progress=None):
            asked.append(len(texts))
            return super().encode(texts)

    texts = [f"sentence number {k}" for k in range(7)]
    monkeypatch.setattr(run, "ENCODE_BATCH", 3)
    vectors = run.ClusterEncoder(Serial(), Counted, "fake").encode(texts)
    assert asked == [3, 3, 1]
    assert np.array_equal(vectors, FakeEncoder().encode(texts))
    path = REALWORLD / "sphinx-po" / "sphinx.po"
    _same(compare(path, [], Options(), encoder=FakeEncoder()),
          engine_compare(path, [], Options(), engine=Serial(), spec=FakeEncoder, shard_units=50))


def test_selection_and_severity_overrides_apply_to_shard_findings():
    from checker.model import Severity

    options = Options(ignore=("spelling",), severity={"placeholder-mismatch": Severity.MINOR})
    local = compare(DATA / "messages.po", [], options, encoder=FakeEncoder())
    sharded = engine_compare(DATA / "messages.po", [], options, engine=Serial(), spec=FakeEncoder, shard_units=2)
    _same(local, sharded)
    assert any(f.check == "placeholder-mismatch" and f.severity is Severity.MINOR for f in sharded.findings)


def test_jsonl_stream_holds_every_finding_of_the_report_once():
    lines: list[str] = []
    stream = FindingStream(lines.append)
    report = engine_compare(DATA / "messages.po", [], Options(), engine=Serial(), spec=FakeEncoder,
                            shard_units=1, stream=stream)
    streamed = [json.loads(line) for line in lines]
    assert len(streamed) == len(report.findings) > 0
    by_print = {f["fingerprint"]: f for f in streamed}
    assert by_print == {f.fingerprint: finding_to_dict(f) for f in report.findings}


# ------------------------------------------------------------------ a real cluster on loopback

@pytest.fixture(scope="module")
def cluster():
    """Two worker processes on loopback; they import ``tests`` as the client does."""
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
    engine = open_engine("dask", workers=2)
    assert engine.workers == 2
    yield engine
    engine.close()


def test_two_workers_give_the_single_process_report_of_a_memory(cluster):
    path = DATA / "memory.tmx"
    local = compare(path, [], Options(), encoder=FakeEncoder())
    _same(local, engine_compare(path, [], Options(), engine=cluster, spec=FakeEncoder, shard_units=2))


def test_two_workers_give_the_single_process_reports_of_a_repository(cluster, repo: Path):
    config = load_config(repo / "transcheck.toml")
    local = run_gate(config, encoder=FakeEncoder())
    remote = run_gate(config, encoder=FakeEncoder(), engine=cluster, spec=FakeEncoder)
    assert len(remote.reports) == len(local.reports) > 1
    for a, b in zip(local.reports, remote.reports):
        assert [finding_to_dict(f) for f in b.findings] == [finding_to_dict(f) for f in a.findings]
    assert remote.findings


@dataclass(frozen=True)
class DiesOnce:
    """An encoder whose worker process dies the first time it embeds (the marker file says so)."""

    marker: str

    def __call__(self):
        return _Dying(self.marker)


class _Dying(FakeEncoder):
    def __init__(self, marker: str) -> None:
        super().__init__()
        self.marker = Path(marker)

    def encode(self, texts, progress=None):
        if not self.marker.exists():
            self.marker.write_text("died")
            os._exit(1)  # as the OOM killer would: no exception, no cleanup
        return super().encode(texts)


@dataclass(frozen=True)
class AlwaysDies:
    def __call__(self):
        return _AlwaysDying()


class _AlwaysDying(FakeEncoder):
    def encode(self, texts, progress=None):
        os._exit(1)


def test_a_shard_whose_worker_dies_is_run_again(cluster, tmp_path: Path):
    path = DATA / "memory.tmx"
    local = compare(path, [], Options(), encoder=FakeEncoder())
    remote = engine_compare(path, [], Options(), engine=cluster, spec=DiesOnce(str(tmp_path / "died")), shard_units=2)
    assert (tmp_path / "died").exists()
    _same(local, remote)


def test_a_shard_that_keeps_killing_workers_stops_the_run():
    import dask

    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        engine = open_engine("dask", workers=1)
    try:
        with pytest.raises(EngineError, match="killed the Dask workers"):
            engine_compare(DATA / "memory.tmx", [], Options(), engine=engine, spec=AlwaysDies())
    finally:
        engine.close()


def test_cli_engine_options_need_dask(tmp_path: Path):
    from typer.testing import CliRunner

    from checker.cli import app

    result = CliRunner().invoke(app, ["compare", str(DATA / "memory.tmx"), "--workers", "2"])
    assert result.exit_code != 0
    assert "--engine dask" in str(result.exception) + result.output


# ------------------------------------------------------------------ streaming a big memory

TMX_CASES = {
    "plain": DATA / "memory.tmx",
    "all-langs": """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="*all*" datatype="plaintext"/><body>
<tu><note>no tuv</note></tu>
<tu tuid="a"><tuv xml:lang="en-US"><seg>Open <bpt i="1">&lt;b&gt;</bpt>5<ept i="1">&lt;/b&gt;</ept> files</seg></tuv>
<tuv xml:lang="de"><seg>Öffne 5 Dateien</seg></tuv><tuv xml:lang="zh-CN"><seg>打开 6 个文件</seg></tuv></tu>
<tu><tuv xml:lang="en-US"><seg>Only English here, at 10:30.</seg></tuv></tu>
<tu tuid="c"><tuv xml:lang="zh-CN"><seg>只有中文</seg></tuv></tu>
<tu tuid="d"><tuv xml:lang="en-US"><seg>Save %s now</seg></tuv><tuv xml:lang="zh-CN"><seg>现在保存</seg></tuv></tu>
</body></tmx>
""",
}


@pytest.mark.parametrize("target_lang", [None, "zh", "de"])
@pytest.mark.parametrize("case", TMX_CASES, ids=str)
def test_a_streamed_memory_reads_as_the_whole_tree(case: str, target_lang, tmp_path: Path, monkeypatch):
    from checker.errors import InputError
    from checker.model import Role
    from checker.readers import tmx, xml

    source = TMX_CASES[case]
    path = source if isinstance(source, Path) else tmp_path / "m.tmx"
    if not isinstance(source, Path):
        path.write_text(source, encoding="utf-8")
    def outcome():
        try:
            return tmx.read(path, doc_id="d0", role=Role.SOURCE, target_lang=target_lang)
        except InputError as err:  # a language the memory lacks: the same error either way
            return str(err)

    whole = outcome()
    monkeypatch.setattr(xml, "STREAM_BYTES", 0)
    assert xml.streamable(path)
    assert outcome() == whole


@pytest.mark.parametrize("text, problem", [
    ('<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY x "boom">]>\n<tmx><body/></tmx>',
     "malformed XML at line 2: entity declarations are not allowed"),
    ('<?xml version="1.0"?>\n<tmx><header srclang="en"/><body>\n<tu><tuv xml:lang="en"><seg>a</tuv></tu>\n</body></tmx>',
     "malformed XML at line 3"),
    ('<?xml version="1.0"?>\n<xliff/>', "not a TMX file (the root element is <xliff>)"),
])
def test_a_streamed_memory_refuses_what_the_tree_reader_refuses(text: str, problem: str, tmp_path: Path, monkeypatch):
    from checker.errors import InputError
    from checker.model import Role
    from checker.readers import tmx, xml

    path = tmp_path / "bad.tmx"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(xml, "STREAM_BYTES", 0)
    with pytest.raises(InputError, match=re.escape(problem)):
        tmx.read(path, doc_id="d0", role=Role.SOURCE)


def test_cli_jsonl_holds_the_json_report_findings(tmp_path: Path, monkeypatch):
    from typer.testing import CliRunner

    from checker.cli import app
    from checker.pipeline import run

    real = run.compare
    monkeypatch.setattr(run, "compare", lambda *a, **k: real(*a, **{**k, "encoder": FakeEncoder()}))
    out = tmp_path / "f.jsonl"
    result = CliRunner().invoke(app, ["compare", str(DATA / "messages.po"), "--jsonl", str(out),
                                      "--json", str(tmp_path / "r.json"), "-q"])
    assert result.exit_code == 1, result.output
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert lines == json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["findings"]
    assert not (tmp_path / "f.jsonl.partial").exists()
