// Live redline of a proposal against the circulated wording, as the delegate types.
(function () {
  "use strict";
  var timer = null;
  document.addEventListener("input", function (event) {
    var box = event.target;
    if (!box.classList || !box.classList.contains("proposed")) { return; }
    var out = box.closest("form").querySelector(".live-redline");
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      window.penholderFetch("/api/v1/redline", {
        method: "POST",
        body: JSON.stringify({ old: box.defaultValue, new: box.value })
      }).then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) { out.innerHTML = data.html; } });
    }, 250);
  });
})();
