// The destination form: only the settings of the chosen type are shown (without script, every group shows,
// each under its legend; the server reads only the chosen type's).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var chooser = document.getElementById("id_destination_type");
    if (!chooser) { return; }
    var groups = document.querySelectorAll("fieldset[data-destination-type]");
    function show() {
      groups.forEach(function (group) {
        var types = group.getAttribute("data-destination-type").split(" ");
        group.hidden = types.indexOf(chooser.value) === -1;
      });
    }
    chooser.addEventListener("change", show);
    show();
  });
})();
