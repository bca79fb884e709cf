// The three DOM helpers every part uses: an element by id, a new element
// with its text and attributes, and a <select> filled with options.

/** The element with id `id`, or null. */
export const $ = (id) => document.getElementById(id);

/** A new `tag` element with `text` (none when null or undefined) and the
 * attributes `attrs`. */
export function el(tag, text, attrs = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
}

/** Replace the options of `select` by one per label, with `values` as
 * their values (the labels themselves by default). */
export function fillSelect(select, labels, values = labels) {
  select.replaceChildren(...labels.map((label, i) => el("option", label, { value: String(values[i]) })));
}
