import { fileUrl } from '../../core/files/downloads.ts';
import type { PageContext } from '../../core/html/context.ts';
import { plain, T } from '../../core/html/text.tsx';
import type { DocumentRow } from '../agenda/queries.ts';
import type { AgendaItemView } from '../queries.ts';

/** A meeting's agenda: numbered items, each with its presenters and their role. */
export function Agenda({
  ctx,
  items,
  level = 3,
  documents = [],
}: {
  ctx: PageContext;
  items: AgendaItemView[];
  level?: 3 | 4 | 5;
  documents?: DocumentRow[];
}) {
  const { i18n } = ctx;
  const Heading = `h${level}` as const;
  return (
    <ol class="agenda">
      {items.map((item) => (
        <li>
          <Heading>
            <T value={item.title} i18n={i18n} />
          </Heading>
          {i18n.pick(item.description) && (
            <p>
              <T value={item.description} i18n={i18n} />
            </p>
          )}
          {item.cycle && (
            <p>
              <a href={`/${i18n.lang}/cycles/${item.cycle.id}`}>
                {i18n.t('obligations.agendaCycleLink', {
                  cycle: `${item.cycle.code}: ${plain(item.cycle.title, i18n)}`,
                })}
              </a>
            </p>
          )}
          {item.presenters.length > 0 && (
            <dl class="presenters">
              <dt class="visually-hidden">{i18n.t('meeting.presenters')}</dt>
              {item.presenters.map((p) => (
                <dd>
                  <span class="badge">{i18n.t(`presenter.role.${p.role}`)}</span>{' '}
                  <a href={`/${i18n.lang}/organisations/${p.organisation.slug}`}>
                    <T value={p.organisation.name} i18n={i18n} />
                  </a>
                  {p.person && (
                    <>
                      {' '}
                      (<T value={p.person.name} i18n={i18n} />)
                    </>
                  )}
                </dd>
              ))}
            </dl>
          )}
          {documents.some((d) => d.agendaItemId === item.id) && (
            <ul class="documents">
              {documents
                .filter((d) => d.agendaItemId === item.id)
                .map((d) => (
                  <li>
                    <a href={fileUrl(d.fileId, d.filename)}>
                      <T value={d.title} i18n={i18n} />
                    </a>{' '}
                    <span class="muted">({d.filename})</span>
                  </li>
                ))}
            </ul>
          )}
        </li>
      ))}
    </ol>
  );
}
