// One part of the lesson, alone, for an iframe on a course page: the entry
// point of embed.html, and of the offline single file opened with ?part=
// (app.js hands over to start(), which first turns the lesson's page into
// the embed page's layout). `?part=NAME` names the part (see parts.js),
// the fragment is the same state as on the lesson's page, and
// `?theme=light` or `dark` overrides the host's system setting, which is
// followed otherwise. Only the wasm modules and part modules the part
// needs load.
import initCore from "../pkg/softmax_lesson.js";
import * as theme from "./theme.js";
import { PARTS, EXTRAS, load, lessonFile, titleOf } from "./parts.js";
import { $ } from "./dom.js";

const params = new URLSearchParams(location.search);
/** Whether this is embed.html (rather than the single file with ?part=). */
const embedPage = document.documentElement.classList.contains("embedded");
/** The whole lesson: the page beside embed.html, or the single file itself. */
const wholeLesson = lessonFile();

/** Where a module's wasm lives (as in app.js). */
function wasm(name) {
  return globalThis.__SOFTMAX_WASM__?.[name] ?? new URL(`../pkg/${name}_bg.wasm`, import.meta.url);
}

function parsed() {
  if (document.readyState !== "loading") return Promise.resolve();
  return new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

/** The link names no part: say so and list the ones there are. */
function showChoices(asked) {
  const title = asked ? "Unknown part" : "No part chosen";
  $("embed-title").textContent = `${title} — softmax lesson`;
  $("embed-title").classList.remove("visually-hidden");
  document.title = `${title} — softmax lesson`;
  const query = document.createElement("code");
  query.textContent = "?part=";
  $("embed-unknown-text").replaceChildren(
    asked
      ? `This embed link asks for a part called “${asked.slice(0, 60)}”, which the lesson does not have. Use `
      : "This embed link does not say which part of the lesson to show. Use ",
    query,
    " with one of these:",
  );
  const list = $("embed-part-list");
  for (const { name } of PARTS) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = `?part=${name}`;
    const code = document.createElement("code");
    code.textContent = name;
    link.append(code);
    item.append(link, `: ${titleOf($(name))}`);
    list.append(item);
  }
  $("embed-unknown").hidden = false;
}

/** A link to a place that is not shown here opens it in the whole lesson. */
function pointOutside(section) {
  for (const link of section.querySelectorAll("a[href^='#']")) {
    const id = decodeURIComponent(link.getAttribute("href").slice(1));
    if (id && section.querySelector(`[id="${CSS.escape(id)}"]`)) continue;
    link.href = new URL(`${wholeLesson}${link.getAttribute("href")}`, location.href).href;
    link.target = "_blank";
    link.rel = "noopener";
    const note = document.createElement("span");
    note.className = "visually-hidden";
    note.textContent = " (opens the whole lesson in a new tab)";
    link.append(note);
  }
}

/** The "Playground now: ..." lines of a section: there is no playground
 * above an embedded part, so the link (which pointOutside has sent to the
 * whole lesson) opens its playground at the state shown here, kept up to
 * date as it changes. */
function echoLinks(section) {
  const links = [...section.querySelectorAll(".state-echo a")];
  if (links.length === 0) return;
  const point = () => {
    const state = location.hash.length > 1 ? `&${location.hash.slice(1)}` : "";
    for (const link of links) link.href = new URL(`${wholeLesson}#explorer${state}`, location.href).href;
  };
  for (const link of links) link.firstChild.textContent = "Change it in the whole lesson's playground";
  point();
  window.addEventListener("hashchange", point);
}

/** The single file opened with ?part=: take its page apart into the embed
 * page's layout (no header, contents or footer; every section in a hidden
 * store, from which the part is taken). */
function adoptLessonPage() {
  document.documentElement.classList.add("embedded");
  document.body.classList.add("embedded");
  for (const chrome of document.querySelectorAll(".skip-link, .site-header, nav.toc, .site-footer")) chrome.remove();
  const main = $("main");
  const store = document.createElement("div");
  store.id = "embed-store";
  store.hidden = true;
  store.append(...main.childNodes);
  const title = document.createElement("h1");
  title.id = "embed-title";
  title.className = "visually-hidden";
  title.textContent = "Softmax lesson";
  const unknown = document.createElement("div");
  unknown.id = "embed-unknown";
  unknown.className = "embed-unknown";
  unknown.hidden = true;
  const text = document.createElement("p");
  text.id = "embed-unknown-text";
  const list = document.createElement("ul");
  list.id = "embed-part-list";
  unknown.append(text, list);
  main.className = "embed-main";
  main.setAttribute("aria-labelledby", "embed-title");
  main.append(title, unknown, store);
}

/** Tell the host page how tall the content is, so it may size the frame
 * ({ type: "softmax-lesson:height", part, height } by postMessage). */
function reportHeight(name) {
  if (window.parent === window) return;
  let last = 0;
  const main = $("main");
  new ResizeObserver(() => {
    // The content's own height, not the document's scroll height, which is
    // never less than the frame: a frame first made too tall can shrink.
    const style = getComputedStyle(document.body);
    const height = Math.ceil(main.getBoundingClientRect().bottom + window.scrollY
      + parseFloat(style.paddingBottom) + parseFloat(style.marginBottom));
    if (height === last) return;
    last = height;
    window.parent.postMessage({ type: "softmax-lesson:height", part: name, height }, "*");
  }).observe(main);
}

async function main() {
  theme.embed(params.get("theme"));
  theme.apply();
  const core = initCore({ module_or_path: wasm("softmax_lesson") });
  await parsed();
  if (!embedPage) adoptLessonPage();
  theme.setup();
  const asked = params.get("part");
  const part = PARTS.find((p) => p.name === asked);
  const section = part ? $(part.name) : null;
  if (!section) {
    showChoices(asked);
    document.documentElement.dataset.ready = "true";
    return;
  }
  $("embed-store").before(section);
  const title = titleOf(section);
  $("embed-title").textContent = `${title} — softmax lesson`;
  document.title = `${title} — softmax lesson`;
  // The explorer speaks its changes in a region of its own section, which
  // is hidden here when another part shows its views.
  if (part.name !== "explorer") {
    const live = document.createElement("p");
    Object.assign(live, { id: "explorer-live", className: "visually-hidden" });
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    // First in the part, so nothing of it lies below the content's height.
    section.prepend(live);
  }
  const modules = Promise.all([...part.modules.map(load), import("./scroll-cue.js")]);
  await core;
  if (part.modules.some((name) => EXTRAS.has(name))) {
    const extras = await import("../pkg/softmax_lesson_extras.js");
    await extras.default({ module_or_path: wasm("softmax_lesson_extras") });
  }
  const loaded = await modules;
  for (const [k, name] of part.modules.entries()) {
    await loaded[k].mount(name === "explorer" ? { embed: true } : undefined);
  }
  loaded.at(-1).mount();
  pointOutside(section);
  echoLinks(section);
  reportHeight(part.name);
  document.documentElement.dataset.ready = "true";
}

/** Show the part the link names; a failure is said in the page's banner. */
export function start() {
  return main().catch((error) => {
    const banner = $("fatal-error");
    if (banner) {
      banner.textContent = `This part of the lesson could not start: ${error.message ?? error}`;
      banner.hidden = false;
    }
    console.error(error);
  });
}

if (embedPage) start();
