/* transcheck review report: filters, click-to-scroll, keyboard navigation and the review loop.
   The page is complete without this script; it only shows, hides and marks what is there.
   It never writes markup: only classes, attributes and textContent. The review loop (marking a
   finding "not an error", downloading a baseline or a CSV) makes files in the page (Blob
   downloads): nothing leaves the page. */
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("#findings > .finding"));
  var grids = Array.prototype.slice.call(document.querySelectorAll(".grid"));
  var main = document.getElementById("main");
  var shown = document.getElementById("shown");
  var severityBoxes = Array.prototype.slice.call(document.querySelectorAll('#filters input[name="severity"]'));
  var selects = {
    category: document.getElementById("f-category"),
    check: document.getElementById("f-check"),
    doc: document.getElementById("f-doc")
  };
  var onlyFlagged = document.getElementById("f-only");
  var showDiff = document.getElementById("f-diff");
  var hideMarked = document.getElementById("f-hide-marked");
  var checkChips = Array.prototype.slice.call(document.querySelectorAll(".check-chip"));

  // finding id -> its marks in the rows, and its rows (one pass over the DOM, not one per finding)
  var marksOf = {};
  Array.prototype.forEach.call(main.querySelectorAll("mark[data-f]"), function (mark) {
    mark.getAttribute("data-f").split(" ").forEach(function (id) {
      (marksOf[id] = marksOf[id] || []).push(mark);
    });
  });
  function rowsOf(item) {
    return item.dataset.rows ? item.dataset.rows.split(" ").map(function (id) {
      return document.getElementById(id);
    }).filter(Boolean) : [];
  }

  var visible = items.slice();
  var flagged = [];
  var current = null;

  function matches(item, wanted) {
    var d = item.dataset;
    return wanted.severity[d.sev] && !(wanted.hideMarked && item.classList.contains("dismissed")) &&
      (!wanted.category || d.category === wanted.category) &&
      (!wanted.check || d.check === wanted.check) &&
      (!wanted.doc || d.docs.split(" ").indexOf(wanted.doc) >= 0);
  }

  function applyFilters() {
    var wanted = { severity: {}, category: selects.category.value, check: selects.check.value, doc: selects.doc.value,
                   hideMarked: hideMarked.checked };
    severityBoxes.forEach(function (box) { wanted.severity[box.value] = box.checked; });
    var on = {};
    visible = [];
    items.forEach(function (item) {
      var ok = matches(item, wanted);
      item.hidden = !ok;
      if (ok) {
        visible.push(item);
        on[item.id] = true;
      }
    });
    flagged.forEach(function (row) { row.classList.remove("flagged"); });
    flagged = [];
    visible.forEach(function (item) {
      rowsOf(item).forEach(function (row) { row.classList.add("flagged"); flagged.push(row); });
    });
    Object.keys(marksOf).forEach(function (id) {
      marksOf[id].forEach(function (mark) {
        var ids = mark.getAttribute("data-f").split(" ");
        mark.classList.toggle("muted", !ids.some(function (i) { return on[i]; }));
      });
    });
    grids.forEach(function (grid) { grid.classList.toggle("only-flagged", onlyFlagged.checked); });
    document.body.classList.toggle("no-diff", !showDiff.checked);
    checkChips.forEach(function (chip) {
      chip.setAttribute("aria-pressed", String(chip.dataset.check === wanted.check));
    });
    shown.textContent = visible.length + " of " + items.length + " findings shown";
    if (current && current.hidden) clear();
  }

  function clear() {
    if (!current) return;
    current.classList.remove("current");
    current.removeAttribute("aria-current");
    rowsOf(current).forEach(function (row) { row.classList.remove("current"); });
    (marksOf[current.id] || []).forEach(function (mark) { mark.classList.remove("active"); });
    current = null;
  }

  function select(item) {
    clear();
    current = item;
    item.classList.add("current");
    item.setAttribute("aria-current", "true");
    var rows = rowsOf(item);
    rows.forEach(function (row) { row.classList.add("current"); });
    (marksOf[item.id] || []).forEach(function (mark) { mark.classList.add("active"); });
    if (rows.length) rows[0].scrollIntoView({ block: "center" });
    item.scrollIntoView({ block: "nearest" });
    if (history.replaceState) history.replaceState(null, "", "#" + item.id);
  }

  function step(delta) {
    if (!visible.length) return;
    var at = current ? visible.indexOf(current) : -1;
    var next = at < 0 ? (delta > 0 ? 0 : visible.length - 1) : (at + delta + visible.length) % visible.length;
    select(visible[next]);
  }

  items.forEach(function (item) {
    item.addEventListener("click", function () { select(item); });
  });
  main.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("mark[data-f]") : null;
    if (!mark) return;
    var item = document.getElementById(mark.getAttribute("data-f").split(" ")[0]);
    if (item && !item.hidden) select(item);
  });
  severityBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  Object.keys(selects).forEach(function (k) { selects[k].addEventListener("change", applyFilters); });
  [onlyFlagged, showDiff, hideMarked].forEach(function (box) { box.addEventListener("change", applyFilters); });
  checkChips.forEach(function (chip) {
    chip.addEventListener("click", function () {
      selects.check.value = selects.check.value === chip.dataset.check ? "" : chip.dataset.check;
      applyFilters();
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    var tag = event.target && event.target.tagName;
    if (tag === "SELECT" || tag === "TEXTAREA" || (tag === "INPUT" && event.target.type !== "checkbox")) return;
    if (event.key === "j" || event.key === "n") { step(1); event.preventDefault(); }
    else if (event.key === "k" || event.key === "p") { step(-1); event.preventDefault(); }
    else if (event.key === "Enter" && event.target.classList && event.target.classList.contains("finding")) { select(event.target); }
    else if (event.key === "Escape") { clear(); }
  });

  // --- the review loop: "not an error" marks, a baseline file and a CSV, made in the page ---
  var review = document.getElementById("review");
  var markedCount = document.getElementById("marked-count");
  var baselined = JSON.parse(review.getAttribute("data-baselined") || "{}");

  function verdictOf(item) { return item.querySelector(".not-error"); }
  function noteOf(item) { return item.querySelector(".note"); }

  // marks survive a reload: kept in this browser's storage for this page (never sent anywhere)
  var storeKey = "transcheck-review:" + location.pathname;
  function store() {
    var saved = {};
    items.forEach(function (item) {
      if (verdictOf(item).checked) saved[item.dataset.fingerprint || item.id] = noteOf(item).value;
    });
    try { localStorage.setItem(storeKey, JSON.stringify(saved)); } catch (e) { /* storage off: marks last the visit */ }
  }
  function restore() {
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(storeKey) || "{}") || {}; } catch (e) { saved = {}; }
    items.forEach(function (item) {
      var key = item.dataset.fingerprint || item.id;
      if (Object.prototype.hasOwnProperty.call(saved, key)) {
        verdictOf(item).checked = true;
        noteOf(item).value = String(saved[key] || "");
      }
    });
  }

  function updateMarks() {
    var n = 0;
    items.forEach(function (item) {
      var marked = verdictOf(item).checked;
      if (marked) n += 1;
      item.classList.toggle("dismissed", marked);
      noteOf(item).hidden = !marked;
      (marksOf[item.id] || []).forEach(function (mark) { mark.classList.toggle("dismissed", marked); });
    });
    markedCount.textContent = String(n);
    store();
    applyFilters();
  }

  function download(name, type, text) {
    var link = document.createElement("a"), url = URL.createObjectURL(new Blob([text], { type: type }));
    link.setAttribute("href", url);
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(url); link.remove(); }, 1000);
  }

  function baselineText() {
    var entries = {};
    Object.keys(baselined).forEach(function (fp) { entries[fp] = baselined[fp]; });
    items.forEach(function (item) {
      // the fingerprints `transcheck check` gives this finding (one per file pair it belongs to)
      var keys = (item.dataset.baseline || "").split(" ").filter(Boolean);
      if (!keys.length || !verdictOf(item).checked) return;
      var entry = { check: item.dataset.check, path: item.dataset.path || "",
                    message: item.querySelector(".msg").textContent };
      var note = noteOf(item).value.trim();
      if (note) entry.note = note;
      keys.forEach(function (fp) { entries[fp] = entry; });
    });
    var keys = Object.keys(entries).sort(function (a, b) {  // as `transcheck baseline` sorts them
      var x = entries[a], y = entries[b];
      return (x.path || "").localeCompare(y.path || "") || (x.check || "").localeCompare(y.check || "") ||
        (a < b ? -1 : a > b ? 1 : 0);
    });
    var sorted = {};
    keys.forEach(function (k) { sorted[k] = entries[k]; });
    return JSON.stringify({ schema: "transcheck-baseline/1", findings: sorted }, null, 2) + "\n";
  }

  function cell(value) {
    var text = value == null ? "" : String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;  // a spreadsheet must not run it as a formula
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  function csvText() {
    var head = ["severity", "check", "category", "path", "line", "column", "text", "suggestion", "message",
                "verdict", "note", "fingerprint"];
    var lines = [head.join(",")];
    items.forEach(function (item) {
      var d = item.dataset, sugg = item.querySelector(".sugg q"), marked = verdictOf(item).checked;
      lines.push([d.sev, d.check, d.category, d.path, d.line, d.column, d.text, sugg ? sugg.textContent : "",
                  item.querySelector(".msg").textContent, marked ? "not an error" : "",
                  marked ? noteOf(item).value.trim() : "", d.fingerprint].map(cell).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";  // a BOM and CRLF, as spreadsheets expect
  }

  items.forEach(function (item) {
    var verdict = item.querySelector(".verdict");
    verdict.hidden = false;
    verdict.addEventListener("click", function (event) { event.stopPropagation(); });
    verdict.addEventListener("keydown", function (event) { event.stopPropagation(); });
    verdictOf(item).addEventListener("change", updateMarks);
    noteOf(item).addEventListener("input", store);
  });
  restore();
  updateMarks();
  review.hidden = false;
  document.getElementById("dl-baseline").addEventListener("click", function () {
    download("transcheck-baseline.json", "application/json", baselineText());
  });
  document.getElementById("dl-csv").addEventListener("click", function () {
    download("transcheck-findings.csv", "text/csv;charset=utf-8", csvText());
  });

  applyFilters();
  var wanted = location.hash && document.getElementById(location.hash.slice(1));
  if (wanted && wanted.classList.contains("finding")) select(wanted);
  if (window.performance && performance.mark) performance.mark("transcheck-ready");
})();
