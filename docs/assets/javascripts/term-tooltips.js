// A glossary word's explanation opens above the word when there is no room for it below.
// The theme (Material's content.tooltips) always puts it under the word, so a word near the
// bottom of a phone's screen got an explanation that ran off the screen. The theme creates each
// explanation as a [role="tooltip"] element at the end of <body>, and sets its place on it
// (--md-tooltip-y, under the word) each time it opens and when the page scrolls; this script
// watches for that and moves it above the word when it does not fit below and fits better above.
// Without this script the explanation still opens, under the word.
(function () {
  "use strict";
  var GAP = 8; // px between the word and its explanation, as the theme leaves it below

  function place(tooltip) {
    var word = document.querySelector('[aria-describedby="' + tooltip.id + '"]');
    var text = tooltip.firstElementChild;
    if (!word || !text) return; // not open
    var box = word.getBoundingClientRect();
    var height = text.getBoundingClientRect().height;
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    var below = window.innerHeight - box.bottom - GAP;
    var above = box.top - top - GAP;
    var up = height > below && above > below;
    var y = (up ? -(GAP + height) : GAP + box.height) + "px";
    // Only what differs: each change is seen again by the observer below.
    if (tooltip.style.getPropertyValue("--md-tooltip-y") !== y) {
      tooltip.style.setProperty("--md-tooltip-y", y);
    }
    if (tooltip.classList.contains("md-tooltip2--top") !== up) {
      tooltip.classList.toggle("md-tooltip2--top", up);
      tooltip.classList.toggle("md-tooltip2--bottom", !up);
    }
  }

  var watch = new MutationObserver(function (records) {
    records.forEach(function (record) {
      place(record.target);
    });
  });

  function follow(node) {
    if (node.nodeType === 1 && node.getAttribute("role") === "tooltip" && node.classList.contains("md-tooltip2")) {
      watch.observe(node, { attributes: true, attributeFilter: ["style", "class"] });
      place(node);
    }
  }

  // The theme adds an explanation when its word is first pointed at, tapped or reached by Tab.
  new MutationObserver(function (records) {
    records.forEach(function (record) {
      record.addedNodes.forEach(follow);
    });
  }).observe(document.body, { childList: true });
  Array.prototype.forEach.call(document.body.children, follow);
})();
