/* Pain-rule checker: shows the form and looks the answers up in the advice table that the
 * build put on the page (hooks/pain_check.py). It holds no rules or limits of its own, stores
 * nothing and sends nothing: the answers never leave the browser.
 *
 * A ticked warning sign shows what to do right under the box (announced politely) as well as
 * in the advice; the advice region then stays quiet, so a screen reader hears it once. */
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
    var signBoxes = form.querySelectorAll('input[name="red_flag"]');

    function answer(name) {
      var checked = form.querySelector('input[name="' + name + '"]:checked');
      return checked ? checked.value : "";
    }

    function tickedSigns() {
      return Array.prototype.filter.call(signBoxes, function (box) {
        return box.checked;
      });
    }

    function signText(box) {
      return box.parentNode.querySelector("span").textContent;
    }

    // What to do for a sign, right under its box: the level's action, then its instruction.
    function showSignNote(box) {
      var note = box.closest(".pain-check__sign").querySelector("[data-pain-check-sign-note]");
      while (note.firstChild) {
        note.removeChild(note.firstChild);
      }
      note.setAttribute("data-level", box.checked ? box.getAttribute("data-level") : "");
      if (!box.checked) {
        return;
      }
      var level = data.levels[box.getAttribute("data-level")];
      var strong = document.createElement("strong");
      strong.textContent = level.title;
      note.appendChild(strong);
      note.appendChild(document.createTextNode(" " + level.message));
      // Never off-screen: scroll just enough that the advice under the box is in view.
      if (note.scrollIntoView) {
        note.scrollIntoView({ block: "nearest" });
      }
    }

    function update(event) {
      var fromSign = Boolean(event && event.target && event.target.name === "red_flag");
      if (fromSign) {
        showSignNote(event.target);
      }
      // The note under the box has said it; the advice below changes without a second announcement.
      result.setAttribute("aria-live", fromSign ? "off" : "polite");

      var values = QUESTIONS.map(answer);
      var ticked = tickedSigns();
      // The most urgent level among the ticked signs: its place in options.signs, plus one.
      var signIndex = 0;
      ticked.forEach(function (box) {
        var index = data.options.signs.indexOf(box.getAttribute("data-level")) + 1;
        if (index > 0 && (signIndex === 0 || index < signIndex)) {
          signIndex = index;
        }
      });
      // Each answer's place in its list of options, plus one (0: not answered yet).
      var cell = data.table[signIndex];
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
      var lines = [];
      reasons.forEach(function (reason) {
        if (reason === "warning_sign") {
          ticked.forEach(function (box) {
            lines.push(signText(box));
          });
        } else {
          lines.push(data.reasons[reason]);
        }
      });
      lines.forEach(function (line) {
        var item = document.createElement("li");
        item.textContent = line;
        reasonsList.appendChild(item);
      });
      reasonsHeading.hidden = lines.length === 0;
      reasonsList.hidden = lines.length === 0;
      waiting.hidden = true;
      advice.hidden = false;
    }

    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
    });
    form.addEventListener("reset", function () {
      // The browser clears the fields after this event; look again once it has.
      window.setTimeout(function () {
        Array.prototype.forEach.call(signBoxes, showSignNote);
        update();
      }, 0);
    });
    form.hidden = false;
    update();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-pain-check]"), setUp);
})();
