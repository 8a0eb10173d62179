/* On a redirect page (heuppijn_site.deploy.postbuild): go on at once, keeping the #anchor the reader came
 * with when the new address has none of its own. The meta refresh does the same without it. */
(function () {
  "use strict";
  var refresh = document.querySelector('meta[http-equiv="refresh"]');
  if (!refresh) {
    return;
  }
  var target = refresh.getAttribute("content").replace(/^\s*\d+\s*;\s*url=/i, "");
  if (target.indexOf("#") === -1 && window.location.hash) {
    target += window.location.hash;
  }
  window.location.replace(target);
})();
