// Boxes that scroll sideways (wide tables, long equations) say which of
// their edges hide more content, as data-more="left", "right" or
// "left right"; the stylesheet shades those edges. Phones hide scrollbars
// until a scroll starts, so without the shade a cut-off column looks like
// the end of the table.
//
// Sizes are read only when the browser has just laid the box out (a
// ResizeObserver callback) or after a scroll, never in the middle of an
// update, so the cue costs no extra layout.

const SELECTOR = ".scroll-x, .table-scroll, .stab-scroll, math[display='block']";
const watched = new WeakSet();
let sizes;

function mark(box) {
  const room = box.scrollWidth - box.clientWidth;
  const more = [];
  if (room > 1 && box.scrollLeft > 1) more.push("left");
  if (room > 1 && box.scrollLeft < room - 1) more.push("right");
  const value = more.join(" ");
  if ((box.dataset.more ?? "") === value) return;
  if (value) box.dataset.more = value;
  else delete box.dataset.more;
}

function watch(box) {
  if (watched.has(box)) return;
  watched.add(box);
  sizes.observe(box);
  // The content's own size changes (new rows, longer numbers) too.
  for (const child of box.children) sizes.observe(child);
  box.addEventListener("scroll", () => mark(box), { passive: true });
}

function watchWithin(node) {
  if (!(node instanceof Element)) return;
  // New content in a box already watched.
  if (node.parentElement && watched.has(node.parentElement)) sizes.observe(node);
  if (node.matches(SELECTOR)) watch(node);
  for (const box of node.querySelectorAll(SELECTOR)) watch(box);
}

export function mount() {
  sizes = new ResizeObserver((entries) => {
    const boxes = new Set(entries.map((e) => e.target.closest(SELECTOR)).filter(Boolean));
    for (const box of boxes) mark(box);
  });
  watchWithin(document.body);
  // Parts further down build their tables later, and rebuild them.
  new MutationObserver((records) => {
    for (const record of records) for (const node of record.addedNodes) watchWithin(node);
  }).observe(document.body, { childList: true, subtree: true });
}
