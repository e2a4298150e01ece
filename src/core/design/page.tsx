import { Contents, DateBlock, Figures, PageSection, Pagination, Tabs, Tag, type TagKind } from '../html/components.tsx';
import type { PageContext } from '../html/context.ts';
import { EmptyState } from '../html/empty-state.tsx';
import { FieldIdPrefix } from '../html/field-ids.ts';
import { Checkbox, Select, TextField } from '../html/fields.tsx';
import { TitledPage } from '../html/layout.tsx';
import { Table } from '../html/table.tsx';
import { type I18n, i18nFor } from '../i18n/i18n.ts';
import { LANG_NATIVE_NAMES, LANGS, type Lang } from '../i18n/locales.ts';

const COLOURS = [
  'ink',
  'muted',
  'paper',
  'wash',
  'line',
  'line-strong',
  'brand',
  'brand-dark',
  'accent',
  'danger',
  'danger-wash',
  'ok',
  'ok-wash',
  'warn',
  'warn-wash',
  'info-wash',
  'focus',
  'highlight',
];
const STEPS = ['-1', '0', '1', '2', '3', '4'];
const TAGS: TagKind[] = ['planned', 'held', 'cancelled', 'draft', 'done', 'overdue', 'info'];

/**
 * The living page of the design system (decision 0027): the tokens once, then every component three
 * times, in kk, ru and en side by side, so that a change to the stylesheet (public/css/) is seen in every language.
 */
export function DesignPage({ ctx }: { ctx: PageContext }) {
  const { i18n } = ctx;
  return (
    <TitledPage ctx={ctx} title={i18n.t('design.title')}>
      <p class="lead">{i18n.t('design.intro')}</p>
      <section aria-labelledby="tokens">
        <h2 id="tokens">{i18n.t('design.tokens')}</h2>
        <h3>{i18n.t('design.colours')}</h3>
        <ul class="swatches">
          {COLOURS.map((c) => (
            <li class={`swatch swatch--${c}`}>
              <span />
              <code>--{c}</code>
            </li>
          ))}
        </ul>
        <h3>{i18n.t('design.typeScale')}</h3>
        {STEPS.map((s) => (
          <p class={`type-step-${s}`}>
            <code>--step-{s}</code> {i18n.t('design.cardTitle')}
          </p>
        ))}
        <h3>{i18n.t('design.spacing')}</h3>
        <ul class="facts">
          {[1, 2, 3, 4, 5, 6, 7].map((n) => (
            <li>
              <code>--space-{n}</code> <span class={`space-sample-${n}`} />
            </li>
          ))}
        </ul>
      </section>
      <h2>{i18n.t('design.inLanguages')}</h2>
      <div class="design-languages">
        {LANGS.map((l) => (
          <FieldIdPrefix.Provider value={l}>
            <Samples lang={l} />
          </FieldIdPrefix.Provider>
        ))}
      </div>
    </TitledPage>
  );
}

/** Every component with its sample texts in one language. */
function Samples({ lang }: { lang: Lang }) {
  const i18n = i18nFor(lang);
  const t = i18n.t;
  return (
    <section lang={lang} aria-labelledby={`samples-${lang}`}>
      <h2 id={`samples-${lang}`}>{LANG_NATIVE_NAMES[lang]}</h2>
      <h3>{t('design.buttons')}</h3>
      <p class="button-row">
        <button type="button">{t('design.primary')}</button>
        <button type="button" class="button button--secondary">
          {t('design.secondary')}
        </button>
        <button type="button" class="button button--danger">
          {t('design.danger')}
        </button>
        <button type="button" class="link-button">
          {t('design.link')}
        </button>
      </p>
      <h3>{t('design.notices')}</h3>
      <div class="notice">{t('design.noticeInfo')}</div>
      <div class="notice notice--success">{t('design.noticeSuccess')}</div>
      <div class="notice notice--warning">{t('design.noticeWarning')}</div>
      <div class="notice notice--danger">{t('design.noticeDanger')}</div>
      <h3>{t('design.fields')}</h3>
      <TextField
        name="title"
        label={t('design.fieldTitle')}
        hint={t('design.fieldTitleHint')}
        value={t('design.cardTitle')}
      />
      <TextField name="empty" label={t('design.fieldTitle')} error={t('design.fieldError')} />
      <Select
        name="column"
        label={t('design.fieldColumn')}
        value="text"
        options={[
          { value: 'text', label: t('design.row.report') },
          { value: 'none', label: t('design.link') },
        ]}
      />
      <Checkbox name="follow" label={t('design.fieldFollow')} checked />
      {/* biome-ignore lint/a11y/useSemanticElements: as in the header, a form role=search is what screen readers announce */}
      <form role="search" class="search-row" action={`/${lang}/search`} method="get">
        <label class="visually-hidden" for={`design-search-${lang}`}>
          {t('search.label')}
        </label>
        <input type="search" name="q" id={`design-search-${lang}`} />
        <button type="submit">{t('search.submit')}</button>
      </form>
      <h3>{t('design.tags')}</h3>
      <p class="button-row">
        {TAGS.map((k) => (
          <Tag kind={k}>{t(`design.tag.${k}`)}</Tag>
        ))}
      </p>
      <h3>{t('design.cards')}</h3>
      <ul class="cards">
        <li class="card">
          <DateBlock value="2026-12-22" i18n={i18n} />
          <div class="card__body">
            <h4 class="card__title">
              <a href={`/${lang}/meetings`}>{t('design.cardTitle')}</a>
            </h4>
            <p class="card__meta">
              <Tag kind="planned">{t('design.tag.planned')}</Tag> {t('design.cardMeta')}
            </p>
            <p class="card__summary">{t('design.cardSummary')}</p>
          </div>
        </li>
      </ul>
      <h3>{t('design.emptyState')}</h3>
      <EmptyState text={t('design.emptyText')} action={{ href: `/${lang}/design`, label: t('design.emptyNext') }} />
      <h3>{t('design.contents')}</h3>
      <Contents
        id={`contents-${lang}`}
        title={t('design.contentsTitle')}
        items={(['agenda', 'decisions'] as const).map((s) => ({ id: `${lang}-${s}`, label: t(`design.section.${s}`) }))}
      />
      <PageSection id={`${lang}-agenda`} title={t('design.section.agenda')}>
        <p>{t('design.cardSummary')}</p>
      </PageSection>
      <PageSection id={`${lang}-decisions`} title={t('design.section.decisions')}>
        <p>{t('design.noticeSuccess')}</p>
      </PageSection>
      <h3>{t('design.figures')}</h3>
      <Figures
        items={[
          { value: i18n.number(12), label: t('design.figure.meetings') },
          { value: i18n.number(48), label: t('design.figure.proposals') },
          { value: i18n.number(169), label: t('design.figure.recommendations') },
        ]}
      />
      <h3>{t('design.table')}</h3>
      <SampleTable i18n={i18n} />
      <h3>{t('design.tabs')}</h3>
      <Tabs
        label={t('design.tabs')}
        current="agenda"
        links={(['agenda', 'decisions', 'documents'] as const).map((s) => ({
          key: s,
          href: `#${lang}-${s}`,
          label: t(`design.section.${s}`),
        }))}
      />
      <h3>{t('design.pagination')}</h3>
      <Pagination i18n={i18n} page={3} pages={9} href={(n) => `/${lang}/design?page=${n}`} />
    </section>
  );
}

/** The sample table's rows: a stage, when it is due, its state. */
const SAMPLE_ROWS = [
  ['report', '2026-03-01', 'done'],
  ['dialogue', '2027-05-12', 'overdue'],
] as const;

function SampleTable({ i18n }: { i18n: I18n }) {
  const t = i18n.t;
  return (
    <Table caption={t('design.table')} columns={[t('design.col.stage'), t('design.col.due'), t('design.col.state')]}>
      {SAMPLE_ROWS.map(([row, due, state]) => (
        <tr>
          <td>{t(`design.row.${row}`)}</td>
          <td>{i18n.date(due)}</td>
          <td>
            <Tag kind={state}>{t(`design.tag.${state}`)}</Tag>
          </td>
        </tr>
      ))}
    </Table>
  );
}
