import type { PageContext } from '../html/context.ts';
import { TitledPage } from '../html/layout.tsx';
import { T } from '../html/text.tsx';
import type { WorkItem } from './work.ts';

/** "My work": what waits for the person, soonest deadline first; overdue things marked in words too. */
export function WorkPage({ ctx, items }: { ctx: PageContext; items: WorkItem[] }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <TitledPage ctx={ctx} title={i18n.t('work.title')} section="work">
      {items.length === 0 ? (
        <div class="empty-state">
          <p>{i18n.t('work.none')}</p>
          <p>{i18n.t('work.noneHint')}</p>
          <p>
            <a href={`/${lang}/notifications`}>{i18n.t('notifications.title')}</a>
          </p>
        </div>
      ) : (
        <>
          <p>
            {i18n.t('work.count', { count: items.length })}
            {overdue > 0 ? ` ${i18n.t('work.overdueCount', { count: overdue })}` : ''}
          </p>
          <ul class="work-list">
            {items.map((w) => (
              <li class={w.overdue ? 'work-item overdue' : 'work-item'} data-key={w.key}>
                {w.overdue ? <strong class="badge overdue">{i18n.t('work.overdue')}</strong> : null}{' '}
                <span class="work-kind">{i18n.t(w.kind)}</span>:{' '}
                <a href={`/${lang}${w.path}`}>
                  <T value={w.title} i18n={i18n} />
                </a>
                {w.deadline ? (
                  <>
                    {' — '}
                    {i18n.t('work.deadline')} <time datetime={w.deadline}>{i18n.date(w.deadline)}</time>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </>
      )}
    </TitledPage>
  );
}
