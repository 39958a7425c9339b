// The grid mapping editor: shows each row's transform settings and conflict policy only where they apply, and
// previews the row's transform on its sample values as the row changes (the server computes it with the same
// code the write-back uses).
(function () {
  "use strict";
  var form = document.querySelector("form.grid-form");
  if (!form) return;
  var url = form.getAttribute("data-preview-url");
  var csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var timers = {};

  function showParams(row) {
    var transform = row.querySelector("[data-role=transform]").value;
    var owner = row.querySelector("[data-role=owner]").value;
    row.querySelectorAll("[data-for-transform]").forEach(function (node) {
      node.hidden = node.getAttribute("data-for-transform") !== transform;
    });
    row.querySelectorAll("[data-for-owner]").forEach(function (node) {
      node.hidden = node.getAttribute("data-for-owner") !== owner;
    });
  }

  function render(list, lines) {
    list.textContent = "";
    lines.forEach(function (line) {
      var item = document.createElement("li");
      item.className = line.ok ? "ok" : "bad";
      var raw = document.createElement("span");
      raw.className = "mono";
      raw.textContent = line.raw;
      item.appendChild(raw);
      item.appendChild(document.createTextNode(" → " + line.result));
      list.appendChild(item);
    });
  }

  function preview(row) {
    var body = new URLSearchParams();
    body.append("field", row.getAttribute("data-field"));
    row.querySelectorAll("input, select, textarea").forEach(function (input) {
      if (input.type === "checkbox") { if (input.checked) body.append(input.name, "on"); }
      else body.append(input.name, input.value);
    });
    var list = row.querySelector("ul.preview");
    list.setAttribute("aria-busy", "true");
    fetch(url, {
      method: "POST",
      headers: { "X-CSRFToken": csrf, "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString(),
      credentials: "same-origin",
    }).then(function (response) {
      return response.json();
    }).then(function (answer) {
      render(list, answer.lines || []);
    }).finally(function () {
      list.removeAttribute("aria-busy");
    });
  }

  form.querySelectorAll("tr.grid-row").forEach(function (row) {
    showParams(row);
    var changed = function () {
      showParams(row);
      var key = row.getAttribute("data-field");
      clearTimeout(timers[key]);
      timers[key] = setTimeout(function () { preview(row); }, 250);
    };
    row.addEventListener("input", changed);
    row.addEventListener("change", changed);
  });
})();
