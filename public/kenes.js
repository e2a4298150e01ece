// Small enhancements; every page works without this file.
// Moves focus to <main> when the skip link is used, so screen readers start reading there.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a.skip-link') : null;
  if (!link) return;
  const main = document.getElementById('main');
  if (main) main.focus();
});
