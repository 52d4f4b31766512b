/*
 * Maturity self-assessment page: renders the questionnaire (fetched from the JSON that the
 * downloads hook writes at build time) as checkboxes and scores it as the user answers.
 *
 * The scoring is the same rule as reference_impl/guidance/assessment.py, and a browser test
 * compares the two: a dimension reaches level L when every question of levels 1..L is
 * answered yes; the overall level is the lowest dimension level; the gaps are the questions
 * answered no at each dimension's next level, lowest target level first.
 *
 * Hooks for tests: #maturity-assessment[data-ready], input[data-question],
 * tr[data-dimension][data-level], #maturity-overall[data-overall-level], li[data-gap].
 */
(function () {
  "use strict";

  function levelOf(dimension, answers) {
    var reached = 0;
    for (var level = 1; level <= 4; level++) {
      var atLevel = dimension.questions.filter(function (q) { return q.level === level; });
      var allYes = atLevel.every(function (q) { return answers[q.id] === true; });
      if (atLevel.length === 0 || !allYes) { break; }
      reached = level;
    }
    return reached;
  }

  function score(data, answers) {
    var scores = [];
    var gaps = [];
    data.dimensions.forEach(function (dimension) {
      var level = levelOf(dimension, answers);
      scores.push({ id: dimension.id, name: dimension.name, level: level });
      dimension.questions.forEach(function (q) {
        if (q.level === level + 1 && answers[q.id] !== true) {
          gaps.push({ dimension: dimension.name, target: level + 1, question: q });
        }
      });
    });
    // Array.prototype.sort is stable, so questionnaire order is kept within a level.
    gaps.sort(function (a, b) { return a.target - b.target; });
    var overall = Math.min.apply(null, scores.map(function (s) { return s.level; }));
    return { scores: scores, overall: overall, gaps: gaps };
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function pageUrl(siteBase, page) {
    return new URL(page.replace(/(^|\/)index\.md$/, "$1").replace(/\.md$/, "/"), siteBase).href;
  }

  function renderForm(form, data) {
    form.textContent = "";
    data.dimensions.forEach(function (dimension) {
      var fieldset = el("fieldset", { "data-dimension": dimension.id });
      fieldset.appendChild(el("legend", {}, dimension.name));
      dimension.questions.forEach(function (q) {
        var row = el("div", { class: "maturity-question" });
        var box = el("input", {
          type: "checkbox",
          id: "q-" + q.id,
          name: q.id,
          "data-question": q.id,
          "data-level": String(q.level),
        });
        var label = el("label", { for: "q-" + q.id }, " Level " + q.level + ": " + q.text);
        row.appendChild(box);
        row.appendChild(label);
        fieldset.appendChild(row);
      });
      form.appendChild(fieldset);
    });
  }

  function renderResult(result, data, siteBase, outcome) {
    var names = {};
    data.levels.forEach(function (l) { names[l.level] = l.name; });
    result.textContent = "";
    var table = el("table", { id: "maturity-levels" });
    var head = el("tr");
    ["Dimension", "Level"].forEach(function (h) { head.appendChild(el("th", {}, h)); });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    outcome.scores.forEach(function (s) {
      var row = el("tr", { "data-dimension": s.id, "data-level": String(s.level) });
      row.appendChild(el("td", {}, s.name));
      row.appendChild(el("td", {}, String(s.level)));
      body.appendChild(row);
    });
    result.appendChild(table);
    result.appendChild(el("p", {
      id: "maturity-overall",
      "data-overall-level": String(outcome.overall),
    }, "Overall: level " + outcome.overall + " — " + names[outcome.overall] +
       " (the weakest dimension sets it)."));
    if (outcome.gaps.length === 0) {
      result.appendChild(el("p", {}, "No gaps: every question is answered yes."));
      return;
    }
    result.appendChild(el("p", {}, "Close these next, most urgent first:"));
    var list = el("ol", { id: "maturity-gaps" });
    outcome.gaps.forEach(function (gap) {
      var item = el("li", { "data-gap": gap.question.id, "data-target-level": String(gap.target) });
      item.appendChild(document.createTextNode(
        gap.dimension + " → level " + gap.target + ": " + gap.question.text + " "));
      item.appendChild(el("a", { href: pageUrl(siteBase, gap.question.page) }, "Read how"));
      list.appendChild(item);
    });
    result.appendChild(list);
  }

  function answersOf(form) {
    var answers = {};
    form.querySelectorAll("input[data-question]").forEach(function (box) {
      answers[box.getAttribute("data-question")] = box.checked;
    });
    return answers;
  }

  function mount() {
    var root = document.getElementById("maturity-assessment");
    if (!root || root.getAttribute("data-ready") === "true") { return; }
    var form = document.getElementById("maturity-form");
    var result = document.getElementById("maturity-result");
    var source = new URL(root.getAttribute("data-questionnaire"), window.location.href);
    var siteBase = new URL("../../", source);
    fetch(source.href)
      .then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.json();
      })
      .then(function (data) {
        renderForm(form, data);
        var update = function () { renderResult(result, data, siteBase, score(data, answersOf(form))); };
        form.addEventListener("change", update);
        update();
        root.setAttribute("data-ready", "true");
      })
      .catch(function (error) {
        result.textContent = "The questionnaire could not be loaded (" + error.message +
          "). Use the command line instead: python -m reference_impl assess";
        root.setAttribute("data-error", error.message);
      });
  }

  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(mount);  // Material: runs on first load and after instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mount);
  } else {
    mount();
  }
})();
