import {
  ACTION_STATUSES,
  ASSESSMENT_LEVELS,
  type AssessmentSide,
  RESPONSES,
} from '../../core/db/schema-obligations.ts';
import { MAX_UPLOAD_BYTES } from '../../core/files/files.ts';
import { formatSize } from '../../core/files/upload.ts';
import type { PageContext } from '../../core/html/context.ts';
import {
  Checkbox,
  ErrorSummary,
  Form,
  Select,
  Submit,
  TextField,
  TranslatedInputs,
  type Values,
} from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import { LANG_NATIVE_NAMES, LANGS } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { sortByName } from '../../organisations/index.ts';
import type { AssessmentDetail, RecommendationDetail, RecommendationFormOptions } from '../queries.ts';
import { stateName } from '../states.ts';
import { StateAndMechanismFields } from './cycles.tsx';

const SIDES: AssessmentSide[] = ['state', 'civil_society', 'nhri'];

/**
 * Do the assessments differ? At least two different levels, whoever gave them (the draft report's
 * civil-society view uses the same rule): two NGOs that disagree are worth seeing too.
 */
export function disagreement(assessments: Pick<AssessmentDetail, 'level'>[]): boolean {
  return new Set(assessments.map((a) => a.level)).size > 1;
}

export function recommendationLabel(r: {
  mechanism: { code: string };
  symbol: string | null;
  paragraph: string | null;
}) {
  return [r.mechanism.code, r.symbol, r.paragraph ? `¶ ${r.paragraph}` : null].filter(Boolean).join(' · ');
}

export interface RecommendationPageForms {
  action?: { values: Values; errors: FieldErrors } | undefined;
  assessment?: { values: Values; errors: FieldErrors } | undefined;
  progress?: { actionId: string; values: Values; errors: FieldErrors } | undefined;
  evidence?: { reportId: string; errors: FieldErrors } | undefined;
  cluster?: { values: Values; errors: FieldErrors } | undefined;
  link?: { values: Values; errors: FieldErrors } | undefined;
}

export interface RecommendationPageExtras {
  /** The viewer's organisation, when they may assess: its side and current assessment. */
  assessor: { side: AssessmentSide; organisationName: Translated; current: AssessmentDetail | undefined } | null;
  /** Kenes's proposed likely repeats (staff only). */
  proposedRepeats: { id: string; text: Translated; label: string; similarity: number }[];
  clusters: { id: string; title: Translated }[];
  options: RecommendationFormOptions | null;
  linkOptions: {
    proposals: { id: string; title: Translated }[];
    agendaItems: { id: string; meetingNumber: number; title: Translated }[];
    tasks: { id: string; meetingNumber: number; description: Translated }[];
  } | null;
  today: string;
}

export function RecommendationPage({
  ctx,
  r,
  extras,
  forms = {},
}: {
  ctx: PageContext;
  r: RecommendationDetail;
  extras: RecommendationPageExtras;
  forms?: RecommendationPageForms;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const staff = ctx.can('manage-obligations');
  const label = recommendationLabel(r);
  const differ = disagreement(r.assessments);
  const otherLanguages = LANGS.filter((l) => l !== i18n.pick(r.text)?.lang && r.text[l]);
  return (
    <Layout ctx={ctx} title={`${label} — ${i18n.t('obligations.recommendation')}`} section="recommendations">
      <p class="breadcrumbs">
        <a href={`/${lang}/recommendations`}>{i18n.t('nav.recommendations')}</a>
        {r.cycle && (
          <>
            {' › '}
            <a href={`/${lang}/cycles/${r.cycle.id}`}>
              <T value={r.cycle.title} i18n={i18n} />
            </a>
          </>
        )}
      </p>
      <p class="eyebrow">
        <abbr title={plain(r.mechanism.name, i18n)}>{r.mechanism.code}</abbr> · {stateName(r.stateCode, lang)}
        {r.priority && (
          <>
            {' '}
            <span class="badge">{i18n.t('obligations.priority')}</span>
          </>
        )}
      </p>
      <h1>{i18n.t('obligations.recommendationTitle', { label })}</h1>
      <blockquote class="recommendation-text">
        <p>
          <T value={r.text} i18n={i18n} />
        </p>
      </blockquote>
      {otherLanguages.length > 0 && (
        <details>
          <summary>{i18n.t('obligations.otherLanguages')}</summary>
          {otherLanguages.map((l) => (
            <p lang={l}>
              <strong>{LANG_NATIVE_NAMES[l]}:</strong> {r.text[l]}
            </p>
          ))}
        </details>
      )}
      <dl class="facts">
        <dt>{i18n.t('obligations.response')}</dt>
        <dd>{r.response ? i18n.t(`obligations.response.${r.response}`) : i18n.t('obligations.response.none')}</dd>
        <dt>{i18n.t('obligations.status')}</dt>
        <dd>
          <span class={`level level-${r.status}`}>{i18n.t(`obligations.level.${r.status}`)}</span>
        </dd>
        {r.recommendingState && (
          <>
            <dt>{i18n.t('obligations.recommendingState')}</dt>
            <dd>{stateName(r.recommendingState, lang)}</dd>
          </>
        )}
        {r.adoptedOn && (
          <>
            <dt>{i18n.t('obligations.adoptedOn')}</dt>
            <dd>{i18n.date(r.adoptedOn)}</dd>
          </>
        )}
        {r.session && (
          <>
            <dt>{i18n.t('obligations.session')}</dt>
            <dd>{r.session}</dd>
          </>
        )}
        {r.themes.length > 0 && (
          <>
            <dt>{i18n.t('obligations.themes')}</dt>
            <dd>{i18n.list(r.themes.map((t) => plain(t.name, i18n)))}</dd>
          </>
        )}
        {r.groups.length > 0 && (
          <>
            <dt>{i18n.t('obligations.affectedPersons')}</dt>
            <dd>{i18n.list(r.groups.map((g) => plain(g.name, i18n)))}</dd>
          </>
        )}
        {r.sdgTargets.length > 0 && (
          <>
            <dt>{i18n.t('obligations.sdgTargets')}</dt>
            <dd>
              <ul>
                {r.sdgTargets.map((s) => (
                  <li>
                    <strong>{s.code}</strong> <T value={s.text} i18n={i18n} />
                  </li>
                ))}
              </ul>
            </dd>
          </>
        )}
      </dl>
      {staff && (
        <p>
          <a href={`/${lang}/recommendations/${r.id}/edit`}>{i18n.t('obligations.editRecommendation')}</a>
        </p>
      )}

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
                      <a href={`/${lang}/organisations/${a.organisation.slug}`}>
                        <T value={a.organisation.name} i18n={i18n} />
                      </a>
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
          <ErrorSummary ctx={ctx} errors={forms.assessment?.errors} />
          <Form ctx={ctx} action={`/${lang}/recommendations/${r.id}/assessment`}>
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

      <h2 id="actions">{i18n.t('obligations.actions')}</h2>
      {r.actions.length === 0 ? (
        <p>{i18n.t('obligations.noActions')}</p>
      ) : (
        r.actions.map((a) => {
          const mayReport = ctx.can('report-progress', { organisationId: a.responsible.id });
          const overdue = a.deadline && a.deadline < extras.today && !['completed', 'cancelled'].includes(a.status);
          const progressForm = forms.progress?.actionId === a.id ? forms.progress : undefined;
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
                  <a href={`/${lang}/organisations/${a.responsible.slug}`}>
                    <T value={a.responsible.name} i18n={i18n} />
                  </a>
                </dd>
                <dt>{i18n.t('obligations.deadline')}</dt>
                <dd class={overdue ? 'overdue' : undefined}>
                  {a.deadline ? i18n.date(a.deadline) : '—'}
                  {overdue && <> ({i18n.t('obligations.overdue')})</>}
                </dd>
                {i18n.pick(a.indicator) && (
                  <>
                    <dt>{i18n.t('obligations.indicator')}</dt>
                    <dd>
                      <T value={a.indicator} i18n={i18n} />
                    </dd>
                  </>
                )}
                <dt>{i18n.t('obligations.actionStatus')}</dt>
                <dd>{i18n.t(`obligations.actionStatus.${a.status}`)}</dd>
              </dl>
              {mayReport && (
                <Form
                  ctx={ctx}
                  action={`/${lang}/recommendations/${r.id}/actions/${a.id}/status`}
                  className="inline-form"
                >
                  <label for={`status-${a.id}`}>{i18n.t('obligations.actionStatus')}</label>{' '}
                  <select id={`status-${a.id}`} name="status">
                    {ACTION_STATUSES.map((s) => (
                      <option value={s} selected={s === a.status}>
                        {i18n.t(`obligations.actionStatus.${s}`)}
                      </option>
                    ))}
                  </select>{' '}
                  <button type="submit" class="button">
                    {i18n.t('obligations.changeStatus')}
                  </button>
                </Form>
              )}
              <h4>{i18n.t('obligations.progress')}</h4>
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
                              <a href={`/files/${f.id}/${encodeURIComponent(f.filename)}`}>{f.filename}</a>
                            </li>
                          ))}
                        </ul>
                      )}
                      {mayReport && (
                        <form
                          method="post"
                          action={`/${lang}/recommendations/${r.id}/progress/${p.id}/files`}
                          enctype="multipart/form-data"
                          class="inline-form"
                        >
                          <input type="hidden" name="_csrf" value={ctx.csrfToken} />
                          <label for={`evidence-${p.id}`}>
                            {i18n.t('obligations.attachEvidence', { size: formatSize(MAX_UPLOAD_BYTES, lang) })}
                          </label>{' '}
                          {forms.evidence?.reportId === p.id && forms.evidence.errors.file && (
                            <span class="field-error" role="alert">
                              {forms.evidence.errors.file}
                            </span>
                          )}
                          <input id={`evidence-${p.id}`} type="file" name="file" required />{' '}
                          <button type="submit" class="button">
                            {i18n.t('documents.upload')}
                          </button>
                        </form>
                      )}
                    </li>
                  ))}
                </ol>
              )}
              {mayReport && (
                <details class="staff-form" open={Boolean(progressForm)}>
                  <summary>{i18n.t('obligations.addProgress')}</summary>
                  <ErrorSummary ctx={ctx} errors={progressForm?.errors} />
                  <Form ctx={ctx} action={`/${lang}/recommendations/${r.id}/actions/${a.id}/progress`}>
                    <TextField
                      name="reportedOn"
                      type="date"
                      label={i18n.t('obligations.reportedOn')}
                      value={progressForm?.values.reportedOn ?? extras.today}
                      error={progressForm?.errors.reportedOn}
                      required
                    />
                    <TranslatedInputs
                      prefix="text"
                      legend={i18n.t('obligations.progressText')}
                      values={progressForm?.values ?? {}}
                      errors={progressForm?.errors}
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
                </details>
              )}
            </article>
          );
        })
      )}
      {staff && extras.options && (
        <details class="staff-form" open={Boolean(forms.action)}>
          <summary>{i18n.t('obligations.addAction')}</summary>
          <ErrorSummary ctx={ctx} errors={forms.action?.errors} />
          <Form ctx={ctx} action={`/${lang}/recommendations/${r.id}/actions`}>
            <TranslatedInputs
              prefix="title"
              legend={i18n.t('obligations.actionTitle')}
              values={forms.action?.values ?? {}}
              errors={forms.action?.errors}
              maxLength={300}
            />
            <TranslatedInputs
              prefix="description"
              legend={i18n.t('obligations.description')}
              values={forms.action?.values ?? {}}
              errors={forms.action?.errors}
              maxLength={5000}
              rows={3}
            />
            <TranslatedInputs
              prefix="indicator"
              legend={i18n.t('obligations.indicator')}
              values={forms.action?.values ?? {}}
              errors={forms.action?.errors}
              maxLength={1000}
            />
            <Select
              name="responsibleId"
              label={i18n.t('obligations.responsible')}
              value={forms.action?.values.responsibleId}
              error={forms.action?.errors.responsibleId}
              options={sortByName(extras.options.bodies, i18n).map((o) => ({
                value: o.id,
                label: plain(o.name, i18n),
              }))}
            />
            <TextField
              name="deadline"
              type="date"
              label={i18n.t('obligations.deadline')}
              value={forms.action?.values.deadline}
              error={forms.action?.errors.deadline}
            />
            <Select
              name="status"
              label={i18n.t('obligations.actionStatus')}
              value={forms.action?.values.status}
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
        </details>
      )}

      <h2 id="cluster">{i18n.t('obligations.cluster')}</h2>
      {r.cluster ? (
        <>
          <p>
            <strong>
              <T value={r.cluster.title} i18n={i18n} />
            </strong>
          </p>
          {r.cluster.members.length > 0 && (
            <ul>
              {r.cluster.members.map((m) => (
                <li>
                  <a href={`/${lang}/recommendations/${m.id}`}>
                    {[m.symbol, m.paragraph ? `¶ ${m.paragraph}` : null].filter(Boolean).join(' ') || `#${m.id}`}
                  </a>
                  : <T value={m.text} i18n={i18n} />
                </li>
              ))}
            </ul>
          )}
        </>
      ) : (
        <p class="muted">{i18n.t('obligations.noCluster')}</p>
      )}
      {staff && (
        <details class="staff-form" open={Boolean(forms.cluster)}>
          <summary>{i18n.t('obligations.chooseCluster')}</summary>
          <ErrorSummary ctx={ctx} errors={forms.cluster?.errors} />
          <Form ctx={ctx} action={`/${lang}/recommendations/${r.id}/cluster`}>
            <Select
              name="clusterId"
              label={i18n.t('obligations.existingCluster')}
              value={forms.cluster?.values.clusterId ?? r.cluster?.id}
              error={forms.cluster?.errors.clusterId}
              options={[
                { value: '', label: i18n.t('obligations.noClusterOption') },
                ...extras.clusters.map((c) => ({ value: c.id, label: plain(c.title, i18n) })),
              ]}
            />
            <TranslatedInputs
              prefix="clusterTitle"
              legend={i18n.t('obligations.newClusterTitle')}
              hint={i18n.t('obligations.newClusterHint')}
              values={forms.cluster?.values ?? {}}
              errors={forms.cluster?.errors}
              maxLength={300}
            />
            <Submit>{i18n.t('form.save')}</Submit>
          </Form>
        </details>
      )}

      <h2 id="repeats">{i18n.t('obligations.repeats')}</h2>
      {r.repeats.length === 0 ? (
        <p class="muted">{i18n.t('obligations.noRepeats')}</p>
      ) : (
        <ul>
          {r.repeats.map((x) => (
            <li>
              <a href={`/${lang}/recommendations/${x.id}`}>
                {[x.mechanismCode, x.symbol, x.paragraph ? `¶ ${x.paragraph}` : null, x.year]
                  .filter(Boolean)
                  .join(' · ')}
              </a>{' '}
              <span class="badge">
                {i18n.t(x.direction === 'earlier' ? 'obligations.repeatOfEarlier' : 'obligations.repeatedLater')}
              </span>
              : <T value={x.text} i18n={i18n} />
            </li>
          ))}
        </ul>
      )}
      {staff && extras.proposedRepeats.length > 0 && (
        <section aria-labelledby="proposed-repeats">
          <h3 id="proposed-repeats">{i18n.t('obligations.proposedRepeats')}</h3>
          <p class="hint">{i18n.t('obligations.proposedRepeatsHint')}</p>
          <ul>
            {extras.proposedRepeats.map((x) => (
              <li>
                <a href={`/${lang}/recommendations/${x.id}`}>{x.label}</a>{' '}
                <span class="muted">
                  ({i18n.t('obligations.similarity', { percent: Math.round(x.similarity * 100) })})
                </span>
                : <T value={x.text} i18n={i18n} />
                <Form ctx={ctx} action={`/${lang}/recommendations/${r.id}/repeats`} className="inline-form">
                  <input type="hidden" name="earlierId" value={x.id} />
                  <button type="submit" name="decision" value="confirmed" class="button">
                    {i18n.t('obligations.confirmRepeat')}
                  </button>{' '}
                  <button type="submit" name="decision" value="dismissed" class="link-button">
                    {i18n.t('obligations.dismissRepeat')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      )}

      <h2 id="links">{i18n.t('obligations.links')}</h2>
      <h3>{i18n.t('nav.proposals')}</h3>
      {r.proposals.length === 0 ? (
        <p class="muted">{i18n.t('obligations.noLinkedProposals')}</p>
      ) : (
        <ul>
          {r.proposals.map((p) => (
            <li>
              <a href={`/${lang}/proposals/${p.id}`}>
                <T value={p.title} i18n={i18n} />
              </a>
              {staff && <UnlinkButton ctx={ctx} id={r.id} kind="proposal" target={p.id} />}
            </li>
          ))}
        </ul>
      )}
      <h3>{i18n.t('obligations.agendaItems')}</h3>
      {r.agendaItems.length === 0 ? (
        <p class="muted">{i18n.t('obligations.noLinkedItems')}</p>
      ) : (
        <ul>
          {r.agendaItems.map((a) => (
            <li>
              <a href={`/${lang}/meetings/${a.meetingId}`}>
                {i18n.t('obligations.meetingNumber', { number: a.meetingNumber })}
              </a>
              : <T value={a.title} i18n={i18n} />
              {staff && <UnlinkButton ctx={ctx} id={r.id} kind="agenda_item" target={a.id} />}
            </li>
          ))}
        </ul>
      )}
      <h3>{i18n.t('obligations.tasks')}</h3>
      {r.tasks.length === 0 ? (
        <p class="muted">{i18n.t('obligations.noLinkedTasks')}</p>
      ) : (
        <ul>
          {r.tasks.map((t) => (
            <li>
              <a href={`/${lang}/meetings/${t.meetingId}`}>
                <T value={t.description} i18n={i18n} />
              </a>{' '}
              ({i18n.t('obligations.deadline')}: {i18n.date(t.deadline)}
              {t.done ? `, ${i18n.t('obligations.actionStatus.completed')}` : ''})
              {staff && <UnlinkButton ctx={ctx} id={r.id} kind="task" target={t.id} />}
            </li>
          ))}
        </ul>
      )}
      {staff && extras.linkOptions && (
        <details class="staff-form" open={Boolean(forms.link)}>
          <summary>{i18n.t('obligations.addLink')}</summary>
          <ErrorSummary ctx={ctx} errors={forms.link?.errors} />
          <Form ctx={ctx} action={`/${lang}/recommendations/${r.id}/links`}>
            <input type="hidden" name="kind" value="proposal" />
            <Select
              name="targetId"
              label={i18n.t('obligations.linkProposal')}
              options={extras.linkOptions.proposals.map((p) => ({ value: p.id, label: plain(p.title, i18n) }))}
            />
            <Submit>{i18n.t('obligations.link')}</Submit>
          </Form>
          <Form ctx={ctx} action={`/${lang}/recommendations/${r.id}/links`}>
            <input type="hidden" name="kind" value="agenda_item" />
            <Select
              name="targetId"
              label={i18n.t('obligations.linkAgendaItem')}
              options={extras.linkOptions.agendaItems.map((a) => ({
                value: a.id,
                label: `${i18n.t('obligations.meetingNumber', { number: a.meetingNumber })}: ${plain(a.title, i18n)}`,
              }))}
            />
            <Submit>{i18n.t('obligations.link')}</Submit>
          </Form>
          <Form ctx={ctx} action={`/${lang}/recommendations/${r.id}/links`}>
            <input type="hidden" name="kind" value="task" />
            <Select
              name="targetId"
              label={i18n.t('obligations.linkTask')}
              options={extras.linkOptions.tasks.map((t) => ({
                value: t.id,
                label: `${i18n.t('obligations.meetingNumber', { number: t.meetingNumber })}: ${plain(t.description, i18n)}`,
              }))}
            />
            <Submit>{i18n.t('obligations.link')}</Submit>
          </Form>
        </details>
      )}
    </Layout>
  );
}

function UnlinkButton({ ctx, id, kind, target }: { ctx: PageContext; id: string; kind: string; target: string }) {
  return (
    <Form ctx={ctx} action={`/${ctx.i18n.lang}/recommendations/${id}/links`} className="inline-form">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="targetId" value={target} />
      <input type="hidden" name="remove" value="on" />{' '}
      <button type="submit" class="link-button">
        {ctx.i18n.t('obligations.unlink')}
      </button>
    </Form>
  );
}

export function RecommendationFormPage({
  ctx,
  id,
  values,
  multi,
  errors,
  options,
}: {
  ctx: PageContext;
  id?: string | undefined;
  values: Values;
  multi: { themeIds: string[]; groupIds: string[]; sdgTargets: string[] };
  errors?: FieldErrors | undefined;
  options: RecommendationFormOptions;
}) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const title = id ? i18n.t('obligations.editRecommendation') : i18n.t('obligations.newRecommendation');
  return (
    <Layout ctx={ctx} title={title} section="recommendations">
      <p class="breadcrumbs">
        <a href={`/${lang}/recommendations`}>{i18n.t('nav.recommendations')}</a>
        {id && (
          <>
            {' › '}
            <a href={`/${lang}/recommendations/${id}`}>#{id}</a>
          </>
        )}
      </p>
      <h1>{title}</h1>
      <ErrorSummary ctx={ctx} errors={errors} />
      <Form ctx={ctx} action={id ? `/${lang}/recommendations/${id}/edit` : `/${lang}/recommendations`}>
        <StateAndMechanismFields ctx={ctx} values={values} errors={errors} mechanisms={options.mechanisms} />
        <Select
          name="cycleId"
          label={i18n.t('obligations.cycle')}
          value={values.cycleId}
          error={errors?.cycleId}
          options={[
            { value: '', label: i18n.t('obligations.noCycleOption') },
            ...options.cycles.map((c) => ({ value: c.id, label: `${c.code}: ${plain(c.title, i18n)}` })),
          ]}
        />
        <TextField
          name="symbol"
          label={i18n.t('obligations.symbol')}
          hint={i18n.t('obligations.symbolHint')}
          value={values.symbol}
          error={errors?.symbol}
          maxLength={100}
        />
        <TextField
          name="paragraph"
          label={i18n.t('obligations.paragraph')}
          value={values.paragraph}
          error={errors?.paragraph}
          maxLength={40}
        />
        <TextField
          name="adoptedOn"
          type="date"
          label={i18n.t('obligations.adoptedOn')}
          value={values.adoptedOn}
          error={errors?.adoptedOn}
        />
        <TextField
          name="session"
          label={i18n.t('obligations.session')}
          value={values.session}
          error={errors?.session}
          maxLength={200}
        />
        <TranslatedInputs
          prefix="text"
          legend={i18n.t('obligations.recommendationText')}
          values={values}
          errors={errors}
          maxLength={10_000}
          rows={5}
        />
        <TextField
          name="recommendingState"
          label={i18n.t('obligations.recommendingStateCode')}
          hint={i18n.t('obligations.recommendingStateHint')}
          value={values.recommendingState}
          error={errors?.recommendingState}
          maxLength={2}
        />
        <Select
          name="response"
          label={i18n.t('obligations.response')}
          value={values.response}
          error={errors?.response}
          options={[
            { value: '', label: i18n.t('obligations.response.none') },
            ...RESPONSES.map((x) => ({ value: x, label: i18n.t(`obligations.response.${x}`) })),
          ]}
        />
        <CheckboxGroup
          name="themeIds"
          legend={i18n.t('obligations.themes')}
          error={errors?.themeIds}
          chosen={multi.themeIds}
          options={options.themes.map((t) => ({ value: t.id, label: plain(t.name, i18n) }))}
        />
        <CheckboxGroup
          name="groupIds"
          legend={i18n.t('obligations.affectedPersons')}
          error={errors?.groupIds}
          chosen={multi.groupIds}
          options={options.groups.map((g) => ({ value: g.id, label: plain(g.name, i18n) }))}
        />
        <div class={errors?.sdgTargets ? 'field has-error' : 'field'}>
          <label for="field-sdgTargets">{i18n.t('obligations.sdgTargets')}</label>
          <p class="hint" id="hint-sdgTargets">
            {i18n.t('obligations.sdgHint')}
          </p>
          {errors?.sdgTargets && <p class="field-error">{errors.sdgTargets}</p>}
          <select id="field-sdgTargets" name="sdgTargets" multiple size={8} aria-describedby="hint-sdgTargets">
            {options.sdg.map((s) => (
              <option value={s.code} selected={multi.sdgTargets.includes(s.code)}>
                {s.code} {plain(s.text, i18n).slice(0, 120)}
              </option>
            ))}
          </select>
        </div>
        <Checkbox name="priority" label={i18n.t('obligations.priorityFlag')} checked={values.priority === 'on'} />
        <Submit>{i18n.t('form.save')}</Submit>
      </Form>
    </Layout>
  );
}

function CheckboxGroup({
  name,
  legend,
  options,
  chosen,
  error,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  chosen: string[];
  error?: string | undefined;
}) {
  return (
    <fieldset class={error ? 'field has-error' : 'field'} id={`field-${name}`}>
      <legend>{legend}</legend>
      {error && <p class="field-error">{error}</p>}
      <div class="checkbox-columns">
        {options.map((o) => (
          <div class="checkbox">
            <label>
              <input type="checkbox" name={name} value={o.value} checked={chosen.includes(o.value)} /> {o.label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
