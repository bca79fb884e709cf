// The one way a field says what is wrong with it: the message goes into the
// element beside it (id `<field id>-error` unless given, an aria-live
// region), and the field is marked aria-invalid while there is a message.

/** Show `message` for `field`, or clear it when the message is empty. */
export function showFieldError(field, message, box = document.getElementById(`${field.id}-error`)) {
  if (message) field.setAttribute("aria-invalid", "true");
  else field.removeAttribute("aria-invalid");
  // The same message again is left alone: rewriting it would announce it
  // once more with every keystroke.
  if (box && box.textContent !== message) box.textContent = message;
}
