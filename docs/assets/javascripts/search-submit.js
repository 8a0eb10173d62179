/* The search form's button ("Zoek", "Search"; theme_html.add_search_submit puts it in the
 * theme's form). The theme shows results while the reader types and closes them when focus
 * leaves the search box with Tab. The button opens them again if needed, and moves focus to the
 * line that says how many pages were found; the arrow keys then go through the results, as the
 * theme has it. An empty box is not submitted: the browser asks for a word first (`required`).
 * Without JavaScript the theme's search does not work at all, so there is nothing to submit. */
(function () {
  "use strict";

  var form = document.querySelector("form.md-search__form");
  var toggle = document.querySelector('input[data-md-toggle="search"]');
  if (!form || !toggle) {
    return;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!toggle.checked) {
      // The theme follows its toggle's change event: this opens the results as the theme does.
      toggle.checked = true;
      toggle.dispatchEvent(new Event("change"));
    }
    var scrollwrap = document.querySelector(".md-search__scrollwrap");
    if (scrollwrap) {
      scrollwrap.scrollTop = 0;
    }
    // The theme only changes this line's text, never the element, so focus stays on it while
    // the results for the last words typed arrive.
    var meta = document.querySelector(".md-search-result__meta");
    if (meta) {
      meta.setAttribute("tabindex", "-1");
      meta.focus();
    }
  });
})();
