// Canvas sizing for sharp drawing on HiDPI screens: the backing store is the
// CSS size times devicePixelRatio, and the Rust side draws in device pixels.

// CSS sizes are remembered from a ResizeObserver, so sizing a canvas during
// an update never forces a synchronous layout.
const sizes = new WeakMap();
// Listeners hear of a canvas only when its backing store no longer fits
// (not for the observer's first report of a size already drawn at).
const observer = new ResizeObserver((entries) => {
  for (const entry of entries) {
    const box = entry.contentBoxSize?.[0];
    const size = box ? [box.inlineSize, box.blockSize] : [entry.contentRect.width, entry.contentRect.height];
    sizes.set(entry.target, size);
    const [width, height] = backing(size);
    if (entry.target.width === width && entry.target.height === height) continue;
    for (const fn of listeners) fn(entry.target);
  }
});
const ratio = () => Math.min(Math.max(window.devicePixelRatio || 1, 1), 4);
const backing = ([width, height]) => [
  Math.max(1, Math.round(width * ratio())),
  Math.max(1, Math.round(height * ratio())),
];
const listeners = new Set();

/** Call fn(canvas) whenever a watched canvas changes size. */
export function onResize(fn) {
  listeners.add(fn);
}

/** Size `canvas`'s backing store to its CSS box; returns the ratio used. */
export function fitCanvas(canvas) {
  let size = sizes.get(canvas);
  if (!size) {
    // The content box, as the ResizeObserver reports it (no border).
    size = [canvas.clientWidth, canvas.clientHeight];
    sizes.set(canvas, size);
    observer.observe(canvas);
  }
  return fitCanvasTo(canvas, size[0], size[1]);
}

/** Size `canvas`'s backing store for a CSS box of `width` x `height`
 * (printing draws at the paper's size, not the screen's); returns the
 * ratio used. */
export function fitCanvasTo(canvas, width, height) {
  const [w, h] = backing([width, height]);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  return ratio();
}

/** The pointer's position in CSS pixels relative to the canvas. */
export function pointerPosition(canvas, event, rect = canvas.getBoundingClientRect()) {
  return [event.clientX - rect.left, event.clientY - rect.top];
}
