/* Step up, stay or step back: shows the form and looks the answers up in the table that the
 * build put on the page (heuppijn_site.exercises.step_rule). It holds no rule of its own, stores
 * nothing and sends nothing: the answers never leave the browser. */
(function () {
  "use strict";

  var QUESTIONS = ["pain", "next_day", "effort"];

  function setUp(root) {
    var form = root.querySelector("[data-exercise-progress-form]");
    var dataNode = root.querySelector("[data-exercise-progress-data]");
    if (!form || !dataNode) {
      return;
    }
    var data = JSON.parse(dataNode.textContent);
    var result = root.querySelector("[data-exercise-progress-result]");
    var waiting = root.querySelector("[data-exercise-progress-waiting]");
    var advice = root.querySelector("[data-exercise-progress-advice]");
    var title = root.querySelector("[data-exercise-progress-title]");
    var message = root.querySelector("[data-exercise-progress-message]");
    var reasonsList = root.querySelector("[data-exercise-progress-reasons]");

    function answer(name) {
      var checked = form.querySelector('input[name="' + name + '"]:checked');
      return checked ? checked.value : "";
    }

    // Change a text only when it differs: a screen reader then hears only what is new.
    function setText(element, text) {
      if (element.textContent !== text) {
        element.textContent = text;
      }
    }

    var wasComplete = false;

    function update(event) {
      var name = event && event.target ? event.target.name : "";
      var complete = QUESTIONS.every(function (question) { return answer(question) !== ""; });
      var justComplete = complete && !wasComplete;
      wasComplete = complete;
      var cell = data.table;
      QUESTIONS.forEach(function (question) {
        cell = cell[data.options[question].indexOf(answer(question)) + 1];
      });
      var entry = cell >= 0 ? data.outcomes[cell] : null;
      if (!entry) {
        result.setAttribute("data-step", "");
        result.setAttribute("data-reasons", "");
        waiting.hidden = false;
        advice.hidden = true;
        return;
      }
      var parts = entry.split(" ");
      var step = parts[0];
      var reasons = parts.slice(1);
      var wasShown = result.getAttribute("data-step");
      result.setAttribute("data-step", step);
      result.setAttribute("data-reasons", reasons.join(" "));
      // Pain at the severe score: stop for today first (the step stays "down").
      var words = data.steps[reasons.indexOf("pain_severe") >= 0 ? "stop" : step];
      setText(title, words.title);
      setText(message, words.message);
      var lines = reasons.map(function (reason) { return data.reasons[reason]; });
      if (reasonsList.getAttribute("data-lines") !== lines.join("\n")) {
        reasonsList.setAttribute("data-lines", lines.join("\n"));
        while (reasonsList.firstChild) {
          reasonsList.removeChild(reasonsList.firstChild);
        }
        lines.forEach(function (line) {
          var item = document.createElement("li");
          item.textContent = line;
          reasonsList.appendChild(item);
        });
      }
      waiting.hidden = true;
      advice.hidden = false;
      // New or changed advice, or the last question just answered: bring it into view.
      if (name && (wasShown !== step || justComplete) && result.scrollIntoView) {
        result.scrollIntoView({ block: "nearest" });
      }
    }

    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update();
      result.focus();
      if (result.scrollIntoView) {
        result.scrollIntoView({ block: "nearest" });
      }
    });
    form.addEventListener("reset", function () {
      window.setTimeout(function () {
        update();
      }, 0);
    });
    form.hidden = false;
    update();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-exercise-progress]"), setUp);
})();
