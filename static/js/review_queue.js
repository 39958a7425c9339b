// Keyboard shortcuts and bulk selection for the review queue pages. Plain JS, no dependencies.
// Every action is still an ordinary POST form; the keys only press its button, so the server decides.
(function () {
  "use strict";

  function typingInField(event) {
    var target = event.target;
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    return tag === "input" || tag === "textarea" || tag === "select" || target.isContentEditable;
  }

  function hasModifier(event) {
    return event.altKey || event.ctrlKey || event.metaKey;
  }

  function confirmThenSubmit(form) {
    var question = form.getAttribute("data-confirm");
    if (question && !window.confirm(question)) return;
    form.setAttribute("data-confirmed", "1");
    if (typeof form.requestSubmit === "function") {
      form.requestSubmit();
    } else {
      form.submit();
    }
  }

  // -- detail page: j/k move between items, 1-5 link, d dismiss, a assign to me
  function detailShortcuts(box) {
    var nextUrl = box.getAttribute("data-next-url");
    var previousUrl = box.getAttribute("data-previous-url");
    document.addEventListener("keydown", function (event) {
      if (typingInField(event) || hasModifier(event)) return;
      var key = event.key;
      if (key === "j" && nextUrl) {
        window.location.href = nextUrl;
      } else if (key === "k" && previousUrl) {
        window.location.href = previousUrl;
      } else if (/^[1-5]$/.test(key)) {
        var linkForm = document.querySelector('form[data-shortcut="' + key + '"]');
        if (linkForm) confirmThenSubmit(linkForm);
      } else if (key === "d") {
        var dismissForm = document.getElementById("dismiss-form");
        if (dismissForm) confirmThenSubmit(dismissForm);
      } else if (key === "a") {
        var assignForm = document.getElementById("assign-me-form");
        if (assignForm) confirmThenSubmit(assignForm);
      } else {
        return;
      }
      event.preventDefault();
    });
  }

  // -- queue page: bulk selection, j/k row cursor, x select, Enter open
  function queueShortcuts(table) {
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-href]"));
    var boxes = Array.prototype.slice.call(table.querySelectorAll("input.row-select"));
    var selectAll = document.getElementById("select-all");
    var counter = document.getElementById("selected-count");
    var action = document.getElementById("id_bulk_action");
    var assignee = document.getElementById("id_bulk_assignee");
    var cursor = -1;

    function updateCount() {
      var selected = boxes.filter(function (box) { return box.checked; }).length;
      if (counter) counter.textContent = selected + " selected";
      if (selectAll) {
        selectAll.checked = selected > 0 && selected === boxes.length;
        selectAll.indeterminate = selected > 0 && selected < boxes.length;
      }
    }

    function moveCursor(position) {
      if (!rows.length) return;
      if (cursor >= 0) rows[cursor].classList.remove("cursor");
      cursor = Math.max(0, Math.min(rows.length - 1, position));
      rows[cursor].classList.add("cursor");
      rows[cursor].scrollIntoView({ block: "nearest" });
    }

    boxes.forEach(function (box) { box.addEventListener("change", updateCount); });
    if (selectAll) {
      selectAll.addEventListener("change", function () {
        boxes.forEach(function (box) { box.checked = selectAll.checked; });
        updateCount();
      });
    }
    if (action && assignee) {
      var showAssignee = function () { assignee.hidden = action.value !== "assign"; };
      action.addEventListener("change", showAssignee);
      showAssignee();
    }
    rows.forEach(function (row, index) {
      row.addEventListener("click", function (event) {
        var tag = event.target.tagName.toLowerCase();
        if (tag === "a" || tag === "input" || tag === "label" || tag === "button") return;
        moveCursor(index);
        window.location.href = row.getAttribute("data-href");
      });
    });

    document.addEventListener("keydown", function (event) {
      if (typingInField(event) || hasModifier(event)) return;
      if (event.key === "j") {
        moveCursor(cursor + 1);
      } else if (event.key === "k") {
        moveCursor(cursor - 1);
      } else if (event.key === "x" && cursor >= 0) {
        var box = rows[cursor].querySelector("input.row-select");
        if (box) { box.checked = !box.checked; updateCount(); }
      } else if (event.key === "Enter" && cursor >= 0) {
        window.location.href = rows[cursor].getAttribute("data-href");
      } else {
        return;
      }
      event.preventDefault();
    });
    updateCount();
  }

  document.addEventListener("DOMContentLoaded", function () {
    var box = document.getElementById("review-shortcuts");
    if (box) detailShortcuts(box);
    var table = document.getElementById("queue-table");
    if (table) queueShortcuts(table);
  });
})();
