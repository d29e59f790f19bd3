/* transcheck review report: filters, click-to-scroll and keyboard navigation.
   The page is complete without this script; it only shows, hides and marks what is there.
   It never writes markup: only classes, attributes and textContent. */
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll("#findings > .finding"));
  var grid = document.getElementById("rows");
  var shown = document.getElementById("shown");
  var severityBoxes = Array.prototype.slice.call(document.querySelectorAll('#filters input[name="severity"]'));
  var selects = {
    category: document.getElementById("f-category"),
    check: document.getElementById("f-check"),
    doc: document.getElementById("f-doc")
  };
  var onlyFlagged = document.getElementById("f-only");
  var checkChips = Array.prototype.slice.call(document.querySelectorAll(".check-chip"));

  // finding id -> its marks in the rows, and its rows (one pass over the DOM, not one per finding)
  var marksOf = {};
  Array.prototype.forEach.call(grid.querySelectorAll("mark[data-f]"), function (mark) {
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
    return wanted.severity[d.sev] &&
      (!wanted.category || d.category === wanted.category) &&
      (!wanted.check || d.check === wanted.check) &&
      (!wanted.doc || d.docs.split(" ").indexOf(wanted.doc) >= 0);
  }

  function applyFilters() {
    var wanted = { severity: {}, category: selects.category.value, check: selects.check.value, doc: selects.doc.value };
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
    grid.classList.toggle("only-flagged", onlyFlagged.checked);
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
  grid.addEventListener("click", function (event) {
    var mark = event.target.closest ? event.target.closest("mark[data-f]") : null;
    if (!mark) return;
    var item = document.getElementById(mark.getAttribute("data-f").split(" ")[0]);
    if (item && !item.hidden) select(item);
  });
  severityBoxes.forEach(function (box) { box.addEventListener("change", applyFilters); });
  Object.keys(selects).forEach(function (k) { selects[k].addEventListener("change", applyFilters); });
  onlyFlagged.addEventListener("change", applyFilters);
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

  applyFilters();
  var wanted = location.hash && document.getElementById(location.hash.slice(1));
  if (wanted && wanted.classList.contains("finding")) select(wanted);
  if (window.performance && performance.mark) performance.mark("transcheck-ready");
})();
