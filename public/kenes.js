// Small enhancements; every page works without this file.
// Moves focus to <main> when the skip link is used, so screen readers start reading there.
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a.skip-link') : null;
  if (!link) return;
  const main = document.getElementById('main');
  if (main) main.focus();
});

// While a proposal's title is typed, suggest similar existing proposals (the form's
// "Look for similar proposals" button does the same without JavaScript).
const titleFields = document.querySelectorAll('form[action$="/proposals"] input[name^="title_"]');
if (titleFields.length > 0) {
  const box = document.createElement('div');
  box.setAttribute('role', 'status');
  box.setAttribute('aria-live', 'polite');
  box.className = 'similar-live';
  titleFields[titleFields.length - 1].closest('fieldset')?.after(box);
  let timer;
  const lang = document.documentElement.lang;
  const label = document.querySelector('[data-similar-label]')?.getAttribute('data-similar-label') ?? '';
  const look = async () => {
    const text = [...titleFields]
      .map((f) => f.value)
      .join(' ')
      .trim();
    if (text.length < 6) {
      box.replaceChildren();
      return;
    }
    const res = await fetch(`/api/v1/proposals/similar?q=${encodeURIComponent(text)}`);
    if (!res.ok) return;
    const { items } = await res.json();
    box.replaceChildren();
    if (items.length === 0) return;
    const p = document.createElement('p');
    p.textContent = label;
    const ul = document.createElement('ul');
    for (const item of items) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `/${lang}/proposals/${item.id}`;
      a.textContent = item.title[lang] ?? item.title.ru ?? item.title.en ?? item.title.kk ?? '';
      li.append(a);
      ul.append(li);
    }
    box.append(p, ul);
  };
  for (const f of titleFields) {
    f.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(look, 400);
    });
  }
}
