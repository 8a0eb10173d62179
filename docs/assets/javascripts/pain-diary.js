/* Pain diary (partials/pain-diary.html): entries in this browser's localStorage only, never
 * sent; a table, a chart and advice. The rule's numbers and words are the build's JSON; the
 * conditions are diary_rules.py's (a browser test compares the two). Stored: {"version": 1,
 * "entries": [{"date": "2026-11-30", "pain": 3, "morning": "less"|"same"|"more"|null,
 * "activity": ""}]}, oldest first, one per date. Older versions are upgraded (UPGRADES); what
 * cannot be read is kept apart (APART) and offered for download, never dropped. */
(function () {
  "use strict";

  var KEY = "heuppijn.pain-diary";
  var APART = KEY + ".unreadable";
  var VERSION = 1;
  // UPGRADES[n](stored) turns what version n stored into version n + 1. Version 1 is the first.
  var UPGRADES = {};
  var DAY = 86400000;
  // The row buttons' icons, a pencil and a bin (on a phone the words are for screen readers only).
  var ICONS = {
    edit: "M3 17.25V21h3.75L17.81 9.94l-3.75-3.75zM20.71 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75z",
    "delete": "M6 19a2 2 0 0 0 2 2h8a2 2 0 0 0 2-2V7H6zM19 4h-3.5l-1-1h-5l-1 1H5v2h14z"
  };

  // Dates are "YYYY-MM-DD"; day numbers count days since 1970-01-01 (UTC: no clock, no DST).
  function dayNumber(iso) {
    var part = iso.split("-");
    return Date.UTC(+part[0], part[1] - 1, +part[2]) / DAY;
  }

  function isoOf(number) {
    return new Date(number * DAY).toISOString().slice(0, 10);
  }

  function validDay(text) {
    return /^\d{4}-\d{2}-\d{2}$/.test(text) && isoOf(dayNumber(text)) === text;
  }

  function todayIso() {
    var now = new Date();
    return isoOf(Date.UTC(now.getFullYear(), now.getMonth(), now.getDate()) / DAY);
  }

  function sum(values) {
    return values.reduce(function (total, value) { return total + value; }, 0);
  }

  // mean(higher) - mean(lower) >= points, in whole numbers (as diary_rules.py).
  function atLeast(higher, lower, points) {
    return sum(higher) * lower.length - sum(lower) * higher.length >= points * higher.length * lower.length;
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (whole, name) {
      return values.hasOwnProperty(name) ? values[name] : whole;
    });
  }

  function setUp(root) {
    var dataNode = root.querySelector("[data-pain-diary-data]");
    if (!dataNode) {
      return;
    }
    var data = JSON.parse(dataNode.textContent);
    var T = data.texts;
    var rule = data.rule;
    // The SVG namespace, from the advice's icons (an address in a script would be taken out).
    var SVG = root.querySelector("svg").namespaceURI;
    function find(name) {
      return root.querySelector("[data-pain-diary-" + name + "]");
    }
    var form = find("form");
    var heading = find("form-heading");
    var submit = find("submit");
    var cancel = find("cancel");
    var status = find("status");
    var advice = find("advice");
    var reasonsList = find("reasons");
    var chart = find("chart");
    var tbody = find("table").querySelector("tbody");
    var confirmBox = find("confirm");
    var clearButton = find("clear");
    var storageNote = find("storage");
    var damagedLink = find("damaged-download");
    var dateInput = form.elements.date;
    var activityInput = form.elements.activity;
    var entries = [];
    var editing = null;  // the date of the entry being changed
    // Deleted on this visit: each has an undo in its row's place (no row moves under the finger)
    // until its day has an entry again or everything is deleted.
    var deleted = [];
    var apart = [];  // what could not be read, kept for download
    var protect = false;  // that could not be kept apart: write nothing this visit
    var chartWidth = 0;
    var number = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 1 });
    var longDate = new Intl.DateTimeFormat(data.locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

    function dateText(iso, format) {
      return (format || longDate).format(new Date(dayNumber(iso) * DAY));
    }

    function setText(node, text) {
      if (node.textContent !== text) {
        node.textContent = text;
      }
    }

    function el(name, attributes, text, namespace) {
      var node = namespace ? document.createElementNS(namespace, name) : document.createElement(name);
      Object.keys(attributes || {}).forEach(function (key) {
        node.setAttribute(key, attributes[key]);
      });
      if (text !== undefined) {
        node.textContent = text;
      }
      return node;
    }

    function svg(parent, name, attributes, text) {
      return parent.appendChild(el(name, attributes, text, SVG));
    }

    // Storage ----------------------------------------------------------------------------

    var storage = null;
    try {
      storage = window.localStorage;
      storage.getItem(KEY);
    } catch (error) {
      storage = null;
    }

    function read(key) {
      try {
        return storage ? storage.getItem(key) : null;
      } catch (error) {
        return null;
      }
    }

    function write(key, value) {
      try {
        if (value === null) {
          storage.removeItem(key);
        } else {
          storage.setItem(key, value);
        }
        return true;
      } catch (error) {
        return false;  // no storage, or full
      }
    }

    function cleanEntry(item) {
      var morning = item && item.morning !== undefined ? item.morning : null;
      if (!item || typeof item.date !== "string" || !validDay(item.date) || typeof item.pain !== "number" ||
          item.pain % 1 !== 0 || item.pain < 0 || item.pain > 10 ||
          (morning !== null && !data.morning.hasOwnProperty(morning)) ||
          (item.activity !== undefined && typeof item.activity !== "string")) {
        return null;
      }
      return { date: item.date, pain: item.pain, morning: morning, activity: (item.activity || "").slice(0, data.activityLength) };
    }

    function byDate(a, b) {
      return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
    }

    function sortEntries() {
      entries.sort(byDate);
    }

    function addApart(raw) {
      if (apart.indexOf(raw) < 0) {
        apart.push(raw);
      }
    }

    // What an earlier visit kept apart: a list of stored texts (or one text, if that is damaged too).
    function readApart() {
      var kept = read(APART);
      var list = null;
      try {
        list = JSON.parse(kept);
      } catch (error) {
        list = null;
      }
      return kept === null ? [] : Array.isArray(list) ? list.map(String) : [kept];
    }

    // The stored diary; what cannot be used is kept apart first, and only then is the readable
    // part stored in its place.
    function load() {
      var raw = read(KEY);
      var stored = null;
      var seen = {};
      var unreadable = false;
      entries = [];
      try {
        stored = JSON.parse(raw);
      } catch (error) {
        stored = null;
      }
      while (stored && typeof stored === "object" && stored.version < VERSION && UPGRADES[stored.version]) {
        stored = UPGRADES[stored.version](stored);
      }
      if (stored && stored.version === VERSION && Array.isArray(stored.entries)) {
        stored.entries.forEach(function (item) {
          var entry = cleanEntry(item);
          unreadable = unreadable || !entry || !!seen[entry.date];
          if (entry && !seen[entry.date]) {
            seen[entry.date] = true;
            entries.push(entry);
          }
        });
      } else {
        unreadable = raw !== null;
      }
      sortEntries();
      readApart().forEach(addApart);
      if (unreadable) {
        addApart(raw);
        protect = !write(APART, JSON.stringify(apart));
        save();
      }
      find("damaged").hidden = !apart.length;
      if (apart.length) {
        URL.revokeObjectURL(damagedLink.href);
        damagedLink.href = URL.createObjectURL(new Blob([apart.join("\n")], { type: "text/plain" }));
        damagedLink.setAttribute("download", T.damaged_file + "-" + todayIso() + ".txt");
      }
    }

    function save() {
      var saved = !protect && write(KEY, entries.length ? JSON.stringify({ version: VERSION, entries: entries }) : null);
      storageNote.hidden = saved;
    }

    // The rule (diary_rules.py) ------------------------------------------------------------

    function pains(from, to) {
      return entries.filter(function (entry) {
        var day = dayNumber(entry.date);
        return day >= from && day <= to;
      }).map(function (entry) { return entry.pain; });
    }

    function adviceNow() {
      if (!entries.length) {
        return null;
      }
      var first = dayNumber(entries[0].date);
      var last = entries[entries.length - 1];
      var latest = dayNumber(last.date);
      var days = rule.windowDays;
      var recent = pains(latest - days + 1, latest);
      var before = pains(latest - 2 * days + 1, latest - days);
      var counted = recent.length >= rule.windowEntries && before.length >= rule.windowEntries;
      var fired = {
        worsening: counted && atLeast(recent, before, rule.worseningPoints),
        // Not getting better, while the last week's mean is above the threshold (whole numbers).
        not_improving: latest - first + 1 >= rule.notImprovingDays && atLeast(recent, pains(first, first + days - 1), 0) &&
          sum(recent) > rule.notImprovingAbove * recent.length,
        pain_severe: last.pain >= data.severe,
        pain_above_limit: last.pain > data.limit,
        next_day_worse: last.morning === "more"
      };
      var reasons = data.reasons.filter(function (reason) { return fired[reason]; });
      var level = "continue";
      reasons.forEach(function (reason) {
        var candidate = data.reasonLevels[reason];
        if (data.levels.indexOf(candidate) < data.levels.indexOf(level)) {
          level = candidate;
        }
      });
      return { level: level, reasons: reasons, counted: counted, recent: recent, before: before, last: last };
    }

    // Showing it ---------------------------------------------------------------------------

    function showAdvice() {
      var now = adviceNow();
      var means = find("means");
      var open = find("morning-open");
      find("empty").hidden = !!now;
      find("advice-body").hidden = !now;
      advice.setAttribute("data-level", now ? now.level : "");
      advice.setAttribute("data-reasons", now ? now.reasons.join(" ") : "");
      if (!now) {
        return;
      }
      setText(find("title"), data.levelTexts[now.level].title);
      setText(find("message"), data.levelTexts[now.level].message);
      var lines = now.reasons.map(function (reason) { return data.reasonTexts[reason]; });
      // Rebuilt only when it changes: a live region reads out whatever is rewritten.
      if (reasonsList.getAttribute("data-lines") !== lines.join("\n")) {
        reasonsList.setAttribute("data-lines", lines.join("\n"));
        reasonsList.textContent = "";
        lines.forEach(function (line) { reasonsList.appendChild(el("li", {}, line)); });
      }
      find("reasons-heading").hidden = reasonsList.hidden = !lines.length;
      means.hidden = !now.counted;
      open.hidden = now.last.morning !== null;
      if (now.counted) {
        setText(means, fill(T.means, {
          recent: number.format(sum(now.recent) / now.recent.length),
          before: number.format(sum(now.before) / now.before.length)
        }));
      }
      if (!open.hidden) {
        setText(open, fill(T.morning_open, { date: dateText(now.last.date) }));
      }
    }

    function showTable() {
      var years = {};
      entries.concat({ date: todayIso() }).forEach(function (entry) { years[entry.date.slice(0, 4)] = 1; });
      var short = new Intl.DateTimeFormat(data.locale, {
        weekday: "short", day: "numeric", month: "short", timeZone: "UTC",
        year: Object.keys(years).length > 1 ? "numeric" : undefined
      });
      tbody.textContent = "";
      deleted = deleted.filter(function (entry) { return indexOf(entry.date) < 0; });
      entries.concat(deleted).sort(byDate).forEach(function (entry) {
        var when = dateText(entry.date, short);
        if (deleted.indexOf(entry) >= 0) {
          undoRow(entry, when);
          return;
        }
        var row = tbody.appendChild(el("tr", { "data-date": entry.date }));
        var day = row.appendChild(el("th", { scope: "row" }));
        day.appendChild(el("span", { "class": "pain-diary__day" }, when));
        if (entry.activity) {
          day.appendChild(el("span", { "class": "pain-diary__activity" }, " " + entry.activity));
        }
        row.appendChild(el("td", entry.pain > data.limit ? { "class": "pain-diary__above" } : {}, String(entry.pain)));
        var morning = row.appendChild(el("td", entry.morning === "more" ? { "class": "pain-diary__worse" } : {},
          entry.morning ? data.morning[entry.morning] : "–"));
        if (!entry.morning) {
          morning.appendChild(el("span", { "class": "pain-diary__hidden" }, " " + T.morning_unknown));
        }
        var actions = row.appendChild(el("td", { "class": "pain-diary__row-actions" }));
        ["edit", "delete"].forEach(function (action) {
          var button = actions.appendChild(el("button", { type: "button", "class": "md-button" }));
          button.setAttribute("data-pain-diary-" + action, "");
          var icon = svg(button, "svg", { viewBox: "0 0 24 24", width: 20, height: 20, "aria-hidden": "true", focusable: "false" });
          svg(icon, "path", { d: ICONS[action] });
          button.appendChild(el("span", { "class": "pain-diary__button-text" }, T[action]));
          button.appendChild(el("span", { "class": "pain-diary__hidden" }, " " + when));
        });
      });
    }

    // In a deleted row's place: what happened (the day as the row said it) and Undo.
    function undoRow(entry, when) {
      var id = "pain-diary-deleted-" + entry.date;
      var cell = tbody.appendChild(el("tr", { "class": "pain-diary__undo-row", "data-deleted": entry.date }))
        .appendChild(el("td", { colspan: "4" })).appendChild(el("div", { "class": "pain-diary__undo" }));
      cell.appendChild(el("span", { id: id }, fill(T.deleted, { date: when })));
      cell.appendChild(el("button", { type: "button", "class": "md-button", "data-pain-diary-undo": "", "aria-describedby": id }, T.undo));
    }

    function chartSize() {
      return Math.max(280, Math.min(720, window.innerWidth - 32));
    }

    function showChart() {
      var old = chart.querySelector("svg");
      if (old) {
        chart.removeChild(old);
      }
      if (!entries.length) {
        return;
      }
      // Drawn at about the width it is shown at, so its words keep their size (from the window's
      // width: measuring the page would make the browser lay it out while the script runs).
      var width = chartWidth = chartSize();
      var height = 220;
      var left = 28;
      var right = width - 58;  // room for the limit's label, right of its line
      var bottom = 186;
      var first = dayNumber(entries[0].date);
      var days = dayNumber(entries[entries.length - 1].date) - first;
      function x(iso) {
        return days ? left + (dayNumber(iso) - first) / days * (right - left) : width / 2;
      }
      function y(pain) {
        return 12 + (10 - pain) / 10 * (bottom - 12);
      }
      var graph = el("svg", {
        viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
        "aria-labelledby": "pain-diary-chart-title", "class": "pain-diary__svg"
      }, undefined, SVG);
      var tick = new Intl.DateTimeFormat(data.locale, { day: "numeric", month: "short", timeZone: "UTC" });
      svg(graph, "title", { id: "pain-diary-chart-title" }, fill(T.chart_title, {
        first: dateText(entries[0].date), last: dateText(entries[entries.length - 1].date), count: entries.length
      }));
      for (var pain = 0; pain <= 10; pain += 2) {
        svg(graph, "line", { x1: left, x2: right, y1: y(pain), y2: y(pain), "class": "pain-diary__grid" });
        svg(graph, "text", { x: left - 6, y: y(pain) + 4, "class": "pain-diary__axis", "text-anchor": "end" }, String(pain));
      }
      // Dates along the bottom: the first day, then a week at a time, as room allows.
      var step = 7 * Math.ceil(70 / ((right - left) / Math.max(days, 1) * 7));
      for (var day = 0; day <= days; day += step) {
        var at = isoOf(first + day);
        svg(graph, "text", {
          x: x(at), y: bottom + 18, "class": "pain-diary__axis",
          "text-anchor": x(at) < left + 30 ? "start" : x(at) > right - 30 ? "end" : "middle"
        }, dateText(at, tick));
      }
      svg(graph, "line", { x1: left, x2: right, y1: y(data.limit), y2: y(data.limit), "class": "pain-diary__limit" });
      svg(graph, "text", { x: right + 6, y: y(data.limit) + 4, "class": "pain-diary__limit-label" },
        fill(T.chart_limit, { limit: data.limit }));
      svg(graph, "polyline", {
        points: entries.map(function (entry) { return x(entry.date) + "," + y(entry.pain); }).join(" "),
        "class": "pain-diary__line"
      });
      // A worse next morning: a triangle instead of a dot.
      entries.forEach(function (entry) {
        var px = x(entry.date);
        var py = y(entry.pain);
        if (entry.morning === "more") {
          svg(graph, "path", { d: "M" + px + " " + (py - 8) + "l7 12h-14z", "class": "pain-diary__mark pain-diary__mark--worse" });
        } else {
          svg(graph, "circle", { cx: px, cy: py, r: 5, "class": "pain-diary__mark" });
        }
      });
      chart.insertBefore(graph, chart.firstChild);
    }

    function render() {
      root.setAttribute("data-entries", String(entries.length));
      find("entries").hidden = !entries.length && !deleted.length;
      chart.hidden = find("tools").hidden = !entries.length;
      if (!entries.length) {
        confirmBox.hidden = true;
        clearButton.setAttribute("aria-expanded", "false");
      }
      showTable();
      showChart();
      showAdvice();
    }

    function say(text) {
      status.textContent = text;
    }

    function rowButton(date, action) {
      return tbody.querySelector('tr[data-' + (action === "undo" ? "deleted" : "date") + '="' + date + '"] [data-pain-diary-' + action + "]");
    }

    function indexOf(date) {
      for (var i = 0; i < entries.length; i += 1) {
        if (entries[i].date === date) {
          return i;
        }
      }
      return -1;
    }

    // The form -----------------------------------------------------------------------------

    function checked(name) {
      var input = form.querySelector('input[name="' + name + '"]:checked');
      return input ? input.value : "";
    }

    function showProblem(field, problem) {
      setText(root.querySelector('[data-pain-diary-error="' + field + '"]'), problem ? T[problem] : "");
      Array.prototype.forEach.call(form.querySelectorAll('input[name="' + field + '"]'), function (input) {
        if (problem) {
          input.setAttribute("aria-invalid", "true");
        } else {
          input.removeAttribute("aria-invalid");
        }
      });
    }

    function choose(name, value) {
      Array.prototype.forEach.call(form.querySelectorAll('input[name="' + name + '"]'), function (input) {
        input.checked = input.value === value;
      });
    }

    function startForm(entry) {
      editing = entry ? entry.date : null;
      dateInput.value = entry ? entry.date : todayIso();
      dateInput.max = todayIso();
      activityInput.value = entry ? entry.activity : "";
      choose("pain", entry ? String(entry.pain) : "");
      choose("morning", entry && entry.morning ? entry.morning : "");
      showProblem("date", "");
      showProblem("pain", "");
      heading.textContent = entry ? fill(T.form_edit, { date: dateText(entry.date) }) : heading.getAttribute("data-add");
      submit.textContent = entry ? T.save_edit : T.save;
      cancel.hidden = !entry;
    }

    // After a new entry: the empty form back in view (on a phone its top has scrolled away by
    // the time Save is tapped), the message under its heading.
    function formBack() {
      heading.focus({ preventScroll: true });
      if (heading.getBoundingClientRect().top < parseFloat(window.getComputedStyle(form).scrollMarginTop)) {
        form.scrollIntoView({ block: "start" });
      }
    }

    // Stored only when whole: a date up to today that has no entry yet (or is the one being
    // changed), and a pain score.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var date = dateInput.value;
      var pain = checked("pain");
      var problems = {
        date: !validDay(date) ? "date_missing" : date > todayIso() ? "date_future" :
          date !== editing && indexOf(date) >= 0 ? "date_taken" : "",
        pain: pain === "" ? "pain_missing" : ""
      };
      showProblem("date", problems.date);
      showProblem("pain", problems.pain);
      if (problems.date || problems.pain) {
        (problems.date ? dateInput : form.querySelector('input[name="pain"]')).focus();
        return;
      }
      var changed = editing;
      if (changed !== null && indexOf(changed) >= 0) {
        entries.splice(indexOf(changed), 1);
      }
      entries.push({ date: date, pain: +pain, morning: checked("morning") || null, activity: activityInput.value.trim().slice(0, data.activityLength) });
      sortEntries();
      save();
      startForm(null);
      render();
      say(fill(changed !== null ? T.changed : T.saved, { date: dateText(date) }));
      if (changed !== null) {
        rowButton(date, "edit").focus();
      } else {
        formBack();
      }
    });

    form.addEventListener("change", function (event) {
      if (event.target.name === "date" || event.target.name === "pain") {
        showProblem(event.target.name, "");
      }
    });

    cancel.addEventListener("click", function () {
      var button = rowButton(editing, "edit");
      startForm(null);
      status.textContent = "";
      (button || heading).focus();
    });

    tbody.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      var row = button && button.closest("tr");
      if (!row) {
        return;
      }
      status.textContent = "";
      if (button.hasAttribute("data-pain-diary-undo")) {
        undo(row.getAttribute("data-deleted"));
        return;
      }
      var index = indexOf(row.getAttribute("data-date"));
      if (button.hasAttribute("data-pain-diary-edit")) {
        startForm(entries[index]);
        heading.focus();
        return;
      }
      // The row becomes its undo, where finger, eyes and keyboard are (not the next row's delete).
      var entry = entries.splice(index, 1)[0];
      deleted.push(entry);
      if (editing === entry.date) {
        startForm(null);
      }
      save();
      render();
      say(fill(T.deleted, { date: dateText(entry.date) }));
      rowButton(entry.date, "undo").focus();
    });

    // The entry back as it was, also in storage; the keyboard on its delete button, as before.
    function undo(date) {
      var entry = deleted.filter(function (item) { return item.date === date; })[0];
      deleted.splice(deleted.indexOf(entry), 1);
      entries.push(entry);
      sortEntries();
      save();
      render();
      say(fill(T.restored, { date: dateText(date) }));
      rowButton(date, "delete").focus();
    }

    // Export, print, delete everything -------------------------------------------------------

    function csvField(value) {
      value = String(value).replace(/^[=+\-@\t\r]/, "'$&");  // never read as a formula
      return /[";,\r\n]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
    }

    find("export").addEventListener("click", function () {
      var lines = [[T.col_date, T.col_activity, T.col_pain, T.col_morning]].concat(entries.map(function (entry) {
        return [entry.date, entry.activity, entry.pain, entry.morning ? data.morning[entry.morning] : ""];
      })).map(function (fields) {
        return fields.map(csvField).join(T.csv_separator);
      });
      // A byte order mark first: spreadsheets then read the accents right.
      var url = URL.createObjectURL(new Blob(["\ufeff" + lines.join("\r\n") + "\r\n"], { type: "text/csv;charset=utf-8" }));
      var link = document.body.appendChild(el("a", { href: url, download: T.csv_file + "-" + todayIso() + ".csv", hidden: "" }));
      link.click();
      document.body.removeChild(link);
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    });

    function stamp() {
      setText(find("printed"), fill(T.printed, { date: dateText(todayIso()) }));
    }

    find("print").addEventListener("click", function () {
      stamp();
      window.print();
    });
    window.addEventListener("beforeprint", stamp);

    clearButton.addEventListener("click", function () {
      setText(find("confirm-question"), T.clear_question);
      confirmBox.hidden = false;
      clearButton.setAttribute("aria-expanded", "true");
      find("clear-cancel").focus();  // a stray Enter keeps the diary
    });

    find("clear-cancel").addEventListener("click", function () {
      confirmBox.hidden = true;
      clearButton.setAttribute("aria-expanded", "false");
      clearButton.focus();
    });

    find("clear-confirm").addEventListener("click", function () {
      entries = [];
      deleted = [];
      save();
      startForm(null);
      render();
      say(T.cleared);
      heading.focus();
    });

    find("damaged-discard").addEventListener("click", function () {
      write(APART, null);
      apart = [];
      find("damaged").hidden = true;
      heading.focus();
    });

    // Another tab (the other language's page: the same store) changed the diary.
    window.addEventListener("storage", function (event) {
      if (!protect && (event.key === KEY || event.key === APART || event.key === null)) {
        apart = [];
        load();
        render();
      }
    });

    window.addEventListener("resize", function () {
      if (entries.length && Math.abs(chartSize() - chartWidth) > 20) {
        showChart();
      }
    });

    heading.setAttribute("data-add", heading.textContent);
    find("blank").hidden = true;
    find("app").hidden = false;
    // The jump at the page's top (pain-diary-jump.html) now leads to the form.
    form.id = root.id;
    root.removeAttribute("id");
    load();
    // Nothing can be kept at all (storage blocked or full): said at once, not at the first save.
    storageNote.hidden = !protect && write(KEY + ".test", "1") && write(KEY + ".test", null);
    startForm(null);
    stamp();
    render();
  }

  Array.prototype.forEach.call(document.querySelectorAll("[data-pain-diary]"), setUp);
})();
