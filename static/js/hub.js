// Every page: moments rendered by the `when` filter (UTC in the HTML) are shown in the reader's local time.
(function () {
  "use strict";
  var format = new Intl.DateTimeFormat(undefined, {
    year: "numeric", month: "short", day: "numeric", hour: "2-digit", minute: "2-digit",
  });
  function localise(root) {
    root.querySelectorAll("time[data-local]").forEach(function (node) {
      var moment = new Date(node.getAttribute("datetime"));
      if (!isNaN(moment.getTime())) {
        node.textContent = format.format(moment);
        node.removeAttribute("data-local");
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () { localise(document); });
  window.crmhubLocalise = localise;
})();
