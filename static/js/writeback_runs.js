// A run page follows its run while it is queued or running: it asks for the run's state every two seconds
// and reloads once the status changes, so the counts and failed values come from the server.
(function () {
  "use strict";
  var card = document.getElementById("run-card");
  if (!card || !card.dataset.follow) return;
  var status = card.dataset.status;
  var misses = 0;
  function poll() {
    fetch(card.dataset.follow, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (state) {
        misses = 0;
        if (state.status !== status) { window.location.reload(); return; }
        window.setTimeout(poll, 2000);
      })
      .catch(function () {
        misses += 1;
        window.setTimeout(poll, Math.min(30000, 2000 * Math.pow(2, misses)));
      });
  }
  window.setTimeout(poll, 2000);
})();
