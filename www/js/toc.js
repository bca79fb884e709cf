// Reading comfort: a table of contents built from the page's sections that
// marks the section in view, and a visible link anchor on every heading.
// Nothing here computes lesson numbers; it only reads the page's structure.
import { $ } from "./dom.js";

// The fragment the page was opened with, read before any part rewrites the
// URL (the explorer keeps its state there).
const openedAt = location.hash;

/** The heading id a fragment names, or "" when it is not valid text
 * (links to explorer states such as #logits=... name no heading). */
function headingId(hash) {
  try {
    return decodeURIComponent(hash.slice(1));
  } catch {
    return "";
  }
}

/** Turn a heading's text into an id ("Why a model needs it" -> "why-a-model-needs-it"). */
function slug(text) {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** The id a link to `heading` should use: its section's for a section title. */
function targetOf(heading) {
  const section = heading.closest("section[id]");
  if (heading.tagName === "H2" && section && section.querySelector("h2") === heading) {
    return section.id;
  }
  if (!heading.id) {
    let id = slug(heading.textContent) || "section";
    while (document.getElementById(id)) id += "-more";
    heading.id = id;
  }
  return heading.id;
}

function addAnchors(headings) {
  for (const heading of headings) {
    if (heading.querySelector(".heading-anchor")) continue;
    const id = targetOf(heading);
    const title = heading.textContent.trim();
    const link = document.createElement("a");
    link.className = "heading-anchor";
    link.href = `#${id}`;
    link.textContent = "#";
    link.title = `Link to “${title}”`;
    // For the pointer only: out of the Tab order and out of the heading's
    // (and so its section's) accessible name. Keyboard and screen-reader
    // users reach every section through the contents instead.
    link.tabIndex = -1;
    link.setAttribute("aria-hidden", "true");
    heading.append(" ", link);
  }
}

function buildContents(sections) {
  const list = $("toc-list");
  const links = sections.map(({ id, title }) => {
    const li = document.createElement("li");
    const a = document.createElement("a");
    a.href = `#${id}`;
    a.textContent = title;
    li.append(a);
    list.append(li);
    return a;
  });
  return links;
}

/** Mark the link of the last section whose top has passed the top third. */
function trackCurrent(sections, links) {
  let pending = false;
  let current = -1;
  const update = () => {
    pending = false;
    const line = window.innerHeight * 0.3;
    let found = 0;
    sections.forEach(({ element }, i) => {
      if (element.getBoundingClientRect().top <= line) found = i;
    });
    if (found === current) return;
    current = found;
    $("toc-now").textContent = `now: ${sections[found].title}`;
    links.forEach((a, i) => {
      if (i === found) a.setAttribute("aria-current", "location");
      else a.removeAttribute("aria-current");
    });
  };
  const schedule = () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(update);
    }
  };
  window.addEventListener("scroll", schedule, { passive: true });
  window.addEventListener("resize", schedule);
  update();
}

/** Keep the contents open where they sit beside the lesson. */
function openWhenWide() {
  const wide = window.matchMedia("(min-width: 1560px)");
  const details = $("toc-details");
  const apply = () => {
    if (wide.matches) details.open = true;
  };
  wide.addEventListener("change", apply);
  apply();
}

export function mount() {
  const main = $("main");
  if (!main || !$("toc-list")) return;
  openWhenWide();
  const titles = Array.from(main.querySelectorAll("h2"));
  const sections = titles.map((h2) => ({
    id: targetOf(h2),
    title: h2.textContent.trim(),
    element: h2.closest("section") ?? h2,
  }));
  addAnchors(main.querySelectorAll("h2, h3"));
  const links = buildContents(sections);
  trackCurrent(sections, links);
  // A link to a heading opened before the page was ready: go there again
  // now that the math, tables and canvases have their final sizes.
  const target = openedAt.length > 1 ? document.getElementById(headingId(openedAt)) : null;
  if (target) {
    target.scrollIntoView({ behavior: "instant" });
    document.fonts.ready.then(() => target.scrollIntoView({ behavior: "instant" }));
  }
}
