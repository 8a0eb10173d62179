/* Pain-rule checker: shows the form and looks the answers up in the advice table that the
 * build put on the page (hooks/pain_check.py). It holds no rules or limits of its own, stores
 * nothing and sends nothing: the answers never leave the browser. */
(function () {
  "use strict";

  var QUESTIONS = ["pain", "next_day", "trend", "weeks"];

  function setUp(root) {
    var form = root.querySelector("[data-pain-check-form]");
    var dataNode = root.querySelector("[data-pain-check-data]");
    if (!form || !dataNode) {
      return;
    }
    var data = JSON.parse(dataNode.textContent);
    var result = root.querySelector("[data-pain-check-result]");
    var waiting = root.querySelector("[data-pain-check-waiting]");
    var remaining = root.querySelector("[data-pain-check-remaining]");
    var advice = root.querySelector("[data-pain-check-advice]");
    var title = root.querySelector("[data-pain-check-title]");
    var message = root.querySelector("[data-pain-check-message]");
    var reasonsHeading = root.querySelector("[data-pain-check-reasons-heading]");
    var reasonsList = root.querySelector("[data-pain-check-reasons]");

    function answer(name) {
      var checked = form.querySelector('input[name="' + name + '"]:checked');
      return checked ? checked.value : "";
    }

    function update() {
      var values = QUESTIONS.map(answer);
      var flagged = form.querySelector('input[name="red_flag"]:checked') ? 1 : 0;
      // Each answer's place in its list of options, plus one (0: not answered yet).
      var cell = data.table[flagged];
      values.forEach(function (value, index) {
        cell = cell[data.options[QUESTIONS[index]].indexOf(value) + 1];
      });
      var entry = cell >= 0 ? data.outcomes[cell] : null;

      if (!entry) {
        var open = [];
        values.forEach(function (value, index) {
          if (value === "") {
            open.push(String(index + 1));
          }
        });
        result.setAttribute("data-level", "");
        result.setAttribute("data-reasons", "");
        remaining.textContent = open.length ? remaining.getAttribute("data-label") + " " + open.join(", ") : "";
        waiting.hidden = false;
        advice.hidden = true;
        return;
      }

      var parts = entry.split(" ");
      var level = parts[0];
      var reasons = parts.slice(1);
      result.setAttribute("data-level", level);
      result.setAttribute("data-reasons", reasons.join(" "));
      title.textContent = data.levels[level].title;
      message.textContent = data.levels[level].message;
      while (reasonsList.firstChild) {
        reasonsList.removeChild(reasonsList.firstChild);
      }
      reasons.forEach(function (reason) {
        var item = document.createElement("li");
        item.textContent = data.reasons[reason];
        reasonsList.appendChild(item);
      });
      reasonsHeading.hidden = reasons.length === 0;
      reasonsList.hidden = reasons.length === 0;
      waiting.hidden = true;
      advice.hidden = false;
    }

    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("reset", function () {
      // The browser clears the fields after this event; look again once it has.
      window.setTimeout(update, 0);
    });
    form.hidden = false;
    update();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-pain-check]"), setUp);
})();
