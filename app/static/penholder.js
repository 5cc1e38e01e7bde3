// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = button && button.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
  });
  // Show/hide toggles (<details>) tell assistive technology whether they are open, also
  // where the browser does not expose it for <summary> by itself.
  function markExpanded(box) {
    var summary = box.querySelector(":scope > summary");
    if (summary) { summary.setAttribute("aria-expanded", box.open ? "true" : "false"); }
  }
  document.addEventListener("toggle", function (event) {
    if (event.target.tagName === "DETAILS") { markExpanded(event.target); }
  }, true);
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("details"), markExpanded);
  });
  // fetch() helper for same-origin JSON calls that carry the session's CSRF token.
  window.penholderFetch = function (url, options) {
    options = options || {};
    options.headers = Object.assign({
      "Content-Type": "application/json",
      "X-CSRFToken": document.querySelector('meta[name="csrf-token"]').content
    }, options.headers || {});
    options.credentials = "same-origin";
    return fetch(url, options);
  };
})();
