// Small progressive enhancements; every page works without JavaScript.
(function () {
  "use strict";
  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    var message = button && button.getAttribute("data-confirm");
    if (message && !window.confirm(message)) { event.preventDefault(); }
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
