// clearhouse review desk: shows the desk again when the site's files
// change (serve's live reload), unless the reviewer is in one of
// its forms (typing, or on a button); then it says so and waits to be asked. No other script:
// every action is a plain form, so the desk works without it.
(function () {
  "use strict";
  var script = document.currentScript;
  var url = script.getAttribute("data-version-url");
  var seen = script.getAttribute("data-version");
  var typing = false;
  document.addEventListener("input", function () { typing = true; });
  function busy() {
    var active = document.activeElement;
    return typing || (active && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(active.tagName));
  }
  function check() {
    fetch(url, { cache: "no-store", credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : seen; })
      .then(function (version) {
        if (version === seen) { return; }
        if (busy()) {
          var note = document.getElementById("changed");
          if (note) { note.hidden = false; }
        } else {
          location.reload();
        }
      })
      .catch(function () {});
  }
  setInterval(check, 1000);
})();
