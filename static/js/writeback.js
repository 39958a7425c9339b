// Write-back pages: dead-letter selection, confirmations, and fast shadow review. Plain JS, no dependencies.
// Every action stays an ordinary POST form; the keys only set radios or press buttons, the server decides.
(function () {
  "use strict";

  function typingInField(event) {
    var target = event.target;
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return (tag === "input" && target.type === "text") || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function hasModifier(event) {
    return event.altKey || event.ctrlKey || event.metaKey;
  }

  function guardConfirmedForms() {
    document.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  }

  // -- dead letters: select all on the page, count, refuse an empty selection
  function deadLetterSelection(table) {
    var boxes = Array.prototype.slice.call(table.querySelectorAll("input.row-select"));
    var selectAll = document.getElementById("select-all");
    var counter = document.getElementById("selected-count");
    var button = document.getElementById("replay-selected");

    function update() {
      var selected = boxes.filter(function (box) { return box.checked; }).length;
      if (counter) counter.textContent = selected + " selected";
      if (button) button.disabled = selected === 0;
      if (selectAll) {
        selectAll.checked = selected > 0 && selected === boxes.length;
        selectAll.indeterminate = selected > 0 && selected < boxes.length;
      }
    }
    boxes.forEach(function (box) { box.addEventListener("change", update); });
    if (selectAll) {
      selectAll.addEventListener("change", function () {
        boxes.forEach(function (box) { box.checked = selectAll.checked; });
        update();
      });
    }
    update();
  }

  // -- shadow review: live figures, c/i mark and move on, j/k, n next unreviewed, s save
  function wilsonLowerBound(correct, total) {
    if (total === 0) return 0;
    var z = 1.96;
    var p = correct / total;
    var denominator = 1 + (z * z) / total;
    var centre = p + (z * z) / (2 * total);
    var margin = z * Math.sqrt((p * (1 - p)) / total + (z * z) / (4 * total * total));
    return (centre - margin) / denominator;
  }

  function shadowReview(table) {
    var gate = document.getElementById("gate");
    var form = document.getElementById("review-form");
    var threshold = parseFloat(gate.getAttribute("data-threshold"));
    var minimum = parseInt(gate.getAttribute("data-min"), 10);
    var rows = Array.prototype.slice.call(table.querySelectorAll("tr.review-row"));
    var editable = !!document.getElementById("save-verdicts");
    var cursor = -1;
    var dirty = false;

    function verdictOf(row) {
      var checked = row.querySelector("input[type=radio]:checked");
      return checked ? checked.value : "";
    }

    function refresh() {
      var reviewed = 0, correct = 0, unsaved = 0;
      rows.forEach(function (row) {
        var verdict = verdictOf(row);
        if (verdict) reviewed += 1;
        if (verdict === "correct") correct += 1;
        if (verdict !== row.getAttribute("data-saved")) unsaved += 1;
        row.classList.toggle("reviewed", !!verdict);
        row.classList.toggle("verdict-correct", verdict === "correct");
        row.classList.toggle("verdict-incorrect", verdict === "incorrect");
      });
      var bound = wilsonLowerBound(correct, reviewed);
      var ready = reviewed >= minimum && bound > threshold;
      document.getElementById("reviewed-count").textContent = reviewed;
      document.getElementById("reviewed-bar").value = reviewed;
      document.getElementById("correct-count").textContent = correct;
      document.getElementById("accuracy").textContent = reviewed ? (correct / reviewed).toFixed(3) : "—";
      document.getElementById("lower-bound").textContent = bound.toFixed(3);
      var tile = document.getElementById("bound-tile");
      tile.classList.toggle("ok", ready);
      tile.classList.toggle("warn", !ready);
      document.getElementById("unsaved").hidden = unsaved === 0;
      document.getElementById("unsaved-count").textContent = unsaved;
      dirty = unsaved > 0;
    }

    function moveTo(index, quiet) {
      if (index < 0 || index >= rows.length) return;
      if (cursor >= 0) rows[cursor].classList.remove("cursor");
      cursor = index;
      rows[cursor].classList.add("cursor");
      if (!quiet) rows[cursor].scrollIntoView({ block: "nearest" });
    }

    function nextUnreviewed(from) {
      for (var k = 1; k <= rows.length; k += 1) {
        var index = (from + k) % rows.length;
        if (!verdictOf(rows[index])) return index;
      }
      return -1;
    }

    function mark(value) {
      if (cursor < 0) moveTo(0);
      var radio = rows[cursor].querySelector('input[type=radio][value="' + value + '"]');
      if (!radio || radio.disabled) return;
      radio.checked = true;
      refresh();
      moveTo(Math.min(cursor + 1, rows.length - 1));
    }

    rows.forEach(function (row, index) {
      row.addEventListener("click", function () { moveTo(index, true); });
      row.querySelectorAll("input").forEach(function (input) {
        input.addEventListener("change", refresh);
        input.addEventListener("focus", function () { moveTo(index, true); });
      });
    });
    form.addEventListener("submit", function () { dirty = false; });
    window.addEventListener("beforeunload", function (event) {
      if (!dirty) return;
      event.preventDefault();
      event.returnValue = "";
    });

    document.addEventListener("keydown", function (event) {
      if (typingInField(event) || hasModifier(event) || !editable) return;
      var key = event.key;
      if (key === "c") {
        mark("correct");
      } else if (key === "i") {
        mark("incorrect");
      } else if (key === "j") {
        moveTo(cursor + 1);
      } else if (key === "k") {
        moveTo(Math.max(cursor - 1, 0));
      } else if (key === "n") {
        var index = nextUnreviewed(cursor);
        if (index >= 0) moveTo(index);
      } else if (key === "s") {
        dirty = false;
        form.requestSubmit ? form.requestSubmit() : form.submit();
      } else {
        return;
      }
      event.preventDefault();
    });

    refresh();
    var first = nextUnreviewed(-1);
    // Start at the first unreviewed write without scrolling: the first key press brings it into view.
    if (editable && rows.length) moveTo(first >= 0 ? first : 0, true);
  }

  document.addEventListener("DOMContentLoaded", function () {
    guardConfirmedForms();
    var deadLetters = document.getElementById("dead-letter-table");
    if (deadLetters) deadLetterSelection(deadLetters);
    var review = document.getElementById("review-table");
    if (review) shadowReview(review);
  });
})();
