// Canvas sizing for sharp drawing on HiDPI screens: the backing store is the
// CSS size times devicePixelRatio, and the Rust side draws in device pixels.

/** Size `canvas`'s backing store to its CSS box; returns the ratio used. */
export function fitCanvas(canvas) {
  const ratio = Math.min(Math.max(window.devicePixelRatio || 1, 1), 4);
  const rect = canvas.getBoundingClientRect();
  const width = Math.max(1, Math.round(rect.width * ratio));
  const height = Math.max(1, Math.round(rect.height * ratio));
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  return ratio;
}

/** The pointer's position in CSS pixels relative to the canvas. */
export function pointerPosition(canvas, event) {
  const rect = canvas.getBoundingClientRect();
  return [event.clientX - rect.left, event.clientY - rect.top];
}
