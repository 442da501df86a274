// Progressive enhancement only: every page works without this file.
// Loaded from a file, never inline, so the site can forbid inline scripts.
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  var leave = document.getElementById("leave-site");
  if (!leave) {
    return;
  }
  var destination = leave.getAttribute("href");

  // replace() rather than assign(): the Back button should not return here.
  function leaveNow(event) {
    if (event) {
      event.preventDefault();
    }
    root.classList.add("is-leaving");
    document.title = "Weather";
    window.location.replace(destination);
  }

  leave.addEventListener("click", leaveNow);

  // Escape twice within a second: once is too easy to press by accident
  // (it also closes menus and dialogs).
  var lastEscape = 0;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" && event.key !== "Esc") {
      return;
    }
    var now = Date.now();
    if (now - lastEscape < 1000) {
      leaveNow(event);
    }
    lastEscape = now;
  });
})();
