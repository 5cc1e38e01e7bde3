// Clause forms on long pages: the page carries each form once, in a <template>; opening a
// clause's "Comment or propose" or "Record a position" copies it into that clause.
(function () {
  "use strict";
  document.addEventListener("toggle", function (event) {
    var box = event.target;
    if (!box.open || !box.dataset || !box.dataset.form || box.dataset.filled) { return; }
    var template = document.getElementById(box.dataset.form);
    if (!template) { return; }
    var form = template.content.firstElementChild.cloneNode(true);
    form.setAttribute("action", box.dataset.action);
    var version = form.querySelector("input[name=version_id]");
    if (version) { version.value = box.dataset.version; }
    var proposed = form.querySelector("textarea.proposed");
    var text = box.closest("article").querySelector(".clause-text");
    if (proposed && text) { proposed.defaultValue = text.textContent; }
    box.replaceChild(form, box.querySelector("a"));
    box.dataset.filled = "1";
  }, true);
})();

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
