"""The HTML report at scale, and its screenshot.

    python benchmarks/html_bench.py [--sentences 5000] [--runs 3] [--keep PATH]
    python benchmarks/html_bench.py --screenshot reports/memo.png

The benchmark builds a synthetic report from the Bible set (``/work/shared/benchmarks/bible-en-zh``
or ``$BIBLE_DIR``): the English lines as the source, the Chinese lines as translation A (linked by
the gold alignment), and a variant of them as translation B (verses joined, some omitted, some
added, 神 rendered as 上帝 now and then), with a few hundred findings. No model is needed. It
prints the render time and size of the page, then opens it in headless Chromium and prints
navigationStart -> load event, -> the page's script ready, -> the first frame after load, and
how long filters and a click take until the next frame.

``--screenshot`` renders the shared fixture report and saves a PNG of it (the README's picture).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from checker.model import (  # noqa: E402
    Alignment,
    Category,
    Document,
    Finding,
    Link,
    Report,
    Role,
    Segment,
    Severity,
    ToolInfo,
)
from checker.reporters.html import HtmlReporter  # noqa: E402

BIBLE = Path(os.environ.get("BIBLE_DIR", "/work/shared/benchmarks/bible-en-zh"))
CHROMIUM_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync")


def find_chromium() -> tuple[str, str] | None:
    """Paths of (chromium, chromedriver), or None when either is missing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    driver = shutil.which("chromedriver")
    return (browser, driver) if browser and driver else None


@contextmanager
def chromium(width: int = 1500, height: int = 950) -> Iterator[Any]:
    """A headless Chromium driven by Selenium, with a fresh profile and no network features."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    found = find_chromium()
    if found is None:
        raise RuntimeError("chromium and chromedriver are needed (apt-get install chromium chromium-driver)")
    profile = tempfile.mkdtemp(prefix="transcheck-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = found[0]
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(found[1]), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


# --- a synthetic 5,000-sentence report ------------------------------------------------------


def _doc(doc_id: str, role: Role, path: str, lang: str, texts: list[str]) -> Document:
    segments = tuple(Segment(i, t, paragraph=i, line=i + 1, column=1) for i, t in enumerate(texts))
    return Document(doc_id, role, path, lang, segments)


def _gold(limit: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    links = []
    for line in (BIBLE / "gold.align").read_text().splitlines():
        left, right = line.split(":")
        src = tuple(int(x) for x in left.strip("[]").split(",") if x)
        tgt = tuple(int(x) for x in right.strip("[]").split(",") if x)
        if src and src[-1] >= limit:
            break
        links.append((src, tgt))
    return links


def bible_report(sentences: int = 5000, seed: int = 0) -> Report:
    """Source, translation A (gold links) and a divergent translation B, with findings."""
    rng = random.Random(seed)
    en_lines = (BIBLE / "en.txt").read_text(encoding="utf-8").splitlines()
    zh_lines = (BIBLE / "zh.txt").read_text(encoding="utf-8").splitlines()
    gold = _gold(sentences)
    n_src = gold[-1][0][-1] + 1
    n_a = max(t for _, tgt in gold for t in tgt) + 1
    en = _doc("d0", Role.SOURCE, "bible/en.txt", "en", en_lines[:n_src])
    zh_a = _doc("d1", Role.TRANSLATION, "bible/zh-a.txt", "zh", zh_lines[:n_a])

    links_a = tuple(Link(s, t, round(rng.uniform(0.62, 0.96), 3)) for s, t in gold)
    b_texts: list[str] = []
    links_b: list[Link] = []
    links_ab: list[Link] = []  # translation A -> translation B, through the source
    drift: list[tuple[int, int, int]] = []  # (row source index, A segment, B segment)
    for k, (src, tgt) in enumerate(gold):
        if rng.random() < 0.004:  # an omitted verse
            links_b.append(Link(src, (), None))
            links_ab.append(Link(tgt, (), None))
            continue
        text = "".join(zh_lines[t] for t in tgt)  # B joins the sentences of a verse
        if "神" in text and rng.random() < 0.15:
            text = text.replace("神", "上帝", 1)
            drift.append((src[0], tgt[0], len(b_texts)))
        links_b.append(Link(src, (len(b_texts),), round(rng.uniform(0.6, 0.97), 3)))
        links_ab.append(Link(tgt, (len(b_texts),), round(rng.uniform(0.8, 1.0), 3),
                             {"chrf": round(rng.uniform(40, 100), 1)}))
        b_texts.append(text)
        if rng.random() < 0.002:  # an added note
            links_b.append(Link((), (len(b_texts),), None))
            links_ab.append(Link((), (len(b_texts),), None))
            b_texts.append(f"（注：此节另有译法，见附录{k}。）")
    zh_b = _doc("d2", Role.TRANSLATION, "bible/zh-b.txt", "zh", b_texts)

    findings: list[Finding] = []
    for _, a_seg, b_seg in drift:
        a_text = zh_a.segments[a_seg].text
        a_loc = zh_a.locate(a_seg, a_text.index("神"), a_text.index("神") + 1) if "神" in a_text else zh_a.locate(a_seg)
        b_text = zh_b.segments[b_seg].text
        findings.append(Finding(
            "term-drift", Category.TERMINOLOGY, Severity.MAJOR,
            "'God' is rendered as 神 in zh-a.txt but 上帝 in zh-b.txt.",
            (a_loc, zh_b.locate(b_seg, b_text.index("上帝"), b_text.index("上帝") + 2)),
            suggestion="神"))
    for link in links_b:
        if not link.target:
            findings.append(Finding("omission", Category.ACCURACY, Severity.MAJOR,
                                    "A source sentence has no counterpart in zh-b.txt.", (en.locate_span(link.source),)))
        elif not link.source:
            findings.append(Finding("addition", Category.ACCURACY, Severity.MINOR,
                                    "A sentence in zh-b.txt has no counterpart in the source.", (zh_b.locate(link.target[0]),)))
    for seg in rng.sample(range(len(en.segments)), 150):
        words = en.segments[seg].text.split()
        word = max(words, key=len).strip(".,;:")
        start = en.segments[seg].text.index(word)
        findings.append(Finding("spelling", Category.FLUENCY, rng.choice([Severity.MINOR, Severity.INFO]),
                                f"'{word}' looks misspelled.", (en.locate(seg, start, start + len(word)),)))
    findings = [Finding(f.check, f.category, f.severity, f.message, f.locations, f.suggestion,
                        fingerprint=f"{k:016x}") for k, f in enumerate(findings)]
    tool = ToolInfo("transcheck", "0.1.0", "synthetic", "transcheck:0.1.0|model:synthetic|split:lines")
    return Report(tool, (en, zh_a, zh_b),
                  (Alignment("d0", "d1", links_a), Alignment("d0", "d2", tuple(links_b)),
                   Alignment("d1", "d2", tuple(links_ab))), tuple(findings))


# --- measuring in the browser ----------------------------------------------------------------

NEXT_FRAME = """
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now())));
"""

TIMED = """
const done = arguments[arguments.length - 1];
const t0 = performance.now();
(ACTION)();
requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - t0)));
"""

ACTIONS = {
    "filter severity (major only)": """() => { for (const b of document.querySelectorAll('#filters input[name=severity]'))
        { b.checked = b.value === 'major'; b.dispatchEvent(new Event('change')); } }""",
    "filter check (term-drift)": """() => { const s = document.getElementById('f-check');
        s.value = 'term-drift'; s.dispatchEvent(new Event('change')); }""",
    "only rows with findings": """() => { const b = document.getElementById('f-only');
        b.checked = true; b.dispatchEvent(new Event('change')); }""",
    "clear filters": """() => { document.getElementById('f-only').checked = false;
        document.getElementById('f-check').value = '';
        for (const b of document.querySelectorAll('#filters input[name=severity]')) b.checked = true;
        document.getElementById('f-check').dispatchEvent(new Event('change')); }""",
    "click last finding": """() => { const f = document.querySelectorAll('#findings > .finding');
        f[f.length - 1].click(); }""",
    "next finding key (j)": """() => document.dispatchEvent(new KeyboardEvent('keydown', {key: 'j', bubbles: true}))""",
}


def measure(path: Path, runs: int) -> dict[str, float]:
    """Median timings (ms) over ``runs`` fresh loads of ``path``."""
    samples: dict[str, list[float]] = {}
    with chromium() as driver:
        driver.set_script_timeout(60)
        for _ in range(runs):
            driver.get("about:blank")
            driver.get(path.as_uri())  # returns after the load event
            frame = driver.execute_async_script(NEXT_FRAME)
            nav = driver.execute_script("""
                const n = performance.getEntriesByType('navigation')[0];
                const r = performance.getEntriesByName('transcheck-ready')[0];
                const p = performance.getEntriesByName('first-contentful-paint')[0];
                return {dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd,
                        ready: r ? r.startTime : null, fcp: p ? p.startTime : null,
                        rows: document.querySelectorAll('#rows > .row').length - 1};""")
            samples.setdefault("navigationStart -> DOMContentLoaded", []).append(nav["dcl"])
            samples.setdefault("navigationStart -> script ready", []).append(nav["ready"])
            samples.setdefault("navigationStart -> load event", []).append(nav["load"])
            if nav["fcp"] is not None:
                samples.setdefault("navigationStart -> first contentful paint", []).append(nav["fcp"])
            samples.setdefault("navigationStart -> first frame after load", []).append(frame)
            for name, action in ACTIONS.items():
                samples.setdefault(name, []).append(driver.execute_async_script(TIMED.replace("(ACTION)", f"({action})")))
        samples["rows in the page"] = [nav["rows"]]
    return {name: statistics.median(values) for name, values in samples.items()}


def screenshot(out: Path, select: str | None = "f0") -> None:
    """Render the shared fixture report and save a PNG of it, with one finding selected."""
    from tests.fixtures.sample_report import SAMPLE_REPORT

    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "memo.html"
        page.write_text(HtmlReporter().render(SAMPLE_REPORT), encoding="utf-8")
        with chromium(1500, 1000) as driver:
            driver.get(page.as_uri())
            if select:
                driver.execute_script("document.getElementById(arguments[0]).click(); window.scrollTo(0, 0);", select)
            driver.execute_async_script(NEXT_FRAME)
            out.parent.mkdir(parents=True, exist_ok=True)
            driver.save_screenshot(str(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="write the page here instead of a temporary file")
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the fixture report and stop")
    args = parser.parse_args()
    if args.screenshot:
        screenshot(args.screenshot)
        print(f"wrote {args.screenshot}")
        return

    report = bible_report(args.sentences)
    start = time.perf_counter()
    page = HtmlReporter().render(report)
    render_s = time.perf_counter() - start
    size = len(page.encode("utf-8"))
    print(f"report: {len(report.documents[0].segments)} source sentences, "
          f"{len(report.documents[1].segments)} + {len(report.documents[2].segments)} translated, "
          f"{len(report.findings)} findings")
    print(f"render: {render_s:.2f} s, size {size / 1e6:.2f} MB")
    with tempfile.TemporaryDirectory() as tmp:
        path = (args.keep or Path(tmp) / "bible.html").resolve()
        path.write_text(page, encoding="utf-8")
        if find_chromium() is None:
            print("chromium not found: browser timings skipped")
            return
        for name, value in measure(path, args.runs).items():
            unit = "" if name.startswith("rows") else " ms"
            print(f"{name:45s} {value:8.0f}{unit}")


if __name__ == "__main__":
    main()
