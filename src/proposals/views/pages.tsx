import { MAX_UPLOAD_BYTES } from '../../core/files/files.ts';
import { formatSize } from '../../core/files/upload.ts';
import type { PageContext } from '../../core/html/context.ts';
import { ErrorSummary, Form, Select, Submit, TextField, TranslatedInputs, type Values } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { renderMarkdown } from '../../core/html/markdown.ts';
import { plain, T } from '../../core/html/text.tsx';
import { TrustedHtml } from '../../core/html/trusted-html.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { MessageKey } from '../../core/i18n/i18n.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import type { RecommendationLink } from '../../obligations/index.ts';
import { sortByName } from '../../organisations/index.ts';
import { eventText } from '../events.ts';
import type { ProposalDetail, TrackerFilter, TrackerRow } from '../queries.ts';
import { PAGE_SIZE } from '../queries.ts';

type Org = { id: string; name: Translated; category: string };
const STATUSES = [
  'submitted',
  'registered',
  'assigned',
  'answered',
  'in_implementation',
  'implemented',
  'withdrawn',
  'merged',
] as const;
const KINDS = ['amend_law', 'new_law', 'bylaw', 'practice', 'other'] as const;

export function TrackerPage({
  ctx,
  rows,
  filter,
  figures,
  medians,
  options,
  query,
}: {
  ctx: PageContext;
  rows: TrackerRow[];
  filter: TrackerFilter;
  figures: { total: number; answered: number; accepted: number };
  medians: { slug: string; name: Translated; median: number; answers: number }[];
  options: {
    themes: { id: string; name: Translated }[];
    organisations: Org[];
    meetings: { id: string; number: number; title: Translated }[];
    /** Organisations that author a proposal the viewer may see (queries.ts authorOptions). */
    authors: Org[];
  };
  query: URLSearchParams;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const any = { value: '', label: i18n.t('proposals.any') };
  const bodies = sortByName(
    options.organisations.filter((o) => o.category === 'state_body'),
    i18n,
  );
  const authors = sortByName(options.authors, i18n);
  const share = figures.answered
    ? new Intl.NumberFormat(lang, { style: 'percent' }).format(figures.accepted / figures.answered)
    : '—';
  const pageHref = (page: number) => {
    const q = new URLSearchParams(query);
    q.set('page', String(page));
    return `/${lang}/proposals?${q.toString()}`;
  };
  return (
    <Layout ctx={ctx} title={i18n.t('proposals.title')} section="proposals">
      <h1>{i18n.t('proposals.title')}</h1>
      <p class="lead">{i18n.t('proposals.intro')}</p>
      {ctx.user && ctx.can('act-for-organisation', { organisationId: ctx.user.organisationId }) && (
        <p>
          <a class="button" href={`/${lang}/proposals/new`}>
            {i18n.t('proposals.new')}
          </a>
        </p>
      )}
      <p class="figures">
        <strong>{i18n.t('proposals.count', { count: figures.total })}</strong>;{' '}
        {i18n.t('proposals.acceptedShare', { share })}
      </p>
      <form method="get" action={`/${lang}/proposals`} class="filters">
        <TextField name="q" label={i18n.t('proposals.search')} value={filter.q} maxLength={200} />
        <Select
          name="status"
          label={i18n.t('proposals.filterStatus')}
          value={filter.status ?? ''}
          options={[any, ...STATUSES.map((s) => ({ value: s, label: i18n.t(`proposal.status.${s}`) }))]}
        />
        <Select
          name="body"
          label={i18n.t('proposals.filterBody')}
          value={filter.body ?? ''}
          options={[any, ...bodies.map((o) => ({ value: o.id, label: plain(o.name, i18n) }))]}
        />
        <Select
          name="author"
          label={i18n.t('proposals.filterAuthor')}
          value={filter.author ?? ''}
          options={[any, ...authors.map((o) => ({ value: o.id, label: plain(o.name, i18n) }))]}
        />
        <Select
          name="theme"
          label={i18n.t('proposals.filterTheme')}
          value={filter.theme ?? ''}
          options={[any, ...options.themes.map((o) => ({ value: o.id, label: plain(o.name, i18n) }))]}
        />
        <Select
          name="kind"
          label={i18n.t('proposals.filterKind')}
          value={filter.kind ?? ''}
          options={[any, ...KINDS.map((k) => ({ value: k, label: i18n.t(`proposal.kind.${k}`) }))]}
        />
        <Select
          name="meeting"
          label={i18n.t('proposals.filterMeeting')}
          value={filter.meeting ?? ''}
          options={[
            any,
            ...options.meetings.map((m) => ({
              value: m.id,
              label: `${i18n.t('meeting.number', { number: m.number })}: ${plain(m.title, i18n)}`,
            })),
          ]}
        />
        <Select
          name="sort"
          label={i18n.t('proposals.sort')}
          value={filter.sort}
          options={(['newest', 'waiting'] as const).map((s) => ({ value: s, label: i18n.t(`proposals.sort.${s}`) }))}
        />
        <div class="field checkbox">
          <label for="field-overdue">
            <input id="field-overdue" type="checkbox" name="overdue" value="1" checked={filter.overdue} />{' '}
            {i18n.t('proposals.filterOverdue')}
          </label>
        </div>
        <p>
          <button type="submit" class="button">
            {i18n.t('proposals.filter')}
          </button>
        </p>
      </form>
      <p>
        <a href={`/${lang}/proposals.csv?${query.toString()}`}>{i18n.t('proposals.exportCsv')}</a>
      </p>
      {rows.length === 0 && <p>{i18n.t('proposals.none')}</p>}
      <ul class="proposal-list">
        {rows.map((r) => (
          <li>
            <a href={`/${lang}/proposals/${r.id}`} class="meeting-title">
              <T value={r.title} i18n={i18n} />
            </a>{' '}
            <span class="badge">{i18n.t(`proposal.status.${r.status}`)}</span>{' '}
            <span class="muted">{i18n.t(`proposal.kind.${r.kind}`)}</span>
            <br />
            <span class="muted">{i18n.t('proposal.authors')}:</span>{' '}
            {i18n.list(r.authors.map((a) => plain(Object.keys(a.shortName).length ? a.shortName : a.name, i18n)))}
            {' · '}
            <span class="muted">{i18n.t('proposal.addressedTo')}:</span>{' '}
            {r.addressees.map((a, i) => (
              <>
                {i > 0 && ', '}
                {plain(Object.keys(a.shortName).length ? a.shortName : a.name, i18n)}
                {a.answer ? (
                  ` (${i18n.t(`proposal.answer.${a.answer}`)})`
                ) : a.overdue ? (
                  <strong class="overdue"> ({i18n.t('proposal.overdue')})</strong>
                ) : (
                  ''
                )}
              </>
            ))}
          </li>
        ))}
      </ul>
      <nav class="button-row" aria-label={i18n.t('proposals.title')}>
        {filter.page > 1 && <a href={pageHref(filter.page - 1)}>{i18n.t('proposals.previous')}</a>}
        {figures.total > filter.page * PAGE_SIZE && <a href={pageHref(filter.page + 1)}>{i18n.t('proposals.next')}</a>}
      </nav>
      {medians.length > 0 && (
        <section aria-labelledby="medians">
          <h2 id="medians">{i18n.t('proposals.medianDays')}</h2>
          <ul>
            {medians.map((m) => (
              <li>
                <a href={`/${lang}/organisations/${m.slug}`}>
                  <T value={m.name} i18n={i18n} />
                </a>
                : {i18n.t('proposals.days', { count: m.median })}
              </li>
            ))}
          </ul>
        </section>
      )}
    </Layout>
  );
}

export interface ProposalFormOptions {
  organisations: Org[];
  themes: { id: string; name: Translated }[];
  meetings: { id: string; number: number; title: Translated }[];
  agendaItems: { id: string; meetingId: string; position: number; title: Translated; number: number }[];
}

export function ProposalFormPage({
  ctx,
  values,
  multi,
  errors,
  options,
  similar,
}: {
  ctx: PageContext;
  values: Values;
  multi: Record<string, string[]>;
  errors?: FieldErrors | undefined;
  options: ProposalFormOptions;
  similar: { id: string; title: Translated }[] | undefined;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const own = ctx.user?.organisationId;
  const checkboxes = (name: string, items: { id: string; name: Translated }[], legend: string, hint?: string) => (
    <fieldset class={errors?.[name] ? 'field has-error' : 'field'} id={`field-${name}`}>
      <legend>{legend}</legend>
      {hint && <p class="hint">{hint}</p>}
      {errors?.[name] && <p class="field-error">{errors[name]}</p>}
      <div class="checkbox-columns">
        {sortByName(items, i18n).map((o) => (
          <div class="field checkbox">
            <label for={`${name}-${o.id}`}>
              <input
                id={`${name}-${o.id}`}
                type="checkbox"
                name={name}
                value={o.id}
                checked={(multi[name] ?? []).includes(o.id)}
              />{' '}
              <T value={o.name} i18n={i18n} />
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
  return (
    <Layout ctx={ctx} title={i18n.t('proposals.new')} section="proposals">
      <h1>{i18n.t('proposals.new')}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      {similar && (
        <div class="flash" role="status">
          {similar.length === 0 ? (
            <p>{i18n.t('proposal.noSimilar')}</p>
          ) : (
            <>
              <p>{i18n.t('proposal.similar')}</p>
              <ul>
                {similar.map((s) => (
                  <li>
                    <a href={`/${lang}/proposals/${s.id}`}>
                      <T value={s.title} i18n={i18n} />
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      <Form ctx={ctx} action={`/${lang}/proposals`}>
        <TranslatedInputs
          prefix="title"
          legend={i18n.t('proposal.titleField')}
          hint={i18n.t('organisations.translatedHint')}
          values={values}
          errors={errors}
          maxLength={300}
        />
        <p>
          <button type="submit" name="intent" value="similar" class="button secondary">
            {i18n.t('proposal.checkSimilar')}
          </button>
        </p>
        {LANGS.map((l) => (
          <div class="field">
            <label for={`field-body_${l}`}>
              {i18n.t('proposal.bodyField')} — <span lang={l}>{LANG_NATIVE_NAMES[l]}</span>
            </label>
            <textarea id={`field-body_${l}`} name={`body_${l}`} rows={8} lang={l} maxLength={20000}>
              {values[`body_${l}`] ?? ''}
            </textarea>
          </div>
        ))}
        <Select
          name="kind"
          label={i18n.t('proposal.kind')}
          value={values.kind}
          error={errors?.kind}
          options={KINDS.map((k) => ({ value: k, label: i18n.t(`proposal.kind.${k}`) }))}
        />
        {checkboxes(
          'addresseeIds',
          options.organisations.filter((o) => o.category === 'state_body'),
          i18n.t('proposal.addressees'),
        )}
        {checkboxes(
          'coAuthorIds',
          options.organisations.filter((o) => o.category === 'ngo' && o.id !== own),
          i18n.t('proposal.coAuthors'),
          i18n.t('proposal.coAuthorsHint'),
        )}
        {checkboxes('themeIds', options.themes, i18n.t('proposal.themes'))}
        <Select
          name="meetingId"
          label={i18n.t('proposal.meeting')}
          value={values.meetingId}
          error={errors?.meetingId}
          options={[
            { value: '', label: i18n.t('proposal.noMeeting') },
            ...options.meetings.map((m) => ({
              value: m.id,
              label: `${i18n.t('meeting.number', { number: m.number })}: ${plain(m.title, i18n)}`,
            })),
          ]}
        />
        <Select
          name="agendaItemId"
          label={i18n.t('minutes.correctionItem')}
          value={values.agendaItemId}
          error={errors?.agendaItemId}
          options={[
            { value: '', label: '—' },
            ...options.agendaItems.map((a) => ({
              value: a.id,
              label: `${i18n.t('meeting.number', { number: a.number })}, ${a.position}. ${plain(a.title, i18n)}`,
            })),
          ]}
        />
        <fieldset class="field">
          <legend>{i18n.t('proposal.legalAct')}</legend>
          <TranslatedInputs
            prefix="actName"
            legend={i18n.t('proposal.legalActName')}
            values={values}
            errors={errors}
            maxLength={300}
          />
          <TextField
            name="actNumber"
            label={i18n.t('proposal.legalActNumber')}
            value={values.actNumber}
            error={errors?.actNumber}
            maxLength={100}
          />
          <TextField
            name="actArticle"
            label={i18n.t('proposal.legalActArticle')}
            value={values.actArticle}
            error={errors?.actArticle}
            maxLength={100}
          />
          <TextField
            name="actUrl"
            type="url"
            label={i18n.t('proposal.legalActUrl')}
            value={values.actUrl}
            error={errors?.actUrl}
            maxLength={500}
          />
        </fieldset>
        <p>
          <button type="submit" name="intent" value="save" class="button">
            {i18n.t('proposal.saveDraft')}
          </button>
        </p>
      </Form>
    </Layout>
  );
}

export interface ProposalPageData {
  proposal: ProposalDetail;
  timeline: {
    id: string;
    at: Date;
    actorName: string;
    organisationName: Translated | null;
    kind: string;
    detail: Record<string, unknown>;
    reason: string | null;
  }[];
  following: boolean;
  isAuthor: boolean;
  /** The viewer represents an organisation invited to co-author, answer pending. */
  isInvited: boolean;
  myAddressee: ProposalDetail['addressees'][number] | undefined;
  nextStage: string | undefined;
  /** The answer deadline the assignment form proposes (settings: answer_deadline_days). */
  defaultDeadline: string;
  /** The international recommendations this proposal would implement. */
  recommendations: RecommendationLink[];
  forms?: Record<string, { values: Values; errors: FieldErrors }>;
}

export function ProposalPage({ ctx, data }: { ctx: PageContext; data: ProposalPageData }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const p = data.proposal;
  const base = `/${lang}/proposals/${p.id}`;
  const staff = ctx.can('manage-proposals');
  const body = i18n.pick(p.body);
  const form = (name: string) => data.forms?.[name];
  return (
    <Layout ctx={ctx} title={plain(p.title, i18n)} section="proposals">
      <nav class="breadcrumbs" aria-label={i18n.t('proposals.title')}>
        <a href={`/${lang}/proposals`}>{i18n.t('proposals.title')}</a>
      </nav>
      <p class="eyebrow">
        {i18n.t('proposal.number', { id: p.id })} · {i18n.t(`proposal.kind.${p.kind}`)}{' '}
        <span class="badge">{i18n.t(`proposal.status.${p.status}`)}</span>
      </p>
      <h1>
        <T value={p.title} i18n={i18n} />
      </h1>
      <ErrorSummary ctx={ctx} errors={Object.assign({}, ...Object.values(data.forms ?? {}).map((f) => f.errors))} />
      {p.duplicateOf && (
        <p class="flash">
          <a href={`/${lang}/proposals/${p.duplicateOf}`}>{i18n.t('proposal.duplicateOf', { id: p.duplicateOf })}</a>
        </p>
      )}
      <dl class="facts">
        <dt>{i18n.t('proposal.authors')}</dt>
        <dd>
          {p.authors.map((a, i) => (
            <>
              {i > 0 && ', '}
              <a href={`/${lang}/organisations/${a.slug}`}>
                <T value={a.name} i18n={i18n} />
              </a>
            </>
          ))}
        </dd>
        {(data.isAuthor || data.isInvited) && p.invited.length > 0 && (
          <>
            <dt>{i18n.t('proposal.invitedCoAuthors')}</dt>
            <dd class="invited-coauthors">{i18n.list(p.invited.map((o) => plain(o.name, i18n)))}</dd>
          </>
        )}
        {p.endorsements.length > 0 && (
          <>
            <dt>{i18n.t('proposal.endorsedBy')}</dt>
            <dd>{i18n.list(p.endorsements.map((e) => plain(e.name, i18n)))}</dd>
          </>
        )}
        {p.themes.length > 0 && (
          <>
            <dt>{i18n.t('proposal.themes')}</dt>
            <dd>{i18n.list(p.themes.map((t) => plain(t.name, i18n)))}</dd>
          </>
        )}
        {p.meetingId && (
          <>
            <dt>{i18n.t('proposal.presentedAt')}</dt>
            <dd>
              <a href={`/${lang}/meetings/${p.meetingId}`}>
                {i18n.t('meeting.number', { number: p.meetingNumber ?? 0 })}
              </a>
            </dd>
          </>
        )}
        {p.legalActs.map((a) => (
          <>
            <dt>{i18n.t('proposal.legalAct')}</dt>
            <dd>
              {a.url ? (
                <a href={a.url} rel="external noopener">
                  <T value={a.name} i18n={i18n} />
                </a>
              ) : (
                <T value={a.name} i18n={i18n} />
              )}
              {a.number && ` № ${a.number}`}
              {a.article && `, ${a.article}`}
            </dd>
          </>
        ))}
      </dl>
      {body && (
        <div lang={body.lang} class="proposal-body">
          {body.fallback && <p class="untranslated">({i18n.t('lang.notTranslated')})</p>}
          <TrustedHtml html={renderMarkdown(body.text)} />
        </div>
      )}

      {(p.attachments.length > 0 || (data.isAuthor && !['withdrawn', 'merged'].includes(p.status))) && (
        <section aria-labelledby="attachments">
          <h2 id="attachments">{i18n.t('meeting.documents')}</h2>
          <ul class="documents">
            {p.attachments.map((a) => (
              <li>
                <a href={`/files/${a.fileId}/${encodeURIComponent(a.filename)}`}>
                  <T value={a.title} i18n={i18n} />
                </a>{' '}
                <span class="muted">
                  ({a.filename}, {formatSize(a.sizeBytes, lang)})
                </span>
              </li>
            ))}
          </ul>
          {data.isAuthor && !['withdrawn', 'merged'].includes(p.status) && (
            <details class="staff-form" open={form('attachment') ? true : undefined}>
              <summary>{i18n.t('documents.add')}</summary>
              <form method="post" action={`${base}/attachments`} enctype="multipart/form-data" class="stacked">
                <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                <TranslatedInputs
                  prefix="title"
                  legend={i18n.t('documents.title')}
                  values={form('attachment')?.values ?? {}}
                  errors={form('attachment')?.errors}
                  maxLength={300}
                />
                <div class={form('attachment')?.errors.file ? 'field has-error' : 'field'}>
                  <label for="field-file">
                    {i18n.t('documents.file', { size: formatSize(MAX_UPLOAD_BYTES, lang) })}
                  </label>
                  {form('attachment')?.errors.file && <p class="field-error">{form('attachment')?.errors.file}</p>}
                  <input
                    id="field-file"
                    type="file"
                    name="file"
                    accept=".pdf,.docx,.xlsx,.png,.jpg,.jpeg,.webp,.gif"
                    required
                  />
                </div>
                <Submit>{i18n.t('documents.upload')}</Submit>
              </form>
            </details>
          )}
        </section>
      )}

      <section aria-labelledby="answers">
        <h2 id="answers">{i18n.t('proposal.stateVsCivil')}</h2>
        <div class="answers">
          {p.addressees.map((a) => (
            <article class="card answer">
              <h3>
                <a href={`/${lang}/organisations/${a.slug}`}>
                  <T value={a.name} i18n={i18n} />
                </a>
              </h3>
              <div class="side-by-side">
                <div>
                  {a.answer ? (
                    <>
                      <p>
                        <span class={`badge answer-${a.answer}`}>{i18n.t(`proposal.answer.${a.answer}`)}</span>
                        {a.answeredAt && <span class="muted"> {i18n.date(a.answeredAt)}</span>}
                      </p>
                      <p>
                        <strong>{i18n.t('proposal.reasons')}:</strong> <T value={a.reasons} i18n={i18n} />
                      </p>
                    </>
                  ) : (
                    <p>
                      {i18n.t('proposal.noAnswerYet')}
                      {a.deadline && `, ${i18n.t('proposal.deadline', { date: i18n.date(a.deadline) })}`}
                      {a.overdue && <strong class="overdue"> — {i18n.t('proposal.overdue')}</strong>}
                    </p>
                  )}
                </div>
                <div>
                  <p class="muted">{i18n.t('proposal.assessmentBy')}</p>
                  {a.assessment ? (
                    <p>
                      <span class="badge">{i18n.t(`proposal.assessment.${a.assessment}`)}</span> {a.assessmentComment}
                    </p>
                  ) : (
                    <p>—</p>
                  )}
                  {data.isAuthor && a.answer && (
                    <details class="staff-form">
                      <summary>{i18n.t('proposal.assess')}</summary>
                      <Form ctx={ctx} action={`${base}/answers/${a.id}/assessment`}>
                        <div class="field">
                          <label for={`assess-${a.id}`}>{i18n.t('proposal.assessmentField')}</label>
                          <select id={`assess-${a.id}`} name="assessment">
                            {(['satisfied', 'partly_satisfied', 'not_satisfied'] as const).map((s) => (
                              <option value={s} selected={a.assessment === s}>
                                {i18n.t(`proposal.assessment.${s}`)}
                              </option>
                            ))}
                          </select>
                        </div>
                        <div class="field">
                          <label for={`assess-comment-${a.id}`}>{i18n.t('proposal.assessmentComment')}</label>
                          <textarea id={`assess-comment-${a.id}`} name="comment" rows={3} maxLength={5000}>
                            {a.assessmentComment ?? ''}
                          </textarea>
                        </div>
                        <Submit>{i18n.t('proposal.assess')}</Submit>
                      </Form>
                    </details>
                  )}
                </div>
              </div>
            </article>
          ))}
        </div>
      </section>

      {p.stages.length > 0 && (
        <section aria-labelledby="stages">
          <h2 id="stages">{i18n.t('proposal.stages')}</h2>
          <ol class="stages">
            {p.stages.map((s) => (
              <li>
                {i18n.t(`proposal.stage.${s.stage}`)}: {i18n.date(s.reachedOn)}
                {s.url && (
                  <>
                    {' '}
                    <a href={s.url} rel="external noopener">
                      ↗
                    </a>
                  </>
                )}
              </li>
            ))}
          </ol>
        </section>
      )}

      {data.recommendations.length > 0 && (
        <section aria-labelledby="implements">
          <h2 id="implements">{i18n.t('proposal.implementsRecommendations')}</h2>
          <ul>
            {data.recommendations.map((r) => (
              <li>
                <a href={`/${lang}/recommendations/${r.id}`}>
                  {[r.mechanismCode, r.symbol, r.paragraph ? `¶ ${r.paragraph}` : null].filter(Boolean).join(' · ')}
                </a>
                : <T value={r.text} i18n={i18n} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {p.duplicates.length > 0 && (
        <section aria-labelledby="merged-here">
          <h2 id="merged-here">{i18n.t('proposal.duplicates')}</h2>
          <ul>
            {p.duplicates.map((d) => (
              <li>
                <a href={`/${lang}/proposals/${d.id}`}>
                  {i18n.t('proposal.number', { id: d.id })}: <T value={d.title} i18n={i18n} />
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}

      {data.isInvited && !['withdrawn', 'merged'].includes(p.status) && (
        <section class="card co-authorship" aria-labelledby="co-authorship">
          <h2 id="co-authorship">{i18n.t('proposal.coAuthors')}</h2>
          <p>{i18n.t('proposal.coAuthorshipOffer')}</p>
          <div class="button-row">
            <Form ctx={ctx} action={`${base}/co-authorship`} className="inline-form">
              <input type="hidden" name="answer" value="accept" />
              <button type="submit" class="button">
                {i18n.t('proposal.acceptCoAuthorship')}
              </button>
            </Form>
            <Form ctx={ctx} action={`${base}/co-authorship`} className="inline-form">
              <input type="hidden" name="answer" value="decline" />
              <button type="submit" class="button secondary">
                {i18n.t('proposal.declineCoAuthorship')}
              </button>
            </Form>
          </div>
        </section>
      )}

      <section aria-labelledby="actions" class="staff-panel">
        <h2 id="actions" class="visually-hidden">
          {i18n.t('meeting.manage')}
        </h2>
        <div class="button-row">
          {ctx.can('follow') && (
            <Form ctx={ctx} action={`${base}/follow`} className="inline-form">
              <input type="hidden" name="follow" value={data.following ? '0' : '1'} />
              <button type="submit" class="button secondary">
                {i18n.t(data.following ? 'proposal.unfollow' : 'proposal.follow')}
              </button>
            </Form>
          )}
          {data.isAuthor && p.status === 'draft' && (
            <Form ctx={ctx} action={`${base}/submit`} className="inline-form">
              <button type="submit" class="button">
                {i18n.t('proposal.submit')}
              </button>
            </Form>
          )}
          {staff && p.status === 'submitted' && (
            <Form ctx={ctx} action={`${base}/register`} className="inline-form">
              <button type="submit" class="button">
                {i18n.t('proposal.register')}
              </button>
            </Form>
          )}
          {!data.isAuthor &&
            ctx.user?.organisationId &&
            ctx.can('act-for-organisation', { organisationId: ctx.user.organisationId }) &&
            !['draft', 'withdrawn', 'merged'].includes(p.status) &&
            // An addressee answers a proposal; it does not endorse it.
            !p.addressees.some((a) => a.organisationId === ctx.user?.organisationId) &&
            !p.endorsements.some((e) => p.authors.some((a) => a.slug === e.slug)) && (
              <Form ctx={ctx} action={`${base}/endorse`} className="inline-form">
                <button type="submit" class="button secondary">
                  {i18n.t('proposal.endorse')}
                </button>
              </Form>
            )}
        </div>
        {staff && p.status === 'registered' && (
          <section class="card">
            <Form ctx={ctx} action={`${base}/assign`}>
              <TextField
                name="deadline"
                type="date"
                label={i18n.t('proposal.assignDeadline')}
                value={form('assign')?.values.deadline ?? data.defaultDeadline}
                error={form('assign')?.errors.deadline}
                required
              />
              <Submit>{i18n.t('proposal.assign')}</Submit>
            </Form>
          </section>
        )}
        {data.myAddressee && !data.myAddressee.answer && p.status === 'assigned' && (
          <section class="card" aria-labelledby="answer-form">
            <h2 id="answer-form">{i18n.t('proposal.answer')}</h2>
            <Form ctx={ctx} action={`${base}/answer`}>
              <Select
                name="answer"
                label={i18n.t('proposal.answerField')}
                value={form('answer')?.values.answer}
                error={form('answer')?.errors.answer}
                options={(['accepted', 'partly_accepted', 'rejected', 'needs_study', 'not_competent'] as const).map(
                  (a) => ({ value: a, label: i18n.t(`proposal.answer.${a}`) }),
                )}
              />
              <TranslatedInputs
                prefix="reasons"
                legend={i18n.t('proposal.answerReasons')}
                values={form('answer')?.values ?? {}}
                errors={form('answer')?.errors}
                maxLength={5000}
              />
              <Submit>{i18n.t('proposal.answer')}</Submit>
            </Form>
          </section>
        )}
        {staff && data.nextStage && (
          <details class="staff-form" open={form('stage') ? true : undefined}>
            <summary>{i18n.t('proposal.recordStage')}</summary>
            <Form ctx={ctx} action={`${base}/stages`}>
              <input type="hidden" name="stage" value={data.nextStage} />
              <p>
                {i18n.t('proposal.stage')}: <strong>{i18n.t(`proposal.stage.${data.nextStage}` as MessageKey)}</strong>
              </p>
              <TextField
                name="date"
                type="date"
                label={i18n.t('proposal.stageDate')}
                value={form('stage')?.values.date}
                error={form('stage')?.errors.date}
                required
              />
              <TextField
                name="url"
                type="url"
                label={i18n.t('proposal.stageUrl')}
                value={form('stage')?.values.url}
                error={form('stage')?.errors.url}
                maxLength={500}
              />
              <Submit>{i18n.t('proposal.recordStage')}</Submit>
            </Form>
          </details>
        )}
        {staff && ['submitted', 'registered', 'assigned', 'answered'].includes(p.status) && (
          <details class="staff-form" open={form('merge') ? true : undefined}>
            <summary>{i18n.t('proposal.markDuplicate')}</summary>
            <Form ctx={ctx} action={`${base}/merge`}>
              <TextField
                name="into"
                label={i18n.t('proposal.duplicateTarget')}
                value={form('merge')?.values.into}
                error={form('merge')?.errors.into}
                required
              />
              <TextField name="reason" label={i18n.t('proposal.reason')} maxLength={5000} />
              <Submit>{i18n.t('proposal.markDuplicate')}</Submit>
            </Form>
          </details>
        )}
        {data.isAuthor && ['draft', 'submitted', 'registered', 'assigned', 'answered'].includes(p.status) && (
          <details class="staff-form">
            <summary>{i18n.t('proposal.withdraw')}</summary>
            <Form ctx={ctx} action={`${base}/withdraw`}>
              <TextField name="reason" label={i18n.t('proposal.reason')} maxLength={5000} />
              <Submit>{i18n.t('proposal.withdraw')}</Submit>
            </Form>
          </details>
        )}
      </section>

      <section aria-labelledby="timeline">
        <h2 id="timeline">{i18n.t('proposal.timeline')}</h2>
        <ol class="timeline">
          {data.timeline.map((e) => (
            <li>
              <time datetime={e.at.toISOString()}>{i18n.dateTime(e.at, 'Asia/Almaty')}</time> —{' '}
              {eventText(e.kind, e.detail, i18n)}{' '}
              <span class="muted">
                ({e.actorName}
                {e.organisationName && `, ${plain(e.organisationName, i18n)}`})
              </span>
              {e.reason && <p class="correction-text">{e.reason}</p>}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}

export function NotificationsPage({
  ctx,
  items,
  preference,
}: {
  ctx: PageContext;
  items: {
    id: string;
    proposalId: string;
    title: Translated;
    kind: string;
    detail: Record<string, unknown>;
    at: Date;
    readAt: Date | null;
  }[];
  preference: string;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <Layout ctx={ctx} title={i18n.t('notifications.title')} section="account">
      <h1>{i18n.t('notifications.title')}</h1>
      <Form ctx={ctx} action={`/${lang}/notifications/preference`}>
        <Select
          name="notify"
          label={i18n.t('notifications.preference')}
          value={preference}
          options={(['immediately', 'daily', 'weekly', 'never'] as const).map((n) => ({
            value: n,
            label: i18n.t(`notifications.preference.${n}`),
          }))}
        />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
      {items.length === 0 ? (
        <p>{i18n.t('notifications.none')}</p>
      ) : (
        <>
          <Form ctx={ctx} action={`/${lang}/notifications/read`}>
            <Submit>{i18n.t('notifications.markRead')}</Submit>
          </Form>
          <ul class="notifications">
            {items.map((n) => (
              <li class={n.readAt ? 'read' : 'unread'}>
                <time datetime={n.at.toISOString()}>{i18n.dateTime(n.at, 'Asia/Almaty')}</time> —{' '}
                <a href={`/${lang}/proposals/${n.proposalId}`}>
                  <T value={n.title} i18n={i18n} />
                </a>
                : {eventText(n.kind, n.detail, i18n)}
              </li>
            ))}
          </ul>
        </>
      )}
    </Layout>
  );
}
