// The one way a field says what is wrong with it: the message goes into the
// element beside it (id `<field id>-error` unless given, an aria-live
// region), and the field is marked aria-invalid while there is a message.
//
// While a person is still typing, a message waits for a pause: "-" on the
// way to "-1.5" is not worth announcing. The field is marked invalid at
// once (its border says so); the words follow after PAUSE_MS without a
// keystroke, or at once when the field is committed (Enter, leaving it).
//
// Also the one way text is handed over to copy (`copyOrShow`).

const PAUSE_MS = 900;
const pending = new WeakMap();

function write(box, message) {
  // The same message again is left alone: rewriting it would announce it
  // once more.
  if (box && box.textContent !== message) box.textContent = message;
}

function cancel(field) {
  const wait = pending.get(field);
  if (!wait) return;
  clearTimeout(wait.timer);
  field.removeEventListener("change", wait.flush);
  field.removeEventListener("blur", wait.flush);
  pending.delete(field);
}

/**
 * Show `message` for `field`, or clear it when the message is empty. With
 * `typing`, a message (not a clearing) is shown only once typing pauses or
 * the field is committed.
 */
export function showFieldError(
  field,
  message,
  box = document.getElementById(`${field.id}-error`),
  { typing = false } = {},
) {
  cancel(field);
  if (message) field.setAttribute("aria-invalid", "true");
  else field.removeAttribute("aria-invalid");
  if (!message || !typing || box?.textContent === message) {
    write(box, message);
    return;
  }
  const flush = () => {
    cancel(field);
    write(box, message);
  };
  pending.set(field, { timer: setTimeout(flush, PAUSE_MS), flush });
  field.addEventListener("change", flush);
  field.addEventListener("blur", flush);
}

/**
 * Copy `text` for the person, saying so in `status` (`copied`). When the
 * clipboard refuses, `field` (a read-only text box) shows the text,
 * selected, to copy by hand, and `status` says `manual`. A field that
 * always shows its text (`keep`) stays shown either way.
 */
export async function copyOrShow(text, field, status, { copied, manual, keep = false }) {
  field.value = text;
  try {
    await navigator.clipboard.writeText(text);
    if (!keep) field.hidden = true;
    status.textContent = copied;
  } catch {
    field.hidden = false;
    field.focus();
    field.select();
    status.textContent = manual;
  }
}
