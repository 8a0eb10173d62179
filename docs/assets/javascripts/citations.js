// The way back from a source to the number the reader tapped. Under each source in the list at
// the end of the page is a link back to the text; a source the page cites more than once has one
// per mention, numbered 1, 2, 3. After a tap on a number in the text, this script marks the link
// that leads back to that very number (citation-back--from), so the reader sees which one takes
// them back to where they were. Without this script every link still works.
(function () {
  "use strict";
  var MARK = "citation-back--from";

  document.addEventListener("click", function (event) {
    var number = event.target.closest && event.target.closest("sup.citation a");
    if (!number) return;
    var citation = number.closest("sup.citation");
    document.querySelectorAll("a." + MARK).forEach(function (link) {
      link.classList.remove(MARK);
    });
    var source = document.getElementById(decodeURIComponent(number.hash.slice(1)));
    if (!source || !citation.id) return;
    source.querySelectorAll("a.citation-back").forEach(function (link) {
      if (link.hash === "#" + citation.id) link.classList.add(MARK);
    });
  }, true);
})();
