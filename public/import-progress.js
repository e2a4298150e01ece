// The progress bar of a running import of recommendations: polls the import's status and moves
// the bar; when the import ends, reloads the page to show its outcome. Without this script the
// page refreshes itself (a <noscript> meta refresh).
const bar = document.getElementById('import-progress');
const text = document.getElementById('import-progress-text');
if (bar instanceof HTMLProgressElement && bar.dataset.statusUrl) {
  const url = bar.dataset.statusUrl;
  const poll = async () => {
    try {
      const res = await fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (res.ok) {
        const s = await res.json();
        if (s.status !== 'running') {
          window.location.reload();
          return;
        }
        if (typeof s.total === 'number' && s.total > 0) bar.max = s.total;
        bar.value = s.processed;
        bar.textContent = String(s.processed);
        // The sentence comes from the server, in the page's language.
        if (text && typeof s.text === 'string') text.textContent = s.text;
      }
    } catch {
      // A failed poll is retried on the next tick.
    }
    setTimeout(poll, 1000);
  };
  setTimeout(poll, 1000);
}
