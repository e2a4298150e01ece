import { CYCLE_DOCUMENT_KINDS, CYCLE_STAGE_KINDS } from '../../core/db/schema-obligations.ts';
import { MAX_UPLOAD_BYTES } from '../../core/files/files.ts';
import { formatSize } from '../../core/files/upload.ts';
import type { PageContext } from '../../core/html/context.ts';
import { ErrorSummary, Form, Select, Submit, TextField, TranslatedInputs, type Values } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { sortByName } from '../../organisations/index.ts';
import type { MechanismRef } from '../queries.ts';
import { stateName } from '../states.ts';
import type { CycleDetail, CycleRow, Stage } from './queries.ts';

const STATE_CLASS: Record<Stage['state'], string> = {
  done: 'stage stage-done',
  late: 'stage stage-late',
  next: 'stage stage-next',
  upcoming: 'stage',
  unplanned: 'stage stage-unplanned',
};

export function cycleTitle(c: { title: Translated; mechanism: MechanismRef }, ctx: PageContext): string {
  return `${c.mechanism.code}: ${plain(c.title, ctx.i18n)}`;
}

/** Where the obligations pages are: cycles, recommendations, mechanisms. */
export function ObligationsNav({
  ctx,
  current,
}: {
  ctx: PageContext;
  current: 'cycles' | 'recommendations' | 'mechanisms';
}) {
  const lang = ctx.i18n.lang;
  const links = [
    { key: 'cycles', href: `/${lang}/cycles`, label: ctx.i18n.t('obligations.cycles') },
    { key: 'recommendations', href: `/${lang}/recommendations`, label: ctx.i18n.t('nav.recommendations') },
    { key: 'mechanisms', href: `/${lang}/mechanisms`, label: ctx.i18n.t('mechanisms.title') },
    ...(ctx.can('manage-obligations')
      ? [
          { key: 'import', href: `/${lang}/recommendations/import`, label: ctx.i18n.t('import.title') },
          { key: 'new', href: `/${lang}/recommendations/new`, label: ctx.i18n.t('obligations.newRecommendation') },
        ]
      : []),
  ];
  return (
    <nav aria-label={ctx.i18n.t('nav.obligations')} class="admin-links">
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

export function CycleListPage({ ctx, cycles }: { ctx: PageContext; cycles: CycleRow[] }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <Layout ctx={ctx} title={i18n.t('obligations.cycles')} section="obligations">
      <ObligationsNav ctx={ctx} current="cycles" />
      <h1>{i18n.t('obligations.cycles')}</h1>
      <p class="lead">{i18n.t('obligations.cyclesIntro')}</p>
      <p class="button-row">
        {ctx.can('manage-obligations') && (
          <a class="button" href={`/${lang}/cycles/new`}>
            {i18n.t('obligations.newCycle')}
          </a>
        )}{' '}
        <a href={`/${lang}/cycles.ics`}>{i18n.t('obligations.calendarFeed')}</a>
      </p>
      {cycles.length === 0 ? (
        <p>{i18n.t('obligations.noCycles')}</p>
      ) : (
        <div class="table-scroll">
          <table>
            <caption class="visually-hidden">{i18n.t('obligations.cycles')}</caption>
            <thead>
              <tr>
                <th scope="col">{i18n.t('obligations.mechanism')}</th>
                <th scope="col">{i18n.t('obligations.cycle')}</th>
                <th scope="col">{i18n.t('obligations.state')}</th>
                <th scope="col">{i18n.t('obligations.nextStage')}</th>
                <th scope="col">{i18n.t('obligations.lateStages')}</th>
                <th scope="col">{i18n.t('nav.recommendations')}</th>
              </tr>
            </thead>
            <tbody>
              {cycles.map((c) => (
                <tr>
                  <td>
                    <abbr title={plain(c.mechanism.name, i18n)}>{c.mechanism.code}</abbr>
                  </td>
                  <th scope="row">
                    <a href={`/${lang}/cycles/${c.id}`}>
                      <T value={c.title} i18n={i18n} />
                    </a>
                  </th>
                  <td>{stateName(c.stateCode, lang)}</td>
                  <td>
                    {c.next ? (
                      <>
                        {i18n.t(`obligations.stage.${c.next.kind}`)} — {i18n.date(c.next.dueOn)}
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{c.late ? <strong class="overdue">{i18n.number(c.late)}</strong> : '0'}</td>
                  <td>{i18n.number(c.recommendations)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Layout>
  );
}

/** The State (ISO code) and the mechanism: the first two fields of a cycle's and a recommendation's form. */
export function StateAndMechanismFields({
  ctx,
  values,
  errors,
  mechanisms,
}: {
  ctx: PageContext;
  values: Values;
  errors?: FieldErrors | undefined;
  mechanisms: MechanismRef[];
}) {
  const { i18n } = ctx;
  return (
    <>
      <TextField
        name="stateCode"
        label={i18n.t('obligations.stateCode')}
        hint={i18n.t('obligations.stateCodeHint')}
        value={values.stateCode}
        error={errors?.stateCode}
        maxLength={2}
        required
      />
      <Select
        name="mechanismId"
        label={i18n.t('obligations.mechanism')}
        value={values.mechanismId}
        error={errors?.mechanismId}
        options={mechanisms.map((m) => ({ value: m.id, label: `${m.code} — ${plain(m.name, i18n)}` }))}
      />
    </>
  );
}

export function CycleFormPage({
  ctx,
  cycle,
  values,
  errors,
  mechanisms,
}: {
  ctx: PageContext;
  cycle?: { id: string; title: Translated } | undefined;
  values: Values;
  errors?: FieldErrors | undefined;
  mechanisms: MechanismRef[];
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const title = cycle ? i18n.t('obligations.editCycle') : i18n.t('obligations.newCycle');
  return (
    <Layout ctx={ctx} title={title} section="obligations">
      <p class="breadcrumbs">
        <a href={`/${lang}/cycles`}>{i18n.t('obligations.cycles')}</a>
        {cycle && (
          <>
            {' › '}
            <a href={`/${lang}/cycles/${cycle.id}`}>
              <T value={cycle.title} i18n={i18n} />
            </a>
          </>
        )}
      </p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={cycle ? `/${lang}/cycles/${cycle.id}/edit` : `/${lang}/cycles`}>
        <StateAndMechanismFields ctx={ctx} values={values} errors={errors} mechanisms={mechanisms} />
        <TextField
          name="number"
          label={i18n.t('obligations.cycleNumber')}
          value={values.number}
          error={errors?.number}
          maxLength={2}
        />
        <TranslatedInputs
          prefix="title"
          legend={i18n.t('obligations.cycleTitle')}
          hint={i18n.t('obligations.cycleTitleHint')}
          values={values}
          errors={errors}
          maxLength={300}
        />
        <TranslatedInputs
          prefix="description"
          legend={i18n.t('obligations.description')}
          values={values}
          errors={errors}
          maxLength={5000}
          rows={3}
        />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
    </Layout>
  );
}

export interface CyclePageForms {
  stages?: { values: Values; errors: FieldErrors } | undefined;
  document?: { values: Values; errors: FieldErrors } | undefined;
  upload?: { values: Values; errors: FieldErrors } | undefined;
}

export function CyclePage({
  ctx,
  cycle,
  organisations,
  agendaItems,
  forms = {},
}: {
  ctx: PageContext;
  cycle: CycleDetail;
  organisations: { id: string; name: Translated; category: string }[];
  agendaItems: { id: string; title: Translated; meetingNumber: number }[];
  forms?: CyclePageForms;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const staff = ctx.can('manage-obligations');
  const total = cycle.recommendationsByStatus.reduce((n, s) => n + s.count, 0);
  const late = cycle.stages.filter((s) => s.state === 'late');
  const next = cycle.stages.find((s) => s.state === 'next');
  const stageValues: Values =
    forms.stages?.values ??
    Object.fromEntries(
      cycle.stages.flatMap((s) => [
        [`${s.kind}_due`, s.dueOn ?? undefined],
        [`${s.kind}_done`, s.doneOn ?? undefined],
        [`${s.kind}_ends`, s.endsOn ?? undefined],
        [`${s.kind}_note`, s.note[lang]],
      ]),
    );
  const docValues = forms.document?.values ?? {};
  const uploadValues = forms.upload?.values ?? {};
  const authors = sortByName(
    organisations.filter((o) => ['ngo', 'nhri', 'state_body', 'international'].includes(o.category)),
    i18n,
  );
  return (
    <Layout ctx={ctx} title={cycleTitle(cycle, ctx)} section="obligations">
      <p class="breadcrumbs">
        <a href={`/${lang}/cycles`}>{i18n.t('obligations.cycles')}</a>
      </p>
      <p class="eyebrow">
        <abbr title={plain(cycle.mechanism.name, i18n)}>{cycle.mechanism.code}</abbr> ·{' '}
        {stateName(cycle.stateCode, lang)}
      </p>
      <h1>
        <T value={cycle.title} i18n={i18n} />
      </h1>
      {cycle.description && i18n.pick(cycle.description) && (
        <p class="lead">
          <T value={cycle.description} i18n={i18n} />
        </p>
      )}
      <ul class="facts">
        <li>
          {late.length
            ? i18n.t('obligations.lateSummary', {
                count: late.length,
                stages: late.map((s) => i18n.t(`obligations.stage.${s.kind}`)).join(', '),
              })
            : i18n.t('obligations.nothingLate')}
        </li>
        {next?.dueOn && (
          <li>
            {i18n.t('obligations.nextSummary', {
              stage: i18n.t(`obligations.stage.${next.kind}`),
              date: i18n.date(next.dueOn),
            })}
          </li>
        )}
      </ul>
      <p class="button-row">
        {staff && <a href={`/${lang}/cycles/${cycle.id}/edit`}>{i18n.t('obligations.editCycle')}</a>}{' '}
        <a href={`/${lang}/cycles/${cycle.id}.ics`}>{i18n.t('obligations.calendarFeedCycle')}</a>{' '}
        <a href={`/${lang}/cycles/${cycle.id}/report`}>{i18n.t('report.title')}</a>
      </p>

      <h2 id="stages">{i18n.t('obligations.stages')}</h2>
      <div class="table-scroll">
        <table class="stages">
          <thead>
            <tr>
              <th scope="col">{i18n.t('obligations.stageName')}</th>
              <th scope="col">{i18n.t('obligations.dueOn')}</th>
              <th scope="col">{i18n.t('obligations.doneOn')}</th>
              <th scope="col">{i18n.t('obligations.stageState')}</th>
            </tr>
          </thead>
          <tbody>
            {cycle.stages
              .filter((s) => s.state !== 'unplanned' || s.dueOn || s.doneOn)
              .map((s) => (
                <tr class={STATE_CLASS[s.state]}>
                  <th scope="row">
                    {i18n.t(`obligations.stage.${s.kind}`)}
                    {i18n.pick(s.note) && (
                      <>
                        <br />
                        <small>
                          <T value={s.note} i18n={i18n} />
                        </small>
                      </>
                    )}
                  </th>
                  <td>{s.dueOn ? i18n.date(s.dueOn) : '—'}</td>
                  <td>
                    {s.doneOn ? i18n.date(s.doneOn) : '—'}
                    {s.endsOn && <> – {i18n.date(s.endsOn)}</>}
                  </td>
                  <td>{i18n.t(`obligations.stageState.${s.state}`)}</td>
                </tr>
              ))}
          </tbody>
        </table>
      </div>
      {staff && (
        <details class="staff-form" open={Boolean(forms.stages)}>
          <summary>{i18n.t('obligations.editStages')}</summary>
          <ErrorSummary ctx={ctx} errors={forms.stages?.errors} />
          <Form ctx={ctx} action={`/${lang}/cycles/${cycle.id}/stages`}>
            {CYCLE_STAGE_KINDS.map((kind) => (
              <fieldset class="field">
                <legend>{i18n.t(`obligations.stage.${kind}`)}</legend>
                <TextField
                  name={`${kind}_due`}
                  type="date"
                  label={i18n.t('obligations.dueOn')}
                  value={stageValues[`${kind}_due`]}
                  error={forms.stages?.errors[`${kind}_due`]}
                />
                <TextField
                  name={`${kind}_done`}
                  type="date"
                  label={i18n.t(kind === 'constructive_dialogue' ? 'obligations.heldFrom' : 'obligations.doneOn')}
                  value={stageValues[`${kind}_done`]}
                  error={forms.stages?.errors[`${kind}_done`]}
                />
                {kind === 'constructive_dialogue' && (
                  <TextField
                    name={`${kind}_ends`}
                    type="date"
                    label={i18n.t('obligations.heldUntil')}
                    value={stageValues[`${kind}_ends`]}
                    error={forms.stages?.errors[`${kind}_ends`]}
                  />
                )}
                <TextField
                  name={`${kind}_note`}
                  label={i18n.t(kind === 'constructive_dialogue' ? 'obligations.delegation' : 'obligations.stageNote')}
                  value={stageValues[`${kind}_note`]}
                  error={forms.stages?.errors[`${kind}_note`]}
                  maxLength={1000}
                />
              </fieldset>
            ))}
            <Submit>{i18n.t('form.save')}</Submit>
          </Form>
        </details>
      )}

      <h2 id="documents">{i18n.t('obligations.documents')}</h2>
      {cycle.documents.length === 0 ? (
        <p>{i18n.t('obligations.noDocuments')}</p>
      ) : (
        <ul class="documents">
          {cycle.documents.map((d) => (
            <li>
              <span class="badge">{i18n.t(`obligations.docKind.${d.kind}`)}</span> {d.symbol && <code>{d.symbol}</code>}{' '}
              <T value={d.title} i18n={i18n} />
              {d.organisation && (
                <>
                  {' — '}
                  <a href={`/${lang}/organisations/${d.organisation.slug}`}>
                    <T value={d.organisation.name} i18n={i18n} />
                  </a>
                </>
              )}
              {d.issuedOn && <> ({i18n.date(d.issuedOn)})</>}
              {d.url && (
                <>
                  {' · '}
                  <a href={d.url} rel="noopener noreferrer">
                    {i18n.t('obligations.openLink')}
                  </a>
                </>
              )}
              {d.file && (
                <>
                  {' · '}
                  <a href={`/files/${d.file.id}/${encodeURIComponent(d.file.filename)}`}>
                    {d.file.filename} ({formatSize(d.file.sizeBytes, lang)})
                  </a>
                </>
              )}
              {staff && (
                <Form ctx={ctx} action={`/${lang}/cycles/${cycle.id}/documents/${d.id}/delete`} className="inline-form">
                  <button type="submit" class="link-button">
                    {i18n.t('obligations.removeDocument')}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}
      {staff && (
        <>
          <details class="staff-form" open={Boolean(forms.document)}>
            <summary>{i18n.t('obligations.addDocumentLink')}</summary>
            <ErrorSummary ctx={ctx} errors={forms.document?.errors} />
            <Form ctx={ctx} action={`/${lang}/cycles/${cycle.id}/documents`}>
              <DocumentFields ctx={ctx} values={docValues} errors={forms.document?.errors} authors={authors} />
              <TextField
                name="url"
                type="url"
                label={i18n.t('obligations.documentUrl')}
                value={docValues.url}
                error={forms.document?.errors.url}
                maxLength={500}
                required
              />
              <Submit>{i18n.t('obligations.addDocument')}</Submit>
            </Form>
          </details>
          <details class="staff-form" open={Boolean(forms.upload)}>
            <summary>{i18n.t('obligations.addDocumentFile')}</summary>
            <ErrorSummary ctx={ctx} errors={forms.upload?.errors} />
            <form
              method="post"
              action={`/${lang}/cycles/${cycle.id}/documents/upload`}
              enctype="multipart/form-data"
              class="stacked"
            >
              <input type="hidden" name="_csrf" value={ctx.csrfToken} />
              <DocumentFields ctx={ctx} values={uploadValues} errors={forms.upload?.errors} authors={authors} />
              <div class={forms.upload?.errors.file ? 'field has-error' : 'field'}>
                <label for="field-file">{i18n.t('documents.file', { size: formatSize(MAX_UPLOAD_BYTES, lang) })}</label>
                {forms.upload?.errors.file && (
                  <p class="field-error" id="error-file">
                    {forms.upload.errors.file}
                  </p>
                )}
                <input id="field-file" type="file" name="file" required />
              </div>
              <Submit>{i18n.t('documents.upload')}</Submit>
            </form>
          </details>
        </>
      )}

      <h2 id="meetings">{i18n.t('obligations.meetings')}</h2>
      {cycle.meetings.length === 0 ? (
        <p>{i18n.t('obligations.noMeetings')}</p>
      ) : (
        <ul>
          {cycle.meetings.map((m) => (
            <li>
              <a href={`/${lang}/meetings/${m.meetingId}`}>
                {i18n.t('obligations.meetingNumber', { number: m.number })} — <T value={m.title} i18n={i18n} />
              </a>{' '}
              ({i18n.date(m.startsAt)}): <T value={m.itemTitle} i18n={i18n} />
              {ctx.can('run-meetings') && (
                <Form ctx={ctx} action={`/${lang}/cycles/${cycle.id}/agenda-items`} className="inline-form">
                  <input type="hidden" name="itemId" value={m.itemId} />
                  <input type="hidden" name="remove" value="on" />{' '}
                  <button type="submit" class="link-button">
                    {i18n.t('obligations.unlink')}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ul>
      )}

      {ctx.can('run-meetings') && agendaItems.length > 0 && (
        <Form ctx={ctx} action={`/${lang}/cycles/${cycle.id}/agenda-items`} className="staff-form">
          <Select
            name="itemId"
            label={i18n.t('obligations.linkAgendaItemToCycle')}
            options={agendaItems.map((a) => ({
              value: a.id,
              label: `${i18n.t('obligations.meetingNumber', { number: a.meetingNumber })}: ${plain(a.title, i18n)}`,
            }))}
          />
          <Submit>{i18n.t('obligations.link')}</Submit>
        </Form>
      )}

      <h2 id="recommendations">{i18n.t('nav.recommendations')}</h2>
      {total === 0 ? (
        <p>{i18n.t('obligations.noRecommendations')}</p>
      ) : (
        <>
          <ul class="category-counts">
            {cycle.recommendationsByStatus.map((s) => (
              <li>
                <a href={`/${lang}/recommendations?cycle=${cycle.id}&status=${s.status}`}>
                  {i18n.t(`obligations.level.${s.status}`)}
                </a>{' '}
                <span class="count">{i18n.number(s.count)}</span>
              </li>
            ))}
          </ul>
          <p>
            <a href={`/${lang}/recommendations?cycle=${cycle.id}`}>
              {i18n.t('obligations.allRecommendations', { count: total })}
            </a>
          </p>
        </>
      )}
      {staff && (
        <p>
          <a href={`/${lang}/recommendations/new?cycle=${cycle.id}`}>{i18n.t('obligations.newRecommendation')}</a>
        </p>
      )}
    </Layout>
  );
}

function DocumentFields({
  ctx,
  values,
  errors,
  authors,
}: {
  ctx: PageContext;
  values: Values;
  errors?: FieldErrors | undefined;
  authors: { id: string; name: Translated }[];
}) {
  const { i18n } = ctx;
  return (
    <>
      <Select
        name="kind"
        label={i18n.t('obligations.documentKind')}
        value={values.kind}
        error={errors?.kind}
        options={CYCLE_DOCUMENT_KINDS.map((k) => ({ value: k, label: i18n.t(`obligations.docKind.${k}`) }))}
      />
      <TextField
        name="symbol"
        label={i18n.t('obligations.symbol')}
        hint={i18n.t('obligations.symbolHint')}
        value={values.symbol}
        error={errors?.symbol}
        maxLength={100}
      />
      <TranslatedInputs
        prefix="title"
        legend={i18n.t('obligations.documentTitle')}
        values={values}
        errors={errors}
        maxLength={300}
      />
      <TextField
        name="issuedOn"
        type="date"
        label={i18n.t('obligations.issuedOn')}
        value={values.issuedOn}
        error={errors?.issuedOn}
      />
      <Select
        name="organisationId"
        label={i18n.t('obligations.documentAuthor')}
        value={values.organisationId}
        error={errors?.organisationId}
        options={[
          { value: '', label: i18n.t('obligations.noAuthor') },
          ...authors.map((o) => ({ value: o.id, label: plain(o.name, i18n) })),
        ]}
      />
    </>
  );
}
