import type { MechanismKind } from '../../../core/db/schema-obligations.ts';
import type { PageContext } from '../../../core/html/context.ts';
import { TextFact } from '../../../core/html/facts.tsx';
import { fieldsOf, Select, TextField } from '../../../core/html/fields.tsx';
import { ErrorSummary, Form, Submit } from '../../../core/html/form.tsx';
import { Layout, TitledPage } from '../../../core/html/layout.tsx';
import { ButtonLink, TLink } from '../../../core/html/links.tsx';
import { Table } from '../../../core/html/table.tsx';
import { plain, T } from '../../../core/html/text.tsx';
import type { FieldErrors } from '../../../core/http/forms.ts';
import type { I18n } from '../../../core/i18n/i18n.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../../../core/i18n/locales.ts';
import { stateName } from '../../states.ts';
import type { CycleSummary, Mechanism } from '../queries.ts';
import { problemText, type RowProblem } from '../ratifications-csv.ts';

const KINDS: readonly MechanismKind[] = ['treaty_body', 'upr', 'special_procedure'];
const STATUSES = ['ratified', 'acceded', 'succeeded', 'signed', 'not_signed'] as const;

export type Values = Record<string, string | undefined>;

function statusLabel(m: Pick<Mechanism, 'status'>, i18n: I18n): string {
  return i18n.t(`mechanisms.status.${m.status ?? 'none'}`);
}

function DateCell({ value, i18n }: { value: string | null; i18n: I18n }) {
  return value ? <time datetime={value}>{i18n.date(value)}</time> : i18n.t('mechanisms.noDate');
}

/** What the import form shows after a refused import: the whole-file problem or every row's. */
export interface ImportState {
  errors?: FieldErrors | undefined;
  rows?: RowProblem[] | undefined;
  pasted?: string | undefined;
}

function ImportForm({ ctx, state }: { ctx: PageContext; state: ImportState | undefined }) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const rows = state?.rows ?? [];
  return (
    <section aria-labelledby="import-heading" class="import">
      <h2 id="import-heading">{i18n.t('mechanisms.import.title')}</h2>
      <ErrorSummary ctx={ctx} errors={state?.errors} />
      {rows.length > 0 && (
        <div class="error-summary" role="alert" tabIndex={-1} id="import-problems">
          <h3>{i18n.t('mechanisms.import.rejected', { count: rows.length })}</h3>
          <ul>
            {rows.map((p) => (
              <li>
                <strong>{i18n.t('mechanisms.import.line', { line: p.line })}:</strong> {problemText(i18n, p)}
              </li>
            ))}
          </ul>
        </div>
      )}
      <p class="hint" id="import-help">
        {i18n.t('mechanisms.import.help')}
      </p>
      {/* Multipart: the CSRF token comes first so that it is checked before the file is read. */}
      <form
        method="post"
        action={`/${lang}/mechanisms/ratifications`}
        enctype="multipart/form-data"
        class="stacked"
        aria-describedby="import-help"
      >
        <input type="hidden" name="_csrf" value={ctx.csrfToken} />
        <div class={state?.errors?.file ? 'field has-error' : 'field'}>
          <label for="field-file">{i18n.t('mechanisms.import.file')}</label>
          <input id="field-file" name="file" type="file" accept=".csv,.tsv,.txt,text/csv,text/plain" />
        </div>
        <div class="field">
          <label for="field-csv">{i18n.t('mechanisms.import.paste')}</label>
          <textarea id="field-csv" name="csv" rows={8} spellcheck={false}>
            {state?.pasted ?? ''}
          </textarea>
        </div>
        <Submit>{i18n.t('mechanisms.import.submit')}</Submit>
      </form>
    </section>
  );
}

/** The catalogue: treaty bodies with the home State's ratifications, then the UPR and special procedures. */
export function CataloguePage({
  ctx,
  state,
  mechanisms,
  importState,
}: {
  ctx: PageContext;
  state: string;
  mechanisms: Mechanism[];
  importState?: ImportState;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const staff = ctx.can('manage-obligations');
  const name = stateName(state, lang);
  return (
    <TitledPage ctx={ctx} title={i18n.t('mechanisms.title')}>
      <p class="lead">{i18n.t('mechanisms.intro', { state: name })}</p>
      {KINDS.map((kind) => {
        const ofKind = mechanisms.filter((m) => m.kind === kind);
        if (ofKind.length === 0) return null;
        return (
          <section aria-labelledby={`kind-${kind}`} class={`mechanisms mechanisms-${kind}`}>
            <h2 id={`kind-${kind}`}>{i18n.t(`mechanisms.section.${kind}`)}</h2>
            {kind === 'treaty_body' ? (
              <Table
                className="data ratifications"
                caption={
                  <>
                    {i18n.t('mechanisms.section.treaty_body')} · {name}
                  </>
                }
                columns={(['mechanism', 'treaty', 'status', 'note'] as const).map((k) =>
                  i18n.t(`mechanisms.column.${k}`),
                )}
              >
                {ofKind.map((m) => (
                  <tr data-code={m.code}>
                    <th scope="row">
                      <a href={`/${lang}/mechanisms/${m.code}`}>
                        <abbr>{m.code}</abbr> · <T value={m.name} i18n={i18n} />
                      </a>
                      {staff && (
                        <>
                          <br />
                          <a
                            class="edit"
                            href={`/${lang}/mechanisms/${m.code}/ratification`}
                            aria-label={i18n.t('mechanisms.editLabel', { mechanism: m.code })}
                          >
                            {i18n.t('mechanisms.editShort')}
                          </a>
                        </>
                      )}
                    </th>
                    <td>
                      <T value={m.treaty} i18n={i18n} />
                    </td>
                    <td>
                      <strong class={`status status-${m.status ?? 'none'}`}>{statusLabel(m, i18n)}</strong>
                      {/* The status says what this date is: of ratification, accession or succession. */}
                      {m.ratifiedOn && (
                        <>
                          <br />
                          <DateCell value={m.ratifiedOn} i18n={i18n} />
                        </>
                      )}
                      {m.signedOn && (
                        <>
                          <br />
                          <small class="signed">
                            {i18n.t('mechanisms.column.signed')}: <DateCell value={m.signedOn} i18n={i18n} />
                          </small>
                        </>
                      )}
                    </td>
                    <td>
                      <T value={m.note} i18n={i18n} />
                    </td>
                  </tr>
                ))}
              </Table>
            ) : (
              <ul class="mechanism-list">
                {ofKind.map((m) => (
                  <li data-code={m.code}>
                    <TLink href={`/${lang}/mechanisms/${m.code}`} value={m.name} i18n={i18n} />
                    <p>{i18n.t(kind === 'upr' ? 'mechanisms.about.upr' : 'mechanisms.about.special_procedure')}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      {staff && <ImportForm ctx={ctx} state={importState} />}
    </TitledPage>
  );
}

/** One mechanism: its treaty and ratification, the home State's cycles, the count of its recommendations. */
export function MechanismPage({
  ctx,
  state,
  mechanism: m,
  cycles,
  recommendations,
  today,
}: {
  ctx: PageContext;
  state: string;
  mechanism: Mechanism;
  cycles: CycleSummary[];
  recommendations: number;
  /** YYYY-MM-DD: an open deadline before it is late. */
  today: string;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const name = stateName(state, lang);
  const title = `${plain(m.name, i18n)} (${m.code})`;
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <a href={`/${lang}/mechanisms`}>{i18n.t('mechanisms.backToCatalogue')}</a>
      </p>
      <h1>
        <T value={m.name} i18n={i18n} /> (<abbr>{m.code}</abbr>)
      </h1>
      <p class="badge">{i18n.t(`obligations.mechanismKind.${m.kind}`)}</p>
      {m.kind === 'treaty_body' ? (
        <section aria-labelledby="ratification-heading">
          <h2 id="ratification-heading">{i18n.t('mechanisms.ratification')}</h2>
          <dl class="ratification">
            <dt>{i18n.t('mechanisms.treaty')}</dt>
            <dd>
              <T value={m.treaty} i18n={i18n} />
            </dd>
            <dt>{i18n.t('mechanisms.state')}</dt>
            <dd>{name}</dd>
            <dt>{i18n.t('mechanisms.column.status')}</dt>
            <dd class={`status status-${m.status ?? 'none'}`}>{statusLabel(m, i18n)}</dd>
            <dt>{i18n.t('mechanisms.field.signedOn')}</dt>
            <dd>
              <DateCell value={m.signedOn} i18n={i18n} />
            </dd>
            <dt>{i18n.t('mechanisms.field.ratifiedOn')}</dt>
            <dd>
              <DateCell value={m.ratifiedOn} i18n={i18n} />
            </dd>
            <TextFact term={i18n.t('mechanisms.column.note')} value={m.note} i18n={i18n} />
          </dl>
          {ctx.can('manage-obligations') && (
            <p>
              <ButtonLink href={`/${lang}/mechanisms/${m.code}/ratification`}>{i18n.t('mechanisms.edit')}</ButtonLink>
            </p>
          )}
        </section>
      ) : (
        <p>{i18n.t(m.kind === 'upr' ? 'mechanisms.about.upr' : 'mechanisms.about.special_procedure')}</p>
      )}
      <section aria-labelledby="cycles-heading">
        <h2 id="cycles-heading">{i18n.t('mechanisms.cycles', { state: name })}</h2>
        {cycles.length === 0 ? (
          <p>{i18n.t('mechanisms.noCycles')}</p>
        ) : (
          <ul class="cycles">
            {cycles.map((c) => (
              <li>
                <TLink href={`/${lang}/cycles/${c.id}`} value={c.title} i18n={i18n} />
                {c.number !== null && <> · {i18n.t('mechanisms.cycleNumber', { number: c.number })}</>}
                {' · '}
                {c.nextDue ? (
                  <>
                    {i18n.t(c.nextDue < today ? 'mechanisms.overdue' : 'mechanisms.nextDeadline')}{' '}
                    <time datetime={c.nextDue}>{i18n.date(c.nextDue)}</time>
                  </>
                ) : (
                  i18n.t('mechanisms.allDone')
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="recommendations-heading">
        <h2 id="recommendations-heading" class="visually-hidden">
          {i18n.t('mechanisms.seeRecommendations')}
        </h2>
        <p class="recommendation-count">
          {i18n.t('mechanisms.recommendations', { count: recommendations })}
          {recommendations > 0 && (
            <>
              {' · '}
              <a href={`/${lang}/recommendations?mechanism=${m.id}`}>{i18n.t('mechanisms.seeRecommendations')}</a>
            </>
          )}
        </p>
      </section>
    </Layout>
  );
}

/** The form for one treaty's ratification by the home State. */
export function RatificationFormPage({
  ctx,
  state,
  mechanism: m,
  values,
  errors,
}: {
  ctx: PageContext;
  state: string;
  mechanism: Mechanism;
  values: Values;
  errors?: FieldErrors | undefined;
}) {
  const { i18n } = ctx;
  const field = fieldsOf(values, errors);
  const lang = i18n.lang;
  const title = i18n.t('mechanisms.editTitle', { mechanism: `${plain(m.name, i18n)} (${m.code})` });
  const noteError = LANGS.map((l) => errors?.[`note_${l}`]).find(Boolean);
  return (
    <Layout ctx={ctx} title={title}>
      <p>
        <TLink href={`/${lang}/mechanisms/${m.code}`} value={m.name} i18n={i18n} />
      </p>
      <h1>{title}</h1>
      <p class="lead">
        {i18n.t('mechanisms.editIntro', { state: stateName(state, lang), treaty: plain(m.treaty, i18n) })}
      </p>
      <Form ctx={ctx} errors={errors} action={`/${lang}/mechanisms/${m.code}/ratification`}>
        <Select
          name="status"
          label={i18n.t('mechanisms.field.status')}
          value={values.status ?? ''}
          error={errors?.status}
          empty={i18n.t('mechanisms.status.none')}
          options={STATUSES.map((s) => ({ value: s, label: i18n.t(`mechanisms.status.${s}`) }))}
        />
        <TextField
          {...field('signedOn')}
          type="date"
          label={i18n.t('mechanisms.field.signedOn')}
          hint={i18n.t('mechanisms.field.dateHint')}
        />
        <TextField
          {...field('ratifiedOn')}
          type="date"
          label={i18n.t('mechanisms.field.ratifiedOn')}
          hint={i18n.t('mechanisms.field.dateHint')}
        />
        <fieldset class={noteError ? 'field translated has-error' : 'field translated'}>
          <legend>{i18n.t('mechanisms.field.note')}</legend>
          {noteError && <p class="field-error">{noteError}</p>}
          {LANGS.map((l) => (
            <div class="field">
              <label for={`field-note_${l}`} lang={l}>
                {LANG_NATIVE_NAMES[l]}
              </label>
              <textarea
                id={`field-note_${l}`}
                name={`note_${l}`}
                lang={l}
                rows={3}
                maxLength={2000}
                aria-invalid={errors?.[`note_${l}`] ? 'true' : undefined}
              >
                {values[`note_${l}`] ?? ''}
              </textarea>
            </div>
          ))}
        </fieldset>
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
    </Layout>
  );
}
