// The live event tail: asks the feed for events since the newest one shown, every three seconds, and puts
// new rows on top (built with text nodes only). Waits longer after a failed request; Pause stops asking.
(function () {
  "use strict";
  var bar = document.getElementById("tail-bar");
  var body = document.getElementById("tail-body");
  if (!bar || !body) return;
  var INTERVAL = 3000, KEEP = 300;
  var feed = bar.dataset.feed;
  var newest = bar.dataset.newest || "";
  var paused = false, misses = 0, timer = null;
  var stateText = document.getElementById("tail-state-text");
  var pauseButton = document.getElementById("tail-pause");

  var headings = Array.prototype.map.call(document.querySelectorAll("#tail-table thead th"), function (th) {
    return th.textContent.trim();
  });
  function seen(key) {
    return body.querySelector('tr[data-key="' + CSS.escape(key) + '"]') !== null;
  }
  function cell(row, text, className) {
    var td = document.createElement("td");
    if (className) td.className = className;
    if (text !== null) td.textContent = text;
    row.appendChild(td);
    return td;
  }
  function badge(parent, text, className) {
    var span = document.createElement("span");
    span.className = "badge " + className;
    span.textContent = text;
    parent.appendChild(span);
    return span;
  }
  function rowFor(event) {
    var row = document.createElement("tr");
    row.dataset.key = event.key;
    row.className = "fresh";
    var when = cell(row, null, "nowrap");
    var time = document.createElement("time");
    time.setAttribute("datetime", event.at);
    time.setAttribute("data-local", "");
    time.textContent = event.at;
    when.appendChild(time);
    badge(cell(row, null), event.kind_label, "tail-" + event.kind);
    var what = cell(row, null);
    var link = document.createElement("a");
    link.href = event.url;
    badge(link, event.title, "tail-" + event.tone);
    what.appendChild(link);
    var where = cell(row, event.connection);
    where.appendChild(document.createElement("br"));
    var object = document.createElement("span");
    object.className = "muted small";
    object.textContent = event.object_name;
    where.appendChild(object);
    cell(row, event.record || "—", "mono");
    cell(row, event.detail, "small");
    // As static/js/hub.js does for the rows the server drew: narrow screens show each cell with its heading.
    Array.prototype.forEach.call(row.children, function (td, index) {
      if (headings[index]) td.setAttribute("data-label", headings[index]);
    });
    return row;
  }
  function show(events) {
    var added = 0;
    // The feed lists newest first: insert oldest first so the newest ends on top.
    for (var i = events.length - 1; i >= 0; i -= 1) {
      var event = events[i];
      if (seen(event.key)) continue;
      body.insertBefore(rowFor(event), body.firstChild);
      added += 1;
      if (!newest || event.at > newest) newest = event.at;
    }
    while (body.rows.length > KEEP) body.deleteRow(body.rows.length - 1);
    if (added) {
      if (window.crmhubLocalise) window.crmhubLocalise(body);
      document.getElementById("tail-empty").hidden = true;
      var count = body.rows.length;
      document.getElementById("tail-count").textContent = count + " event" + (count === 1 ? "" : "s") + " shown";
    }
  }
  function state(text, className) {
    stateText.textContent = text;
    bar.classList.remove("paused", "lost");
    if (className) bar.classList.add(className);
  }
  function url() {
    var separator = feed.indexOf("?") === -1 ? "?" : "&";
    return newest ? feed + separator + "since=" + encodeURIComponent(newest) : feed;
  }
  function schedule(delay) {
    window.clearTimeout(timer);
    if (!paused) timer = window.setTimeout(poll, delay);
  }
  function poll() {
    fetch(url(), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        misses = 0;
        if (paused) return;
        show(data.events || []);
        state("Live: updating every 3 seconds", "");
        schedule(INTERVAL);
      })
      .catch(function () {
        misses += 1;
        var wait = Math.min(60000, INTERVAL * Math.pow(2, misses));
        state("Connection lost: trying again in " + Math.round(wait / 1000) + " s", "lost");
        schedule(wait);
      });
  }
  pauseButton.addEventListener("click", function () {
    paused = !paused;
    pauseButton.textContent = paused ? "Resume" : "Pause";
    pauseButton.setAttribute("aria-pressed", paused ? "true" : "false");
    if (paused) { window.clearTimeout(timer); state("Paused", "paused"); }
    else { state("Live: updating every 3 seconds", ""); poll(); }
  });
  schedule(INTERVAL);
})();
