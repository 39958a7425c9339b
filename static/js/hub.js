// Every page: moments rendered by the `when` filter (UTC in the HTML) are shown in the reader's local time.
(function () {
  "use strict";
  // One format for every moment on every page: the reader's locale and time zone, to the minute; the hover
  // shows the full moment (seconds and zone) and its UTC value.
  var format = new Intl.DateTimeFormat(undefined, {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
  });
  var full = new Intl.DateTimeFormat(undefined, {
    weekday: "short", year: "numeric", month: "long", day: "numeric",
    hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short",
  });
  function localise(root) {
    root.querySelectorAll("time[data-local]").forEach(function (node) {
      var moment = new Date(node.getAttribute("datetime"));
      if (!isNaN(moment.getTime())) {
        node.textContent = format.format(moment);
        node.title = full.format(moment) + " (" + moment.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC") + ")";
        node.removeAttribute("data-local");
      }
    });
  }
  // Narrow screens show each row of a simple table as a card: every cell carries its column's heading.
  function stackTables(root) {
    root.querySelectorAll("table.table").forEach(function (table) {
      var headings = Array.prototype.map.call(table.querySelectorAll("thead tr:first-child th"), function (th) {
        return th.textContent.trim();
      });
      var simple = !table.querySelector("thead th[colspan], tbody td[colspan], tbody td[rowspan]");
      if (!headings.length || !simple) return;
      table.querySelectorAll("tbody tr").forEach(function (row) {
        Array.prototype.forEach.call(row.children, function (cell, index) {
          if (!cell.hasAttribute("data-label") && headings[index]) cell.setAttribute("data-label", headings[index]);
        });
      });
      table.classList.add("stacked");
    });
  }
  function backLinks(root) {
    root.querySelectorAll("a[data-history-back]").forEach(function (link) {
      if (window.history.length < 2) { link.hidden = true; return; }
      link.addEventListener("click", function (event) { event.preventDefault(); window.history.back(); });
    });
  }
  // Downloads that write moments (failed rows as CSV) write them in the reader's time zone.
  function zonedLinks(root) {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) { return; }
    root.querySelectorAll("a[data-add-timezone]").forEach(function (link) {
      var url = new URL(link.href, window.location.href);
      url.searchParams.set("tz", zone);
      link.href = url.toString();
    });
  }
  // A form with data-confirm asks before it posts (a click or a keyboard shortcut that already asked marks the
  // form data-confirmed). On every page: a destructive button must never depend on a page-specific script.
  function guardConfirmedForms(root) {
    root.querySelectorAll("form[data-confirm]").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        if (form.getAttribute("data-confirmed") === "1") return;
        if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    guardConfirmedForms(document);
    localise(document);
    stackTables(document);
    backLinks(document);
    zonedLinks(document);
  });
  window.crmhubLocalise = localise;
})();
