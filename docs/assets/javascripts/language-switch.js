// The language switch keeps the reader's place: on /herstel/, read down to "Fase 2", the link to
// the English page becomes /en/recovery/#phase-2. The map of this page's section ids to the twin
// page's comes from the build (heuppijn_site.deploy.postbuild) as JSON in #__section-twins. The
// section is worked out when the link is used: the one in the address (a link, the table of
// contents) until the reader scrolls themselves; after that, the one whose heading the reader
// has scrolled to the top of the screen, or the one in the address while its heading is still on
// screen (a section at the end of a page cannot reach the top). What the browser or the page
// scrolls by itself (to the address's section, as stylesheets arrive) does not count.
// Without this script the link still opens the twin page, at its top.
(function () {
  "use strict";
  var data = document.getElementById("__section-twins");
  if (!data) return;
  var twins;
  try {
    twins = JSON.parse(data.textContent) || {};
  } catch (error) {
    return;
  }

  // The headings (and glossary terms) the twin page has too, in page order; not the page's
  // title: at the top of the page the twin opens at its top.
  function sections(map) {
    var found = [];
    document.querySelectorAll("article [id]").forEach(function (element) {
      if (map[element.id] && element.tagName !== "H1" && !element.classList.contains("old-anchor")
          && element.getClientRects().length) {
        found.push(element);
      }
    });
    return found;
  }

  function hashId() {
    try {
      return decodeURIComponent(location.hash.slice(1));
    } catch (error) {
      return ""; // not a valid address of a section
    }
  }

  function sectionHere(map) {
    var header = document.querySelector(".md-header");
    var top = header ? header.getBoundingClientRect().bottom : 0;
    // A heading counts as reached in the top quarter of the screen below the header.
    var line = top + (window.innerHeight - top) / 4;
    var reached = null;
    sections(map).forEach(function (element) {
      if (element.getBoundingClientRect().top <= line) reached = element;
    });
    var named = document.getElementById(hashId());
    if (named && map[named.id] && !readerScrolled) return named.id;
    if (named && map[named.id]) {
      var box = named.getBoundingClientRect();
      var onScreen = box.bottom > top && box.top < window.innerHeight;
      var notPassed = !reached || reached === named
        || (reached.compareDocumentPosition(named) & Node.DOCUMENT_POSITION_FOLLOWING);
      if (onScreen && notPassed) return named.id;
    }
    return reached ? reached.id : "";
  }

  // Whether the reader has scrolled since the address last named a section: a finger, a wheel,
  // the scroll bar, or a key that scrolls the page (not Tab, which only moves to the switch, and
  // not a key typed in a field). Back, forward and reload bring back where the reader was.
  var navigation = window.performance && performance.getEntriesByType
    ? performance.getEntriesByType("navigation")[0] : null;
  var readerScrolled = !!navigation && (navigation.type === "reload" || navigation.type === "back_forward");
  var SCROLL_KEYS = ["ArrowDown", "ArrowUp", "PageDown", "PageUp", "Home", "End", " "];
  function scrolled() {
    readerScrolled = true;
  }
  window.addEventListener("wheel", scrolled, { passive: true });
  window.addEventListener("touchmove", scrolled, { passive: true });
  window.addEventListener("mousedown", function (event) {
    if (event.target === document.documentElement) scrolled(); // the page's scroll bar
  });
  window.addEventListener("keydown", function (event) {
    var field = event.target.closest && event.target.closest("input, textarea, select, [contenteditable]");
    if (!field && SCROLL_KEYS.indexOf(event.key) >= 0) scrolled();
  });
  window.addEventListener("hashchange", function () {
    readerScrolled = false;
  });

  function point(link) {
    var map = twins[link.getAttribute("hreflang")] || {};
    var there = map[sectionHere(map)];
    var url = new URL(link.href, location.href);
    url.hash = there ? "#" + encodeURIComponent(there) : "";
    link.href = url.href;
  }

  function pointAll() {
    document.querySelectorAll("a[data-language-switch]").forEach(point);
  }

  // Click (mouse, touch, Enter), middle click and the context menu ("copy link") all see the
  // address for the section the reader is at now.
  ["click", "auxclick", "contextmenu"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      var link = event.target.closest && event.target.closest("a[data-language-switch]");
      if (link) point(link);
    }, true);
  });
  window.addEventListener("hashchange", pointAll);
  pointAll();
})();
