import type { PageContext } from '../html/context.ts';
import { Layout } from '../html/layout.tsx';
import { Table } from '../html/table.tsx';
import { CATALOG_PATH } from './catalog.ts';
import { ZIP_NAME } from './download.ts';
import type { DatasetState, OpenDataState } from './state.ts';

/** The open-data page: every public dataset with its data dictionary, licence, size, last change and downloads. */
export function OpenDataPage({ ctx, state }: { ctx: PageContext; state: OpenDataState }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <Layout ctx={ctx} title={i18n.t('openData.title')}>
      <h1>{i18n.t('openData.title')}</h1>
      <p class="lead">{i18n.t('openData.intro')}</p>
      <p>
        {i18n.t('openData.licence')}:{' '}
        <a href={state.licence.url} rel="license">
          {state.licence.name}
        </a>
      </p>
      <ul class="button-row">
        <li>
          <a class="button" href={`/${lang}/open-data/${ZIP_NAME}`} download>
            {i18n.t('openData.zip')}
          </a>
        </li>
        <li>
          <a href={CATALOG_PATH} type="application/ld+json">
            {i18n.t('openData.catalog')}
          </a>
        </li>
      </ul>
      <nav aria-labelledby="open-data-toc">
        <h2 id="open-data-toc">{i18n.t('openData.datasets')}</h2>
        <ul>
          {state.datasets.map(({ dataset }) => (
            <li>
              <a href={`#${dataset.id}`}>{i18n.t(dataset.title)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {state.datasets.map((d) => (
        <DatasetSection ctx={ctx} state={d} />
      ))}
    </Layout>
  );
}

function DatasetSection({ ctx, state: { dataset, summary } }: { ctx: PageContext; state: DatasetState }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const headingId = `${dataset.id}-heading`;
  return (
    <section id={dataset.id} aria-labelledby={headingId} class="dataset">
      <h2 id={headingId}>{i18n.t(dataset.title)}</h2>
      <p>{i18n.t(dataset.description)}</p>
      <dl class="facts">
        <dt>{i18n.t('openData.rows')}</dt>
        <dd data-rows={summary.rows}>{i18n.number(summary.rows)}</dd>
        <dt>{i18n.t('openData.lastChange')}</dt>
        <dd>
          {summary.lastChange ? (
            <time datetime={summary.lastChange.toISOString()}>{i18n.date(summary.lastChange)}</time>
          ) : (
            i18n.t('openData.never')
          )}
        </dd>
      </dl>
      <p>
        {i18n.t('openData.download')}:{' '}
        <a href={`/${lang}/open-data/${dataset.id}.csv`} download>
          CSV
        </a>
        {' · '}
        <a href={`/${lang}/open-data/${dataset.id}.json`} download>
          JSON
        </a>
      </p>
      <details>
        <summary>{i18n.t('openData.columns')}</summary>
        <Table
          caption={i18n.t('openData.columnsOf', { dataset: i18n.t(dataset.title) })}
          columns={[i18n.t('openData.column'), i18n.t('openData.type'), i18n.t('openData.meaning')]}
        >
          {dataset.columns.map((c) => (
            <tr>
              <td>
                <code>{c.name}</code>
              </td>
              <td>{i18n.t(`openData.type.${c.type}`)}</td>
              <td>{i18n.t(c.description)}</td>
            </tr>
          ))}
        </Table>
      </details>
    </section>
  );
}
