// The one classic script of the page, loaded in the head. Two jobs:
// - The reader's stored theme is put in force before anything is painted,
//   so a dark page never flashes light first. (theme.js owns the setting;
//   this reads the same key with the same validation.)
// - A classic script in the head makes the HTML parser wait until the
//   stylesheet above it has loaded. Without that wait, a fast parse could
//   finish first, and Chromium lays the whole page out when parsing ends
//   (its autofill looks for forms); an unstyled layout that is thrown away
//   cost 150-250 ms before the explorer could be drawn.
try {
  const theme = localStorage.getItem("softmax-lesson.theme");
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
} catch {
  // Storage may be unavailable (private mode, file://): the system setting applies.
}
