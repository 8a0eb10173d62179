/* Copy buttons on the referrers' page: copy an address or a paragraph to the clipboard and say
 * so on the button itself ("Gekopieerd ✓" for a moment, then back) and, for screen readers, in
 * the polite live region right after the button, naming what was copied. All words are in the
 * page (data-copied, data-failed), written at build time from data/clinician_kit.yml. The
 * buttons appear only where the clipboard can be used. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  var SHOWN_FOR = 2500; // milliseconds the confirmation stays on the button
  var timers = {};
  var count = 0;

  function confirm(button, state) {
    var id = button.getAttribute("data-copy-id");
    var region = button.nextElementSibling;
    var message = button.getAttribute(state === "done" ? "data-copied" : "data-failed");
    window.clearTimeout(timers[id]);
    button.setAttribute("data-state", state);
    if (region && region.classList.contains("copy-feedback")) {
      // Emptied first, so copying the same thing twice is announced twice.
      region.textContent = "";
      window.setTimeout(function () {
        region.textContent = message;
      }, 100);
    }
    timers[id] = window.setTimeout(function () {
      button.removeAttribute("data-state");
      if (region) {
        region.textContent = "";
      }
    }, SHOWN_FOR);
  }

  Array.prototype.forEach.call(document.querySelectorAll(".copy-button"), function (button) {
    count += 1;
    button.setAttribute("data-copy-id", String(count));
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy");
      var source = button.getAttribute("data-copy-from");
      if (source) {
        text = document.getElementById(source).textContent.replace(/\s+/g, " ").trim();
      }
      navigator.clipboard.writeText(text).then(function () {
        confirm(button, "done");
      }, function () {
        confirm(button, "failed");
      });
    });
  });
})();
