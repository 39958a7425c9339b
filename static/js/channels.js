// The channel form shows only the fields of the chosen type (all stay in the form; the server ignores the rest).
(function () {
  "use strict";
  var form = document.getElementById("channel-form");
  if (!form) return;
  var kind = form.querySelector("select[name=kind]");
  function update() {
    form.querySelectorAll("[data-kinds]").forEach(function (group) {
      group.hidden = group.dataset.kinds.split(" ").indexOf(kind.value) === -1;
    });
  }
  kind.addEventListener("change", update);
  update();
})();
