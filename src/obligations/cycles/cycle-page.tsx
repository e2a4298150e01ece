import { ChartFigure, type DrawnChart } from '../../core/charts/figure.tsx';
import { CYCLE_STAGE_KINDS } from '../../core/db/schema-obligations.ts';
import type { PageContext } from '../../core/html/context.ts';
import { type FormStates, fieldsOf, Select, TextField, type Values } from '../../core/html/fields.tsx';
import { Button, Form, StaffForm, Submit } from '../../core/html/form.tsx';
import { Kept } from '../../core/html/kept.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { Table } from '../../core/html/table.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { Translated } from '../../core/i18n/translated.ts';
import { Breadcrumbs } from '../breadcrumbs.tsx';
import { stateName } from '../states.ts';
import { DocumentsSection } from './documents-view.tsx';
import type { CycleDetail, Stage } from './queries.ts';
import { cycleTitle } from './views.tsx';

/** A reporting cycle's page: its stages, documents, meetings and recommendations. */

const STATE_CLASS: Record<Stage['state'], string> = {
  done: 'stage stage-done',
  late: 'stage stage-late',
  next: 'stage stage-next',
  upcoming: 'stage',
  unplanned: 'stage stage-unplanned',
};

export type CyclePageForms = FormStates<'stages' | 'document' | 'upload'>;

/** What each section of a cycle's page is given. */
export interface SectionProps {
  ctx: PageContext;
  cycle: CycleDetail;
  organisations: { id: string; name: Translated; category: string }[];
  agendaItems: { id: string; title: Translated; meetingNumber: number }[];
  forms: CyclePageForms;
  /** Its recommendations by implementation status, drawn (when it has any). */
  chart?: DrawnChart;
}

/**
 * The cycle's page. Its content is the same for every reader of the kept cycle (its audience's) with the
 * same role and language: rendered once while it is kept (Kept), unless a form is sent back to be corrected.
 */
export function CyclePage(props: Omit<SectionProps, 'forms'> & { forms?: CyclePageForms }) {
  const { ctx, cycle } = props;
  return (
    <Layout ctx={ctx} title={cycleTitle(cycle, ctx)} section="obligations">
      <Kept
        owner={cycle}
        name="cycle"
        ctx={ctx}
        fresh={props.forms !== undefined}
        view={(partCtx) => <CycleContent {...props} ctx={partCtx} forms={props.forms ?? {}} />}
      />
    </Layout>
  );
}

function CycleContent(sections: SectionProps) {
  const { ctx, cycle } = sections;
  const { i18n } = ctx;
  const lang = i18n.lang;
  const staff = ctx.can('manage-obligations');
  const late = cycle.stages.filter((s) => s.state === 'late');
  const next = cycle.stages.find((s) => s.state === 'next');
  return (
    <>
      <Breadcrumbs href={`/${lang}/cycles`} label={i18n.t('obligations.cycles')} />
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

      <StagesSection {...sections} />
      <DocumentsSection {...sections} />
      <MeetingsSection {...sections} />
      <RecommendationsSection {...sections} />
    </>
  );
}

/** The cycle's stages, and (staff) the form that dates them. */
function StagesSection({ ctx, cycle, forms }: SectionProps) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const staff = ctx.can('manage-obligations');
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
  const field = fieldsOf(stageValues, forms.stages?.errors);
  return (
    <>
      <h2 id="stages">{i18n.t('obligations.stages')}</h2>
      <Table
        className="stages"
        columns={(['stageName', 'dueOn', 'doneOn', 'stageState'] as const).map((k) => i18n.t(`obligations.${k}`))}
      >
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
      </Table>
      {staff && (
        <StaffForm summary={i18n.t('obligations.editStages')} open={Boolean(forms.stages)}>
          <Form ctx={ctx} errors={forms.stages?.errors} action={`/${lang}/cycles/${cycle.id}/stages`}>
            {CYCLE_STAGE_KINDS.map((kind) => (
              <fieldset class="field">
                <legend>{i18n.t(`obligations.stage.${kind}`)}</legend>
                <TextField {...field(`${kind}_due`)} type="date" label={i18n.t('obligations.dueOn')} />
                <TextField
                  {...field(`${kind}_done`)}
                  type="date"
                  label={i18n.t(kind === 'constructive_dialogue' ? 'obligations.heldFrom' : 'obligations.doneOn')}
                />
                {kind === 'constructive_dialogue' && (
                  <TextField {...field(`${kind}_ends`)} type="date" label={i18n.t('obligations.heldUntil')} />
                )}
                <TextField
                  {...field(`${kind}_note`)}
                  label={i18n.t(kind === 'constructive_dialogue' ? 'obligations.delegation' : 'obligations.stageNote')}
                  maxLength={1000}
                />
              </fieldset>
            ))}
            <Submit>{i18n.t('form.save')}</Submit>
          </Form>
        </StaffForm>
      )}
    </>
  );
}

/** The meetings that prepare for or discuss the cycle. */
function MeetingsSection({ ctx, cycle, agendaItems }: SectionProps) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  return (
    <>
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
                  <input type="hidden" name="remove" value="on" /> <Button link>{i18n.t('obligations.unlink')}</Button>
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
    </>
  );
}

/** The cycle's recommendations by implementation status: a chart, its table linking to each status's list. */
function RecommendationsSection({ ctx, cycle, chart }: SectionProps) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const staff = ctx.can('manage-obligations');
  const total = cycle.recommendationsByStatus.reduce((n, s) => n + s.count, 0);
  return (
    <>
      <h2 id="recommendations">{i18n.t('nav.recommendations')}</h2>
      {total === 0 ? (
        <p>{i18n.t('obligations.noRecommendations')}</p>
      ) : (
        <>
          {chart && (
            <ChartFigure
              chart={chart}
              i18n={i18n}
              level={3}
              files={`/${lang}/cycles/${cycle.id}/charts/${chart.spec.id}`}
            />
          )}
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
    </>
  );
}
