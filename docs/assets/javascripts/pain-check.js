/* Pain-rule checker: shows the form and looks the answers up in the advice table that the
 * build put on the page (heuppijn_site.pain_rule.checker_extension). It holds no rules or limits of its own, stores
 * nothing and sends nothing: the answers never leave the browser.
 *
 * A ticked warning sign shows what to do right under the box (announced politely) as well as
 * in the advice; the advice region then stays quiet, so a screen reader hears it once.
 *
 * Each level's words come from the <template data-pain-check-levels> the build wrote (the
 * emergency number in them is a link that calls it); the script copies them, never rewrites them. */
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
    var openItems = root.querySelectorAll("[data-pain-check-open] li");
    var advice = root.querySelector("[data-pain-check-advice]");
    var title = root.querySelector("[data-pain-check-title]");
    var message = root.querySelector("[data-pain-check-message]");
    var reasonsHeading = root.querySelector("[data-pain-check-reasons-heading]");
    var reasonsList = root.querySelector("[data-pain-check-reasons]");
    var signBoxes = form.querySelectorAll('input[name="red_flag"]');
    var partial = root.querySelector("[data-pain-check-partial]");
    var painNote = root.querySelector("[data-pain-check-pain-note]");
    var levelWords = root.querySelector("template[data-pain-check-levels]").content;

    // Change a text only when it differs: a screen reader then hears only what is new, not the
    // same line again on every arrow key.
    function setText(element, text) {
      if (element.textContent !== text) {
        element.textContent = text;
      }
    }

    // A level's action ("strong") or what to do ("span"), as the build wrote them.
    function levelPart(level, part) {
      return levelWords.querySelector('[data-level="' + level + '"] > ' + part);
    }

    // Copies of the nodes, links included, added to the element.
    function appendCopy(element, nodes) {
      Array.prototype.forEach.call(nodes, function (node) {
        element.appendChild(node.cloneNode(true));
      });
    }

    // The element's content becomes the source's, only when the words differ (as setText).
    function setWords(element, source) {
      if (element.textContent !== source.textContent) {
        element.textContent = "";
        appendCopy(element, source.childNodes);
      }
    }

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

    // What to do, right under every ticked box: the most urgent action among the ticked signs,
    // so a less urgent sign never says "not an emergency" while a 112 sign is ticked.
    function showSignNotes(changed) {
      var ticked = tickedSigns();
      var urgent = "";
      ticked.forEach(function (box) {
        var level = box.getAttribute("data-level");
        if (urgent === "" || data.options.signs.indexOf(level) < data.options.signs.indexOf(urgent)) {
          urgent = level;
        }
      });
      Array.prototype.forEach.call(signBoxes, function (box) {
        var note = box.closest(".pain-check__sign").querySelector("[data-pain-check-sign-note]");
        var level = box.checked ? urgent : "";
        if (note.getAttribute("data-level") === level && (level === "" || note.firstChild)) {
          return;  // unchanged: nothing new for a screen reader
        }
        note.setAttribute("data-level", level);
        while (note.firstChild) {
          note.removeChild(note.firstChild);
        }
        if (level === "") {
          return;
        }
        appendCopy(note, levelPart(level, "strong").parentNode.childNodes);
      });
      // Never off-screen: scroll just enough that the advice under the tapped box is in view.
      var changedNote = changed && changed.closest(".pain-check__sign").querySelector("[data-pain-check-sign-note]");
      if (changed && changed.checked && changedNote.scrollIntoView) {
        changedNote.scrollIntoView({ block: "nearest" });
      }
    }

    // Under the scale, where the person just tapped: from the severe score, stop this exercise
    // today; above the limit, what to do; within it, that it is fine and what to look at tomorrow.
    function showPainNote() {
      var pain = answer("pain");
      var limit = Number(painNote.getAttribute("data-limit"));
      var severe = Number(painNote.getAttribute("data-severe"));
      var state = pain === "" ? "" : Number(pain) >= severe ? "severe" : Number(pain) > limit ? "above" : "within";
      if (painNote.getAttribute("data-state") === state) {
        return;  // the same for every value on this side of the limit: said once
      }
      // The levels come from the data, as the advice below takes them.
      var reasons = { severe: "pain_severe", above: "pain_above_limit" };
      var levels = { severe: data.reasonLevels.pain_severe, above: data.reasonLevels.pain_above_limit,
                     within: "continue" };
      painNote.setAttribute("data-state", state);
      painNote.setAttribute("data-level", levels[state] || "");
      while (painNote.firstChild) {
        painNote.removeChild(painNote.firstChild);
      }
      if (reasons[state]) {
        appendCopy(painNote, [levelPart(levels[state], "strong")]);
        // The severe reason says the action itself; the title says it already.
        var why = state === "severe" ? "" : " " + data.reasons[reasons[state]];
        painNote.appendChild(document.createTextNode(why + " "));
        appendCopy(painNote, [levelPart(levels[state], "span")]);
      } else if (state === "within") {
        painNote.appendChild(document.createTextNode(data.pain_within));
      }
      if (state !== "" && painNote.scrollIntoView) {
        painNote.scrollIntoView({ block: "nearest" });
      }
    }

    function update(event) {
      var name = event && event.target ? event.target.name : "";
      showSignNotes(name === "red_flag" ? event.target : null);
      showPainNote();
      // The note where the person tapped has said it; the advice below changes without a
      // second announcement.
      result.setAttribute("aria-live", name === "red_flag" || name === "pain" ? "off" : "polite");

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
      // The questions still open, by number and name (in the waiting text and under early advice).
      var open = QUESTIONS.filter(function (name, index) {
        return values[index] === "";
      });
      Array.prototype.forEach.call(openItems, function (item) {
        item.hidden = open.indexOf(item.getAttribute("data-question")) < 0;
      });

      if (!entry) {
        result.setAttribute("data-level", "");
        result.setAttribute("data-reasons", "");
        result.setAttribute("data-shown", "");
        waiting.hidden = false;
        advice.hidden = true;
        return;
      }

      var parts = entry.split(" ");
      var level = parts[0];
      var reasons = parts.slice(1);
      result.setAttribute("data-level", level);
      result.setAttribute("data-reasons", reasons.join(" "));
      setWords(title, levelPart(level, "strong"));
      setWords(message, levelPart(level, "span"));
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
      // Rebuild the list only when it changes: a live region reads out whatever is rewritten.
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
      reasonsHeading.hidden = lines.length === 0;
      reasonsList.hidden = lines.length === 0;
      // Advice before every question is answered: say which are still open (not for a sign).
      var showPartial = open.length > 0 && reasons.indexOf("warning_sign") < 0;
      partial.hidden = !showPartial;
      waiting.hidden = true;
      var wasHidden = advice.hidden;
      advice.hidden = false;
      // Answered question 2, 3 or 4 and the advice is new or changed: bring it into view.
      if ((name === "next_day" || name === "trend" || name === "weeks") &&
          (wasHidden || result.getAttribute("data-shown") !== level) && result.scrollIntoView) {
        result.scrollIntoView({ block: "nearest" });
      }
      result.setAttribute("data-shown", level);
    }

    form.addEventListener("change", update);
    // The advice follows every answer as it is given; the form's button ("Show my advice") also
    // shows it and moves focus there, so a keyboard, switch or screen-reader user lands on it
    // (or on what is still to answer). Nothing is sent anywhere.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      update();
      // In view with its label, below the fixed header (the stylesheet's scroll margin).
      result.focus({ preventScroll: true });
      if (result.scrollIntoView) {
        result.scrollIntoView({ block: "nearest" });
      }
    });
    // A question still open, tapped in the list: its question in view with its name, below the
    // fixed header, and focus on its chosen or first answer, for a keyboard or screen reader.
    root.addEventListener("click", function (event) {
      var link = event.target.closest("[data-pain-check-open] a");
      if (!link) {
        return;
      }
      event.preventDefault();
      var question = form.querySelector("#pain-check-question-" + link.parentNode.getAttribute("data-question"));
      var input = question.querySelector("input:checked") || question.querySelector("input");
      if (question.scrollIntoView) {
        question.scrollIntoView({ block: "start" });
      }
      input.focus({ preventScroll: true });
    });
    form.addEventListener("reset", function () {
      // The browser clears the fields after this event; look again once it has.
      window.setTimeout(function () {
        update();
      }, 0);
    });
    form.hidden = false;
    update();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-pain-check]"), setUp);
})();
