// Light and dark themes: follow the system setting until the reader picks
// one with the toggle; the choice is remembered (and validated on load).
// Projector mode, for a teacher showing the lesson to a room: larger text
// and figures across a wider page, switched on with its button or by
// opening the page with ?projector=1 (not remembered: it is for one
// showing).
const KEY = "softmax-lesson.theme";
const listeners = new Set();

function stored() {
  try {
    const value = localStorage.getItem(KEY);
    return value === "light" || value === "dark" ? value : null;
  } catch {
    return null;
  }
}

const media = window.matchMedia("(prefers-color-scheme: dark)");

/** Set by an embedded part: undefined on the lesson's own page (the stored
 * choice, else the system), null to follow the host's system setting
 * alone, or "light" / "dark" when the embed link asks for one. */
let embedded;

/** Follow the host page (an embed): `asked` is the link's ?theme= value;
 * anything but "light" or "dark" means the system setting. */
export function embed(asked) {
  embedded = asked === "light" || asked === "dark" ? asked : null;
}

/** The theme in force: "light" or "dark". */
export function current() {
  const system = media.matches ? "dark" : "light";
  if (embedded !== undefined) return embedded ?? system;
  return stored() ?? system;
}

/** The palette the figures are drawn in: the theme, and "-projector"
 * after it in projector mode ("light-projector": heavier lines, larger
 * labels, high-contrast colours; see src/charts/theme.rs). */
export function look() {
  return document.documentElement.dataset.projector === "on" ? `${current()}-projector` : current();
}

/** Call fn() whenever the theme or projector mode changes. */
export function onChange(fn) {
  listeners.add(fn);
}

/** Put the theme in force on the page (safe before the body is parsed). */
export function apply() {
  const name = current();
  document.documentElement.dataset.theme = name;
  const toggle = document.getElementById("theme-toggle");
  if (toggle) {
    toggle.setAttribute("aria-pressed", String(name === "dark"));
    toggle.textContent = name === "dark" ? "Light theme" : "Dark theme";
  }
  for (const fn of listeners) fn(name);
}

/** Switch projector mode on or off; the figures redraw in its palette
 * (and at their new size). */
function project(on) {
  const was = document.documentElement.dataset.projector === "on";
  if (on) document.documentElement.dataset.projector = "on";
  else delete document.documentElement.dataset.projector;
  document.getElementById("projector-toggle")?.setAttribute("aria-pressed", String(on));
  if (on !== was) for (const fn of listeners) fn(current());
}

export function setup() {
  apply();
  project(new URLSearchParams(location.search).get("projector") === "1");
  document.getElementById("projector-toggle")?.addEventListener("click", () => {
    project(document.documentElement.dataset.projector !== "on");
  });
  media.addEventListener("change", apply);
  document.getElementById("theme-toggle")?.addEventListener("click", () => {
    const next = current() === "dark" ? "light" : "dark";
    try {
      localStorage.setItem(KEY, next);
    } catch {
      // Storage may be unavailable (private mode); the toggle still works for this visit.
    }
    apply();
  });
}
