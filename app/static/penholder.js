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
  // Deadlines (app/timezones.py): a reader who chose no time zone on their account page
  // reads each deadline in their browser's zone, with the time left, kept up to date.
  function timeLeft(ms) {
    if (ms <= 0) { return "passed"; }
    var m = Math.floor(ms / 60000), d = Math.floor(m / 1440), h = Math.floor((m % 1440) / 60), min = m % 60;
    function unit(n, w) { return n + " " + w + (n === 1 ? "" : "s"); }
    if (d) { return unit(d, "day") + (h ? " " + unit(h, "hour") : "") + " left"; }
    if (h) { return unit(h, "hour") + (min ? " " + unit(min, "minute") : "") + " left"; }
    return unit(Math.max(min, 1), "minute") + " left";
  }
  function showDeadlines() {
    Array.prototype.forEach.call(document.querySelectorAll('time.deadline[data-zone-chosen="0"]'), function (el) {
      var when = new Date(el.getAttribute("datetime"));
      if (isNaN(when)) { return; }
      var zone = (Intl.DateTimeFormat().resolvedOptions() || {}).timeZone || "";
      var local = when.toLocaleString(undefined, {year: "numeric", month: "2-digit", day: "2-digit",
                                                  hour: "2-digit", minute: "2-digit", timeZoneName: "short"});
      el.textContent = local + (zone ? " (" + zone + ")" : "") + " · " + timeLeft(when - new Date());
      el.setAttribute("data-zone-shown", zone);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    showDeadlines();
    window.setInterval(showDeadlines, 60000);
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
