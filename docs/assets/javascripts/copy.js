/* Copy buttons on the referrers' page: copy an address or a paragraph to the clipboard and say
 * so in the status line. The buttons appear only where the clipboard can be used. */
(function () {
  "use strict";
  if (!navigator.clipboard || !window.isSecureContext) {
    return;
  }
  var status = document.querySelector(".copy-status");

  function copied(button) {
    if (status) {
      status.textContent = status.getAttribute("data-copied") + ": " + (button.getAttribute("aria-label") || button.textContent);
    }
  }

  Array.prototype.forEach.call(document.querySelectorAll(".copy-button"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var text = button.getAttribute("data-copy");
      var source = button.getAttribute("data-copy-from");
      if (source) {
        text = document.getElementById(source).textContent;
      }
      navigator.clipboard.writeText(text).then(function () {
        copied(button);
      });
    });
  });
})();
