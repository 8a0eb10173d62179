// The language switch keeps the reader's place: on /herstel/#fase-2 the link to the English
// page becomes /en/recovery/#phase-2. The map of this page's section ids to the twin page's
// comes from the build (heuppijn_site.deploy.postbuild) as JSON in #__section-twins. The hash is read
// when the link is used, so a section reached later (table of contents, an in-page link) counts.
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

  function point(link) {
    var here = decodeURIComponent(location.hash.slice(1));
    var there = (twins[link.getAttribute("hreflang")] || {})[here];
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
