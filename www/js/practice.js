// The practice section: three problems whose text, checking, hints,
// solutions and schedule all come from one PracticeView in Rust. This file
// wires buttons and fields, moves text into the page, and keeps two records
// in localStorage under versioned keys: the progress (solved problems,
// hints, reviews) and the place in each problem (part reached, chosen
// lines), both read and validated by Rust.
import { PracticeView } from "../pkg/softmax_lesson_extras.js";
import { copyOrShow, showFieldError } from "./fields.js";
import { $ } from "./dom.js";

const KEY = "softmax-lesson.practice.v1";
const PLACE_KEY = "softmax-lesson.practice-place.v1";
const ANSWERS_KEY = "softmax-lesson.practice-answers.v1";
const LEVELS = ["easy", "medium", "hard"];
let view;
/** Appended to every storage key while an assignment is open, so its work
 * is kept apart from free practice (and from other assignments). */
let keySuffix = "";

function readStored(key) {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function save() {
  try {
    localStorage.setItem(KEY + keySuffix, view.progressText());
    localStorage.setItem(PLACE_KEY + keySuffix, view.placeText());
    if (keySuffix) localStorage.setItem(ANSWERS_KEY + keySuffix, view.answersText());
  } catch {
    // Storage may be unavailable (private mode): progress lasts for this visit only.
  }
}

/** Show `lines` (HTML from Rust: escaped text and MathML) as the items of
 * `list`, appending when the list only grows, so a live region announces
 * just the new line. */
function fillList(list, lines) {
  const shown = [...list.children].map((item) => item.dataset.html);
  const grows = shown.length <= lines.length && shown.every((html, i) => html === lines[i]);
  const item = (line) => {
    const li = document.createElement("li");
    li.innerHTML = line;
    li.dataset.html = line;
    return li;
  };
  if (grows) list.append(...lines.slice(shown.length).map(item));
  else list.replaceChildren(...lines.map(item));
}

function showError(level, message) {
  showFieldError($(`problem-${level}-answer`), message, $(`problem-${level}-error`));
}

function showVerdict(level, outcome, message) {
  const box = $(`problem-${level}-verdict`);
  box.dataset.outcome = outcome;
  // The message is HTML from Rust (escaped text and MathML).
  box.innerHTML = message;
}

function buildDerivation(level, derivation) {
  const box = $(`problem-${level}-derivation`);
  if (!derivation) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  // Every text of the derivation is HTML from Rust (escaped text, MathML).
  const start = document.createElement("p");
  start.innerHTML = derivation.start;
  const steps = derivation.steps.map((step, s) => {
    const set = document.createElement("fieldset");
    set.className = "step";
    const legend = document.createElement("legend");
    legend.innerHTML = step.prompt;
    set.append(legend);
    const verdict = document.createElement("p");
    verdict.className = "step-verdict";
    verdict.id = `problem-${level}-step-${s}-verdict`;
    verdict.setAttribute("aria-live", "polite");
    if (step.chosen !== null) {
      verdict.dataset.outcome = step.correct ? "correct" : "wrong";
      verdict.innerHTML = step.message;
    }
    step.options.forEach((option, o) => {
      const id = `problem-${level}-step-${s}-option-${o}`;
      const row = document.createElement("div");
      row.className = "choice";
      const input = document.createElement("input");
      input.type = "radio";
      input.name = `problem-${level}-step-${s}`;
      input.id = id;
      input.value = String(o);
      input.checked = step.chosen === o;
      input.setAttribute("aria-describedby", verdict.id);
      // A formula gives a control no name, so its words are written out.
      if (step.spoken[o]) input.setAttribute("aria-label", step.spoken[o]);
      // Choosing a line (with a click or the arrow keys, which move
      // through the lines one by one) only selects it; "Is this line right?"
      // checks it, so passing over a line with the keyboard gives nothing
      // away and costs nothing.
      input.addEventListener("change", () => {
        delete verdict.dataset.outcome;
        verdict.textContent = "";
      });
      const label = document.createElement("label");
      label.htmlFor = id;
      label.innerHTML = option;
      row.append(input, label);
      set.append(row);
    });
    const check = document.createElement("button");
    check.type = "button";
    check.className = "check-step";
    check.id = `problem-${level}-step-${s}-check`;
    check.textContent = "Is this line right?";
    check.setAttribute("aria-describedby", verdict.id);
    check.addEventListener("click", () => {
      const chosen = set.querySelector("input[type=radio]:checked");
      if (!chosen) {
        delete verdict.dataset.outcome;
        verdict.textContent = "Choose one of the lines first.";
        return;
      }
      const result = view.checkStep(level, s, Number(chosen.value));
      verdict.dataset.outcome = result.correct ? "correct" : "wrong";
      verdict.innerHTML = result.message;
      save();
      showProgress();
    });
    set.append(check, verdict);
    return set;
  });
  box.replaceChildren(start, ...steps);
  box.hidden = false;
}

/** Show the lines of a choice part (a reason to pick) in place of the
 * answer field, or the field again when the part asks for a number. */
function showChoices(level, choices) {
  const box = $(`problem-${level}-choices`);
  const field = $(`problem-${level}-answer`);
  const list = $(`problem-${level}-choice-list`);
  const key = choices ? choices.join("\n") : "";
  if (box.dataset.key === key) return;
  box.dataset.key = key;
  $(`problem-${level}-choice-error`).textContent = "";
  if (!choices) {
    const hadFocus = box.contains(document.activeElement);
    list.replaceChildren();
    box.hidden = true;
    field.closest(".field").hidden = false;
    if (hadFocus) field.focus();
    return;
  }
  const rows = choices.map((line, o) => {
    const row = document.createElement("div");
    row.className = "choice";
    const input = document.createElement("input");
    input.type = "radio";
    input.name = `problem-${level}-choice`;
    input.id = `problem-${level}-choice-${o}`;
    input.value = String(o);
    input.setAttribute("aria-describedby", `problem-${level}-choice-error`);
    const label = document.createElement("label");
    label.htmlFor = input.id;
    label.innerHTML = line;
    row.append(input, label);
    return row;
  });
  list.replaceChildren(...rows);
  const hadFocus = field === document.activeElement;
  field.closest(".field").hidden = true;
  box.hidden = false;
  if (hadFocus) rows[0]?.querySelector("input")?.focus();
}

/** Put the problem at `level` on the page, as Rust describes it. */
function showProblem(level, { rebuild = false } = {}) {
  const p = view.problem(level);
  $(`problem-${level}-origin`).textContent =
    p.origin + (p.solvedBefore ? " · solved before" : "");
  $(`problem-${level}-topic`).textContent = p.topic;
  $(`problem-${level}-statement`).innerHTML = p.statement;
  $(`problem-${level}-part`).textContent = p.partLabel;
  $(`problem-${level}-part`).hidden = p.partLabel === "";
  $(`problem-${level}-prompt`).innerHTML = p.prompt;
  showChoices(level, p.choices);
  // Once every part is answered there is nothing left to type or check:
  // the field and its button go, and the verdict stays under the prompt.
  const answered = p.answered && !p.choices;
  $(`problem-${level}-answer`).closest(".field").hidden = answered || Boolean(p.choices);
  $(`problem-${level}-check`).hidden = answered;
  fillList($(`problem-${level}-hints`), p.hints);
  const hint = $(`problem-${level}-hint`);
  const left = p.hintCount - p.hints.length;
  hint.disabled = left === 0;
  hint.textContent = left === 0 ? "No more hints" : `Show a hint (${left} left)`;
  const solution = $(`problem-${level}-solution`);
  fillList($(`problem-${level}-solution-lines`), p.solution);
  solution.hidden = p.solution.length === 0;
  $(`problem-${level}-show-solution`).disabled = p.solution.length > 0;
  if (rebuild) buildDerivation(level, p.derivation);
  // A problem solved before this page was opened says so (with the answers
  // an assignment kept); a verdict given during this visit stays as it is.
  const verdict = $(`problem-${level}-verdict`);
  if (p.solved && verdict.textContent === "") {
    verdict.dataset.outcome = "correct";
    verdict.textContent = p.solvedNote;
  }
}

function showProgress() {
  $("practice-summary").textContent = view.summary();
  const list = $("practice-reviews");
  const items = view.reviews().map((r) => {
    const li = document.createElement("li");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "link-button";
    button.textContent = `Open the ${r.label}`;
    button.addEventListener("click", () => {
      view.open(r.level, r.seed);
      save();
      resetProblem(r.level);
      $(`problem-${r.level}-answer`).focus();
    });
    const when = document.createElement("span");
    when.className = r.due ? "due" : "muted";
    when.textContent = ` due ${r.when}`;
    li.append(button, when);
    return li;
  });
  list.replaceChildren(...items);
  // An assignment keeps to its own problems: no reviews of others.
  list.hidden = items.length === 0 || keySuffix !== "";
}

/** A new problem in the slot: clear the field and the verdicts. */
function resetProblem(level) {
  $(`problem-${level}-answer`).value = "";
  showError(level, "");
  showVerdict(level, "", "");
  showProblem(level, { rebuild: true });
}

function wire(level) {
  $(`problem-${level}-form`).addEventListener("submit", (event) => {
    event.preventDefault();
    const field = $(`problem-${level}-answer`);
    const choices = $(`problem-${level}-choices`);
    let result;
    if (!choices.hidden) {
      const picked = choices.querySelector("input:checked");
      if (!picked) {
        showVerdict(level, "", "");
        $(`problem-${level}-choice-error`).textContent = "Choose one of the reasons first.";
        choices.querySelector("input")?.focus();
        return;
      }
      $(`problem-${level}-choice-error`).textContent = "";
      result = view.choose(level, Number(picked.value));
    } else {
      result = view.check(level, field.value);
    }
    if (result.outcome === "invalid") {
      // Only the new message shows: the verdict on an earlier answer goes.
      showVerdict(level, "", "");
      showError(level, result.message);
      return;
    }
    showError(level, "");
    showVerdict(level, result.outcome, result.message);
    if (result.outcome === "correct") field.value = "";
    save();
    showProblem(level);
    showProgress();
    // The last answer took the field and Check away: keep the keyboard in
    // the problem, on its next step (a variant, or the solution).
    if ($(`problem-${level}-check`).hidden && !$(`problem-${level}-form`).contains(document.activeElement)) {
      const next = [`problem-${level}-variant`, `problem-${level}-show-solution`, `problem-${level}-hint`]
        .map($).find((button) => button && !button.hidden && !button.disabled);
      next?.focus();
    }
  });
  $(`problem-${level}-hint`).addEventListener("click", () => {
    view.revealHint(level);
    save();
    showProblem(level);
    showProgress();
    const hints = $(`problem-${level}-hints`).children;
    if (hints.length === 0) return;
    // Keep focus somewhere useful once the button is disabled.
    if ($(`problem-${level}-hint`).disabled) $(`problem-${level}-answer`).focus();
  });
  $(`problem-${level}-show-solution`).addEventListener("click", () => {
    view.revealSolution(level);
    save();
    showProblem(level);
    $(`problem-${level}-answer`).focus();
  });
  $(`problem-${level}-variant`).addEventListener("click", () => {
    view.newVariant(level);
    save();
    resetProblem(level);
  });
}

function showNotice(message) {
  const notice = $("practice-notice");
  notice.textContent = message;
  notice.hidden = message === "";
}

/** Open the assignment a link names (`?set=easy-12,hard-7`), if any: only
 * its problems show, with no variants, and its work is stored apart.
 * Returns a notice when the link's assignment is not valid. */
function openAssignment() {
  const text = new URLSearchParams(location.search).get("set");
  if (text === null) return "";
  let line;
  try {
    line = view.setAssignment(text);
  } catch (error) {
    return `${error.message} Showing free practice instead.`;
  }
  keySuffix = `.set=${view.assignmentText()}`;
  const levels = view.assignedLevels();
  for (const level of LEVELS) {
    $(`problem-${level}`).hidden = !levels.includes(level);
    $(`problem-${level}-variant`).hidden = true;
  }
  $("practice-reviews").hidden = true;
  $("practice-schedule-note").hidden = true;
  // The progress box speaks of this assignment's work, and its reset
  // starts only the assignment again.
  $("practice-progress-title").firstChild.nodeValue = "Your work on this assignment";
  $("practice-reset").textContent = "Start the assignment again";
  $("practice-assign").hidden = true;
  $("practice-assignment-line").textContent = line;
  $("practice-assignment").hidden = false;
  // The same page without the assignment.
  $("practice-leave").href = `${location.pathname}#practice`;
  $("practice-hand-in").addEventListener("click", handIn);
  sheetLinks($("practice-assignment-sheets"), view.assignmentText(), { key: false });
  return "";
}

/** Copy the assignment's summary, or show it to select when the clipboard
 * is not available. */
function handIn() {
  return copyOrShow(view.handIn(), $("practice-hand-in-text"), $("practice-hand-in-status"), {
    copied: "Summary copied: paste it where your teacher asked for it.",
    manual: "Copy the summary below (it is selected) and paste it where your teacher asked for it.",
  });
}

/** An element with `html` (from Rust: escaped text and MathML) inside. */
function block(tag, html, className) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.innerHTML = html;
  return el;
}

/**
 * The printable worksheet or answer key (`?set=...&sheet=worksheet|key`):
 * the assignment's problems alone on the page, with room to write or with
 * every answer and worked solution, all written by the core.
 */
function showSheet(kind) {
  const key = kind === "key";
  const sheet = view.sheet(key);
  const box = document.createElement("section");
  box.id = "sheet";
  box.className = `sheet ${key ? "answer-key" : "worksheet"}`;
  box.setAttribute("aria-labelledby", "sheet-title");
  const title = document.createElement("h1");
  title.id = "sheet-title";
  title.textContent = sheet.title;
  const bar = document.createElement("p");
  bar.className = "sheet-bar";
  const print = document.createElement("button");
  print.type = "button";
  print.textContent = key ? "Print the answer key" : "Print the worksheet";
  print.addEventListener("click", () => window.print());
  const back = document.createElement("a");
  back.href = `${location.pathname}?set=${encodeURIComponent(view.assignmentText() ?? "")}#practice`;
  back.textContent = "Back to the lesson";
  bar.append(print, " ", back);
  box.append(title, bar);
  if (!key) box.append(block("p", "Name: ____________________", "sheet-name"));
  for (const problem of sheet.problems) {
    const article = document.createElement("article");
    article.className = "sheet-problem";
    article.append(block("h2", "", ""), block("p", problem.statement));
    article.firstChild.textContent = problem.heading;
    if (problem.start) {
      article.append(block("p", problem.start));
      const steps = document.createElement("ol");
      for (const step of problem.steps) {
        const li = block("li", step.prompt);
        const lines = document.createElement("ul");
        lines.className = key ? "sheet-lines" : "sheet-lines tick";
        lines.append(...step.lines.map((line) => block("li", line)));
        li.append(lines);
        steps.append(li);
      }
      article.append(steps);
    }
    const parts = document.createElement("ol");
    parts.className = "sheet-parts";
    // After a derivation's steps the parts go on counting.
    parts.start = problem.start ? problem.steps.length + 1 : 1;
    for (const part of problem.parts) {
      const li = block("li", part.prompt);
      if (part.choices.length) {
        const lines = document.createElement("ul");
        lines.className = "sheet-lines tick";
        lines.append(...part.choices.map((line) => block("li", line)));
        li.append(lines);
      } else if (!key) {
        // Ruled lines to write on: one per entry of a vector, and two for
        // the working. Each is an element with a border, which prints
        // crisply (a background pattern of thin lines does not).
        const space = block("div", "", "sheet-space");
        space.append(...Array.from({ length: part.lines }, () => block("div", "", "sheet-line")));
        li.append(space);
      }
      if (key) li.append(block("p", `Answer: ${part.answer}`, "sheet-answer"));
      parts.append(li);
    }
    article.append(parts);
    if (key && problem.solution.length) {
      article.append(block("h3", "Worked solution"));
      const lines = document.createElement("ol");
      lines.append(...problem.solution.map((line) => block("li", line)));
      article.append(lines);
    }
    box.append(article);
  }
  document.getElementById("main").prepend(box);
  document.documentElement.classList.add("sheet-mode");
  document.title = sheet.title;
  box.scrollIntoView();
}

/** The sheet links for the assignment `set` in `list`; the answer key
 * only where the teacher makes the link (`key`), not beside a student's
 * assignment. */
function sheetLinks(list, set, { key = true } = {}) {
  const link = (kind, words) => {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = `${location.pathname}?set=${encodeURIComponent(set)}&sheet=${kind}`;
    a.textContent = words;
    li.append(a);
    return li;
  };
  const links = [link("worksheet", "Worksheet to print (problems only, room to write)")];
  if (key) links.push(link("key", "Answer key to print (answers and worked solutions)"));
  list.replaceChildren(...links);
  list.hidden = false;
}

/** The teacher's link: the problems shown at the chosen levels. */
function wireAssign() {
  $("practice-make-link").addEventListener("click", async () => {
    const levels = [...document.querySelectorAll("input[name='assign-level']:checked")].map((box) => box.value);
    const status = $("practice-assign-status");
    const out = $("practice-assign-out");
    let set;
    try {
      set = view.assignmentFor(levels);
    } catch (error) {
      out.hidden = true;
      status.textContent = error.message;
      return;
    }
    out.hidden = false;
    sheetLinks($("practice-assign-sheets"), set);
    await copyOrShow(new URL(`?set=${set}#practice`, location.href).href, $("practice-assign-link"), status, {
      copied: "Link copied. Share it with the class: everyone who opens it gets these problems.",
      manual: "Copy the link below (it is selected) and share it with the class.",
      keep: true,
    });
  });
}

export function mount() {
  view = new PracticeView();
  const assigned = openAssignment();
  const notices = [
    assigned,
    view.loadProgress(readStored(KEY + keySuffix), Date.now()),
    view.loadPlace(readStored(PLACE_KEY + keySuffix)),
    keySuffix ? view.loadAnswers(readStored(ANSWERS_KEY + keySuffix)) : "",
  ];
  showNotice(notices.filter((text) => text !== "").join(" "));
  wireAssign();
  const sheet = new URLSearchParams(location.search).get("sheet");
  if (keySuffix && (sheet === "worksheet" || sheet === "key")) showSheet(sheet);
  $("practice-tolerance").textContent = view.toleranceNote();
  $("practice-schedule-note").textContent = view.scheduleNote();
  fillList($("practice-mistakes"), view.mistakes());
  LEVELS.forEach((level) => {
    wire(level);
    showProblem(level, { rebuild: true });
  });
  $("practice-reset").addEventListener("click", () => {
    view.reset();
    save();
    showNotice(keySuffix
      ? "The assignment starts again: nothing of it is solved and no hint has been used. Your free practice is as it was."
      : "Progress reset: nothing is solved and no hint has been used.");
    LEVELS.forEach(resetProblem);
    showProgress();
  });
  showProgress();
}
