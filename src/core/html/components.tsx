import type { ComponentChildren } from 'preact';
import { BODY_TIME_ZONE } from '../dates.ts';
import { dateTimeFormat } from '../i18n/formats.ts';
import type { I18n } from '../i18n/i18n.ts';

/*
 * The design system's components that carry markup (decision 0027; their look is in
 * public/css/components.css, all shown on /{lang}/design). Class names are the contract: views may
 * write the same markup.
 */

/** A status tag: the word says the status, the colour only repeats it. */
export type TagKind = 'planned' | 'held' | 'cancelled' | 'draft' | 'done' | 'overdue' | 'info';

/** A status word on its tint (`.tag.tag--…`). */
export function Tag({ kind, children }: { kind: TagKind; children: ComponentChildren }) {
  return <span class={`tag tag--${kind}`}>{children}</span>;
}

/**
 * A date as a block: the day large, the month and year under it, in the body's time zone (or the
 * one given) for an instant (a meeting's start) and as written for a calendar date ("2026-12-22"). The whole date is
 * in a <time> for machines and, spelt out, for screen readers.
 */
export function DateBlock({ value, i18n, timeZone: zone }: { value: Date | string; i18n: I18n; timeZone?: string }) {
  const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value;
  // An instant on its day in `zone` (a meeting's own), else the body's.
  const timeZone = typeof value === 'string' ? 'UTC' : (zone ?? BODY_TIME_ZONE);
  const part = (opts: Intl.DateTimeFormatOptions) => dateTimeFormat(i18n.lang, { ...opts, timeZone }).format(date);
  const iso = dateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(date);
  return (
    <time class="date-block" datetime={iso}>
      <span class="visually-hidden">{i18n.date(value)}</span>
      <span class="date-block__day" aria-hidden="true">
        {part({ day: 'numeric' })}
      </span>
      <span class="date-block__month" aria-hidden="true">
        {part({ month: 'short' }).replace(/\.$/, '')}
      </span>
      <span class="date-block__year" aria-hidden="true">
        {part({ year: 'numeric' }).replace(/\D+$/, '')}
      </span>
    </time>
  );
}

/** An in-page contents list for a long page: links to its sections' ids (`id`: its own, if two). */
export function Contents({
  title,
  items,
  id = 'contents',
}: {
  title: string;
  items: { id: string; label: ComponentChildren }[];
  id?: string;
}) {
  return (
    <nav class="contents" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      <ol>
        {items.map((i) => (
          <li>
            <a href={`#${i.id}`}>{i.label}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** A section of a long page, with its heading (the target of a Contents link). */
export function PageSection({ id, title, children }: { id: string; title: string; children: ComponentChildren }) {
  return (
    <section class="page-section" id={id} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}

/** Tabs: a section's pages as links, the current one marked (`aria-current="page"`). */
export function Tabs({
  label,
  current,
  links,
}: {
  label: string;
  current: string;
  links: { key: string; href: string; label: string }[];
}) {
  return (
    <nav class="tabs" aria-label={label}>
      <ul>
        {links.map((l) => (
          <li>
            <a href={l.href} aria-current={l.key === current ? 'page' : undefined}>
              {l.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** A few big numbers with their labels. */
export function Figures({ items }: { items: { value: string; label: ComponentChildren }[] }) {
  return (
    <ul class="figures">
      {items.map((f) => (
        <li class="figure">
          <span class="figure__label">{f.label}</span>
          <span class="figure__value">{f.value}</span>
        </li>
      ))}
    </ul>
  );
}

/** Previous, the pages, next: `href(n)` is page n's address (pages from 1). */
export function Pagination({
  i18n,
  page,
  pages,
  href,
}: {
  i18n: I18n;
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  if (pages <= 1) return null;
  const shown = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages);
  return (
    <nav class="pagination" aria-label={i18n.t('pagination.label')}>
      <ul>
        {page > 1 && (
          <li>
            <a href={href(page - 1)} rel="prev">
              {i18n.t('pagination.previous')}
            </a>
          </li>
        )}
        {shown.map((n, i) => (
          <>
            {i > 0 && n - (shown[i - 1] ?? n) > 1 && <li aria-hidden="true">…</li>}
            <li>
              {n === page ? (
                <span aria-current="page">
                  <span class="visually-hidden">{i18n.t('pagination.page')} </span>
                  {i18n.number(n)}
                </span>
              ) : (
                <a href={href(n)}>
                  <span class="visually-hidden">{i18n.t('pagination.page')} </span>
                  {i18n.number(n)}
                </a>
              )}
            </li>
          </>
        ))}
        {page < pages && (
          <li>
            <a href={href(page + 1)} rel="next">
              {i18n.t('pagination.next')}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
