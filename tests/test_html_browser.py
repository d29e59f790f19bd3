"""The HTML review report in a real headless Chromium: filters, clicks, keys, and escaping.

Skipped when Chromium, chromedriver or selenium are missing (``.ci/run`` installs them).
"""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

import pytest

from checker.model import Category, Finding, Segment, Severity
from checker.reporters.html import HtmlReporter
from tests.fixtures.sample_report import EN, SAMPLE_REPORT, ZH_A, ZH_B

pytestmark = pytest.mark.browser

webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
BROWSER = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")
if not (BROWSER and DRIVER):
    pytest.skip("chromium and chromedriver are not installed (apt-get install chromium chromium-driver)",
                allow_module_level=True)

FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync")
IMG_XSS = '<img src=x onerror="window.__xss = \'img\'">'


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="transcheck-test-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = BROWSER
    # a short window, so that the rows below the header need scrolling to
    for flag in (*FLAGS, f"--user-data-dir={profile}", "--window-size=1280,520"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()
    shutil.rmtree(profile, ignore_errors=True)


def open_report(browser, tmp_path: Path, report=SAMPLE_REPORT):
    page = tmp_path / "report.html"
    page.write_text(HtmlReporter().render(report), encoding="utf-8")
    browser.get(page.as_uri())
    return browser


def by_id(driver, element_id: str):
    return driver.find_element("id", element_id)


def finding_id(driver, check: str) -> str:
    return driver.find_element("css selector", f'#findings > .finding[data-check="{check}"]').get_attribute("id")


def in_viewport(driver, element) -> bool:
    return driver.execute_script(
        "const r = arguments[0].getBoundingClientRect();"
        "return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;", element)


def classes(element) -> list[str]:
    return (element.get_attribute("class") or "").split()


def test_severity_filter_hides_the_findings_below_it(browser, tmp_path):
    page = open_report(browser, tmp_path)
    page.find_element("css selector", '#filters input[value="minor"]').click()
    visible = {e.get_attribute("data-check") for e in page.find_elements("css selector", "#findings > .finding")
               if e.is_displayed()}
    assert visible == {"term-drift", "number-mismatch", "omission"}
    assert by_id(page, "shown").text == "3 of 5 findings shown"
    spelling = page.find_element("css selector", f'mark[data-f="{finding_id(page, "spelling")}"]')
    assert "muted" in classes(spelling)  # its span in the rows is no longer highlighted


def test_check_filter_with_only_flagged_rows_shows_the_term_drift_row(browser, tmp_path):
    page = open_report(browser, tmp_path)
    from selenium.webdriver.support.ui import Select

    Select(by_id(page, "f-check")).select_by_value("term-drift")
    by_id(page, "f-only").click()
    rows = page.find_elements("css selector", "#rows > .row:not(.head)")
    assert [r.get_attribute("id") for r in rows if r.is_displayed()] == ["r2"]
    assert "任务协调主管" in by_id(page, "r2").text and "任务对齐主管" in by_id(page, "r2").text
    assert [f.get_attribute("data-check") for f in page.find_elements("css selector", "#findings > .finding")
            if f.is_displayed()] == ["term-drift"]


def test_clicking_a_finding_scrolls_to_its_row_and_highlights_it(browser, tmp_path):
    page = open_report(browser, tmp_path)
    row = by_id(page, "r4")
    assert not in_viewport(page, row)  # the addition row starts below the fold
    by_id(page, finding_id(page, "addition")).click()
    assert in_viewport(page, row)
    assert "current" in classes(row)
    mark = row.find_element("css selector", "mark")
    assert "active" in classes(mark) and mark.text == "<script>alert('x')</script> Mira"
    assert [r.get_attribute("id") for r in page.find_elements("css selector", ".row.current")] == ["r4"]


def test_next_and_previous_keys_move_the_highlight(browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains

    page = open_report(browser, tmp_path)
    first, second = (f.get_attribute("id") for f in page.find_elements("css selector", "#findings > .finding")[:2])
    ActionChains(page).send_keys("j").perform()
    assert "current" in classes(by_id(page, first))
    ActionChains(page).send_keys("j").perform()
    assert "current" in classes(by_id(page, second)) and "current" not in classes(by_id(page, first))
    current_rows = [r.get_attribute("id") for r in page.find_elements("css selector", ".row.current")]
    assert current_rows == [by_id(page, second).get_attribute("data-rows")]
    assert in_viewport(page, by_id(page, current_rows[0]))
    ActionChains(page).send_keys("k").perform()
    assert "current" in classes(by_id(page, first))


def test_clicking_a_marked_span_selects_its_finding(browser, tmp_path):
    page = open_report(browser, tmp_path)
    spelling = finding_id(page, "spelling")
    page.execute_script("arguments[0].scrollIntoView()", page.find_element("css selector", f'mark[data-f="{spelling}"]'))
    page.find_element("css selector", f'mark[data-f="{spelling}"]').click()
    assert "current" in classes(by_id(page, spelling))


def test_script_in_a_translation_is_shown_as_text_and_never_runs(browser, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException

    page = open_report(browser, tmp_path)
    assert "<script>alert('x')</script> Mira" in by_id(page, "r4").text
    with pytest.raises(NoAlertPresentException):
        page.switch_to.alert.text  # noqa: B018
    assert page.execute_script("return document.querySelectorAll('#rows script').length") == 0


def test_img_onerror_in_every_text_field_is_inert(browser, tmp_path):
    zh_b = replace(ZH_B, path=IMG_XSS, segments=(*ZH_B.segments[:4], Segment(4, IMG_XSS + " Mira", 4, 10, 1)))
    evil = Finding("addition", Category.ACCURACY, Severity.MINOR, IMG_XSS, (zh_b.locate(4, 0, len(IMG_XSS)),),
                   suggestion=IMG_XSS, fingerprint="f")
    report = replace(SAMPLE_REPORT, documents=(EN, ZH_A, zh_b), findings=(evil,))
    page = open_report(browser, tmp_path, report)
    by_id(page, "f0").click()
    assert page.execute_script("return window.__xss") is None
    assert page.execute_script("return document.images.length") == 0
    assert IMG_XSS + " Mira" in by_id(page, "r4").text
    assert IMG_XSS in by_id(page, "f0").text


def test_page_loads_with_no_console_errors(browser, tmp_path):
    page = open_report(browser, tmp_path)
    errors = [e for e in page.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []  # a blocked script (CSP hash mismatch) or a JS error would show here
    assert page.execute_script("return performance.getEntriesByName('transcheck-ready').length") == 1


# ---------------------------------------------------------------- what a reviewer sees and does


def test_spans_and_suggestions_are_set_in_a_font_that_tells_I_l_and_1_apart(browser, tmp_path):
    page = open_report(browser, tmp_path)
    spelling = finding_id(page, "spelling")
    item = by_id(page, spelling)
    fonts = {
        "mark": page.find_element("css selector", f'mark[data-f="{spelling}"]').value_of_css_property("font-family"),
        "location": item.find_element("css selector", ".locs q").value_of_css_property("font-family"),
        "suggestion": item.find_element("css selector", ".sugg q").value_of_css_property("font-family"),
    }
    for where, family in fonts.items():
        assert family.startswith("ui-monospace") and "DejaVu Sans Mono" in family, where
    text = by_id(page, "r0").find_element("css selector", ".c .t").value_of_css_property("font-family")
    assert "monospace" not in text  # the prose around it keeps the text font
    omission = page.find_element("css selector", f'mark[data-f="{finding_id(page, "omission")}"]')
    assert "monospace" not in omission.value_of_css_property("font-family")  # a whole sentence is prose


def test_the_diff_between_translations_can_be_turned_off(browser, tmp_path):
    page = open_report(browser, tmp_path)
    diff = by_id(page, "r2").find_element("css selector", ".d")
    shaded = diff.value_of_css_property("background-color")
    assert shaded not in ("rgba(0, 0, 0, 0)", "transparent")
    by_id(page, "f-diff").click()
    assert diff.value_of_css_property("background-color") == "rgba(0, 0, 0, 0)"
    by_id(page, "f-diff").click()
    assert diff.value_of_css_property("background-color") == shaded


def _wait_for(path: Path, seconds: float = 10.0) -> Path:
    import time

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if path.exists() and path.stat().st_size:
            time.sleep(0.1)
            return path
        time.sleep(0.1)
    raise AssertionError(f"{path.name} was not downloaded")


def _mark(page, item, note: str = "") -> None:
    item.find_element("css selector", ".not-error").click()
    if note:
        item.find_element("css selector", ".note").send_keys(note)


def test_review_loop_marks_download_and_the_gate_accepts_them(browser, tmp_path, repo, monkeypatch, numbers_only):
    """Mark two findings "not an error" in the gate's page, download the baseline, run the gate
    with it: those two are gone, the third remains; the CSV has every finding and the marks."""
    import csv
    import io
    import json

    import typer
    from typer.testing import CliRunner

    import checker.embedding
    from checker.cli.gate import check as check_command
    from tests.test_gate import FakeEncoder

    monkeypatch.setenv("TRANSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(checker.embedding, "load_encoder", lambda model=None, **kw: FakeEncoder())
    monkeypatch.chdir(repo)
    app = typer.Typer()
    app.command("check")(check_command)
    app.command("other")(lambda: None)
    run = lambda *a: CliRunner().invoke(app, ["check", *a], env={"GITHUB_ACTIONS": ""})  # noqa: E731

    first = run("--html", "review.html", "--json", "before.json")
    assert first.exit_code == 1, first.output
    before = json.loads((repo / "before.json").read_text(encoding="utf-8"))
    assert before["summary"]["findings"] == 3

    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    browser.get((repo / "review.html").as_uri())
    assert len(browser.find_elements("css selector", "section.pair")) == 5  # one section per file pair
    items = browser.find_elements("css selector", "#findings > .finding")
    assert len(items) == 3
    marked, kept = items[:2], items[2]
    _mark(browser, marked[0], "the source was fixed upstream")
    _mark(browser, marked[1])
    assert by_id(browser, "marked-count").text == "2"
    assert all("dismissed" in classes(i) for i in marked) and "dismissed" not in classes(kept)

    by_id(browser, "dl-baseline").click()
    baseline = _wait_for(downloads / "transcheck-baseline.json")
    data = json.loads(baseline.read_text(encoding="utf-8"))
    assert data["schema"] == "transcheck-baseline/1"
    assert set(data["findings"]) == {i.get_attribute("data-fingerprint") for i in marked}
    assert "the source was fixed upstream" in [e.get("note") for e in data["findings"].values()]

    by_id(browser, "dl-csv").click()
    table = list(csv.DictReader(io.StringIO(_wait_for(downloads / "transcheck-findings.csv")
                                            .read_text(encoding="utf-8-sig"))))
    assert len(table) == 3
    assert sorted(r["verdict"] for r in table) == ["", "not an error", "not an error"]
    assert {r["fingerprint"] for r in table if r["verdict"]} == set(data["findings"])
    assert {r["note"] for r in table} == {"", "the source was fixed upstream"}

    again = run("--baseline", str(baseline), "--json", "after.json")
    after = json.loads((repo / "after.json").read_text(encoding="utf-8"))
    remaining = [f["fingerprint"] for r in after["reports"] for f in r["findings"]]
    assert remaining == [kept.get_attribute("data-fingerprint")]
    assert after["summary"]["baselined"] == 2
    assert again.exit_code == (1 if kept.get_attribute("data-sev") in ("major", "critical") else 0)


def test_hiding_marked_findings(browser, tmp_path):
    page = open_report(browser, tmp_path)
    spelling = by_id(page, finding_id(page, "spelling"))
    _mark(page, spelling)
    by_id(page, "f-hide-marked").click()
    assert not spelling.is_displayed()
    assert by_id(page, "shown").text == "4 of 5 findings shown"


def test_marks_and_notes_survive_a_reload(browser, tmp_path):
    page = open_report(browser, tmp_path)
    item = by_id(page, finding_id(page, "spelling"))
    _mark(page, item, "a quotation: spelt as printed")
    page.refresh()
    item = by_id(page, finding_id(page, "spelling"))
    assert item.find_element("css selector", ".not-error").is_selected()
    assert item.find_element("css selector", ".note").get_attribute("value") == "a quotation: spelt as printed"
    assert by_id(page, "marked-count").text == "1"
    page.execute_script("localStorage.clear()")
