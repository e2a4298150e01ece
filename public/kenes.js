// Small enhancements; every page works without this file.

// The header's menu (a <details>, open and closed by the browser): Escape closes it and returns to its
// button. A browser that cannot show a closed <details>'s content from CSS (::details-content) gets it
// opened on wide screens, where the menu button is hidden.
const menu = document.querySelector('details[data-menu]');
if (menu) {
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !menu.open) return;
    menu.open = false;
    menu.querySelector('summary')?.focus();
  });
  if (!CSS.supports('selector(::details-content)')) {
    const wide = window.matchMedia('(min-width: 60rem)');
    const follow = () => {
      if (wide.matches) menu.open = true;
    };
    follow();
    wide.addEventListener('change', follow);
  }
}

// A table's scrolling region is in the tab order only while the table is wider than it (then the
// keyboard scrolls it); a table that fits is not one more stop for nothing.
const scrollers = document.querySelectorAll('.table-scroll');
const tabStops = () => {
  for (const box of scrollers) {
    if (box.scrollWidth > box.clientWidth + 1) box.setAttribute('tabindex', '0');
    else box.removeAttribute('tabindex');
  }
};
if (scrollers.length > 0) {
  tabStops();
  window.addEventListener('resize', tabStops);
}

// The message after a form was sent has autofocus; should a browser not honour it on a div, focus it.
const flash = document.getElementById('flash');
if (flash && document.activeElement === document.body) flash.focus();
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
