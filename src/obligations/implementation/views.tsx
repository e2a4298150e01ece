import { ACTION_STATUSES, ASSESSMENT_LEVELS, type AssessmentSide } from '../../core/db/schema-obligations.ts';
import { fileUrl } from '../../core/files/downloads.ts';
import { MAX_UPLOAD_BYTES } from '../../core/files/files.ts';
import { formatSize } from '../../core/files/upload.ts';
import { TextFact } from '../../core/html/facts.tsx';
import { Checkbox, fieldsOf, Select, TextField, TranslatedInputs } from '../../core/html/fields.tsx';
import { Button, Form, StaffForm, Submit, UploadForm } from '../../core/html/form.tsx';
import { TLink } from '../../core/html/links.tsx';
import { plain, T } from '../../core/html/text.tsx';
import { LANGS } from '../../core/i18n/locales.ts';
import { sortByName } from '../../organisations/index.ts';
import { DescriptionInputs } from '../cycles/views.tsx';
import { sectionScope } from '../recommendations/section-scope.ts';
import type { SectionProps } from '../recommendations/views.tsx';
import type { ActionDetail, AssessmentDetail } from './queries.ts';

/** The implementation sections of a recommendation's page: assessments on every side, actions and their progress. */

const SIDES: AssessmentSide[] = ['state', 'civil_society', 'nhri'];

/**
 * Do the assessments differ? At least two different levels, whoever gave them (the draft report's
 * civil-society view uses the same rule): two NGOs that disagree are worth seeing too.
 */
export function disagreement(assessments: Pick<AssessmentDetail, 'level'>[]): boolean {
  return new Set(assessments.map((a) => a.level)).size > 1;
}

export function AssessmentsSection({ ctx, r, extras, forms }: SectionProps) {
  const { i18n, lang } = sectionScope(ctx);
  const differ = disagreement(r.assessments);
  return (
    <>
      <h2 id="assessments">{i18n.t('obligations.assessments')}</h2>
      {differ && (
        <p class="disagree" role="note">
          <strong>{i18n.t('obligations.assessmentsDiffer')}</strong>{' '}
          {SIDES.filter((s) => r.assessments.some((a) => a.side === s))
            .map(
              (s) =>
                `${i18n.t(`obligations.side.${s}`)}: ${i18n.list(
                  [...new Set(r.assessments.filter((a) => a.side === s).map((a) => a.level))].map((l) =>
                    i18n.t(`obligations.level.${l}`),
                  ),
                )}`,
            )
            .join(' · ')}
        </p>
      )}
      <div class="assessments">
        {SIDES.map((side) => {
          const list = r.assessments.filter((a) => a.side === side);
          return (
            <section class="assessment-side" aria-labelledby={`side-${side}`}>
              <h3 id={`side-${side}`}>{i18n.t(`obligations.side.${side}`)}</h3>
              {list.length === 0 ? (
                <p class="muted">{i18n.t('obligations.noAssessment')}</p>
              ) : (
                list.map((a) => (
                  <article class="assessment">
                    <p>
                      <span class={`level level-${a.level}`}>{i18n.t(`obligations.level.${a.level}`)}</span>
                    </p>
                    <p>
                      <T value={a.reasons} i18n={i18n} />
                    </p>
                    <p class="muted">
                      <TLink
                        href={`/${lang}/organisations/${a.organisation.slug}`}
                        value={a.organisation.name}
                        i18n={i18n}
                      />
                      , {i18n.date(a.assessedOn)}
                    </p>
                  </article>
                ))
              )}
            </section>
          );
        })}
      </div>
      {extras.assessor && (
        <details class="staff-form" open={Boolean(forms.assessment)}>
          <summary>
            {i18n.t(extras.assessor.current ? 'obligations.updateAssessment' : 'obligations.addAssessment', {
              organisation: plain(extras.assessor.organisationName, i18n),
            })}
          </summary>
          <Form ctx={ctx} errors={forms.assessment?.errors} action={`/${lang}/recommendations/${r.id}/assessment`}>
            <p>{i18n.t('obligations.assessingAs', { side: i18n.t(`obligations.side.${extras.assessor.side}`) })}</p>
            <Select
              name="level"
              label={i18n.t('obligations.level')}
              value={forms.assessment?.values.level ?? extras.assessor.current?.level}
              error={forms.assessment?.errors.level}
              options={ASSESSMENT_LEVELS.map((l) => ({ value: l, label: i18n.t(`obligations.level.${l}`) }))}
            />
            <TranslatedInputs
              prefix="reasons"
              legend={i18n.t('obligations.reasons')}
              values={
                forms.assessment?.values ??
                Object.fromEntries(LANGS.map((l) => [`reasons_${l}`, extras.assessor?.current?.reasons[l]]))
              }
              errors={forms.assessment?.errors}
              maxLength={5000}
              rows={4}
            />
            <Submit>{i18n.t('obligations.saveAssessment')}</Submit>
          </Form>
        </details>
      )}
    </>
  );
}

export function ActionsSection({ ctx, r, extras, forms }: SectionProps) {
  const { i18n, lang, staff } = sectionScope(ctx);
  const actionField = fieldsOf(forms.action?.values, forms.action?.errors);
  return (
    <>
      <h2 id="actions">{i18n.t('obligations.actions')}</h2>
      {r.actions.length === 0 ? (
        <p>{i18n.t('obligations.noActions')}</p>
      ) : (
        r.actions.map((a) => <ActionCard ctx={ctx} r={r} extras={extras} forms={forms} a={a} />)
      )}
      {staff && extras.options && (
        <StaffForm summary={i18n.t('obligations.addAction')} open={Boolean(forms.action)}>
          <Form ctx={ctx} errors={forms.action?.errors} action={`/${lang}/recommendations/${r.id}/actions`}>
            <TranslatedInputs
              {...actionField.translated('title')}
              legend={i18n.t('obligations.actionTitle')}
              maxLength={300}
            />
            <DescriptionInputs ctx={ctx} field={actionField} />
            <TranslatedInputs
              {...actionField.translated('indicator')}
              legend={i18n.t('obligations.indicator')}
              maxLength={1000}
            />
            <Select
              {...actionField('responsibleId')}
              label={i18n.t('obligations.responsible')}
              options={sortByName(extras.options.bodies, i18n).map((o) => ({
                value: o.id,
                label: plain(o.name, i18n),
              }))}
            />
            <TextField {...actionField('deadline')} type="date" label={i18n.t('obligations.deadline')} />
            <Select
              {...actionField('status')}
              label={i18n.t('obligations.actionStatus')}
              options={ACTION_STATUSES.map((s) => ({ value: s, label: i18n.t(`obligations.actionStatus.${s}`) }))}
            />
            {r.cluster && (
              <Checkbox
                name="forCluster"
                label={i18n.t('obligations.forCluster')}
                checked={forms.action?.values.forCluster === 'on'}
              />
            )}
            <Submit>{i18n.t('obligations.saveAction')}</Submit>
          </Form>
        </StaffForm>
      )}
    </>
  );
}

function ActionCard({ ctx, r, extras, forms, a }: SectionProps & { a: ActionDetail }) {
  const { i18n, lang } = sectionScope(ctx);
  const mayReport = ctx.can('report-progress', { organisationId: a.responsible.id });
  const overdue = a.deadline && a.deadline < extras.today && !['completed', 'cancelled'].includes(a.status);
  return (
    <article class="card action" id={`action-${a.id}`}>
      <h3>
        <T value={a.title} i18n={i18n} />
        {a.viaCluster && (
          <>
            {' '}
            <span class="badge">{i18n.t('obligations.clusterAction')}</span>
          </>
        )}
      </h3>
      {i18n.pick(a.description) && (
        <p>
          <T value={a.description} i18n={i18n} />
        </p>
      )}
      <dl class="facts">
        <dt>{i18n.t('obligations.responsible')}</dt>
        <dd>
          <TLink href={`/${lang}/organisations/${a.responsible.slug}`} value={a.responsible.name} i18n={i18n} />
        </dd>
        <dt>{i18n.t('obligations.deadline')}</dt>
        <dd class={overdue ? 'overdue' : undefined}>
          {a.deadline ? i18n.date(a.deadline) : '—'}
          {overdue && <> ({i18n.t('obligations.overdue')})</>}
        </dd>
        <TextFact term={i18n.t('obligations.indicator')} value={a.indicator} i18n={i18n} />
        <dt>{i18n.t('obligations.actionStatus')}</dt>
        <dd>{i18n.t(`obligations.actionStatus.${a.status}`)}</dd>
      </dl>
      {mayReport && (
        <Form ctx={ctx} action={`/${lang}/recommendations/${r.id}/actions/${a.id}/status`} className="inline-form">
          <label for={`status-${a.id}`}>{i18n.t('obligations.actionStatus')}</label>{' '}
          <select id={`status-${a.id}`} name="status">
            {ACTION_STATUSES.map((s) => (
              <option value={s} selected={s === a.status}>
                {i18n.t(`obligations.actionStatus.${s}`)}
              </option>
            ))}
          </select>{' '}
          <Button>{i18n.t('obligations.changeStatus')}</Button>
        </Form>
      )}
      <h4>{i18n.t('obligations.progress')}</h4>
      <ProgressTimeline ctx={ctx} r={r} forms={forms} a={a} mayReport={mayReport} />
      {mayReport && <ProgressForm ctx={ctx} r={r} extras={extras} forms={forms} a={a} />}
    </article>
  );
}

function ProgressTimeline({
  ctx,
  r,
  forms,
  a,
  mayReport,
}: Omit<SectionProps, 'extras'> & { a: ActionDetail; mayReport: boolean }) {
  const { i18n, lang } = sectionScope(ctx);
  return (
    <>
      {a.progress.length === 0 ? (
        <p class="muted">{i18n.t('obligations.noProgress')}</p>
      ) : (
        <ol class="timeline">
          {a.progress.map((p) => (
            <li id={`progress-${p.id}`}>
              <strong>{i18n.date(p.reportedOn)}</strong>
              {p.organisation && (
                <>
                  {' — '}
                  <T value={p.organisation.name} i18n={i18n} />
                </>
              )}
              : <T value={p.text} i18n={i18n} />
              {(p.links.length > 0 || p.files.length > 0) && (
                <ul>
                  {p.links.map((href) => (
                    <li>
                      <a href={href} rel="noopener noreferrer">
                        {href}
                      </a>
                    </li>
                  ))}
                  {p.files.map((f) => (
                    <li>
                      <a href={fileUrl(f.id, f.filename)}>{f.filename}</a>
                    </li>
                  ))}
                </ul>
              )}
              {mayReport && (
                <UploadForm
                  ctx={ctx}
                  action={`/${lang}/recommendations/${r.id}/progress/${p.id}/files`}
                  className="inline-form"
                >
                  <label for={`evidence-${p.id}`}>
                    {i18n.t('obligations.attachEvidence', { size: formatSize(MAX_UPLOAD_BYTES, lang) })}
                  </label>{' '}
                  {forms.evidence?.reportId === p.id && forms.evidence.errors.file && (
                    <span class="field-error" role="alert">
                      {forms.evidence.errors.file}
                    </span>
                  )}
                  <input id={`evidence-${p.id}`} type="file" name="file" required />{' '}
                  <Button>{i18n.t('documents.upload')}</Button>
                </UploadForm>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function ProgressForm({ ctx, r, extras, forms, a }: SectionProps & { a: ActionDetail }) {
  const { i18n, lang } = sectionScope(ctx);
  const progressForm = forms.progress?.actionId === a.id ? forms.progress : undefined;
  const progressFormField = fieldsOf(progressForm?.values, progressForm?.errors);
  return (
    <StaffForm summary={i18n.t('obligations.addProgress')} open={Boolean(progressForm)}>
      <Form
        ctx={ctx}
        errors={progressForm?.errors}
        action={`/${lang}/recommendations/${r.id}/actions/${a.id}/progress`}
      >
        <TextField
          name="reportedOn"
          type="date"
          label={i18n.t('obligations.reportedOn')}
          value={progressForm?.values.reportedOn ?? extras.today}
          error={progressForm?.errors.reportedOn}
          required
        />
        <TranslatedInputs
          {...progressFormField.translated('text')}
          legend={i18n.t('obligations.progressText')}
          maxLength={10_000}
          rows={4}
        />
        <div class={progressForm?.errors.links ? 'field has-error' : 'field'}>
          <label for={`links-${a.id}`}>{i18n.t('obligations.evidenceLinks')}</label>
          {progressForm?.errors.links && <p class="field-error">{progressForm.errors.links}</p>}
          <textarea id={`links-${a.id}`} name="links" rows={2} maxLength={10_000}>
            {progressForm?.values.links ?? ''}
          </textarea>
        </div>
        <Submit>{i18n.t('obligations.saveProgress')}</Submit>
      </Form>
    </StaffForm>
  );
}
