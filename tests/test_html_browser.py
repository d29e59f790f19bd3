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
