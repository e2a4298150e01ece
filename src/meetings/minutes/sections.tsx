import type { MinutesContent } from '../../core/db/schema.ts';
import type { PageContext } from '../../core/html/context.ts';
import { fieldsOf, Select, TextField, TranslatedInputs, type Values } from '../../core/html/fields.tsx';
import { ButtonForm, Form, StaffForm, Submit } from '../../core/html/form.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import { LANG_NATIVE_NAMES } from '../../core/i18n/locales.ts';
import { sortByName } from '../../organisations/index.ts';
import type { AgendaItemView, MeetingDetail } from '../queries.ts';
import { AgendaItemSelect, type Org } from '../views/manage-parts.tsx';
import { meetingScope } from '../views/parts.tsx';
import { SideBySide } from './diff.tsx';
import { MINUTES_SECTIONS } from './form.ts';
import { MinutesItem } from './item.tsx';

/** Minutes of one version as plain text per item (what the comparison compares). */
export function minutesText(content: MinutesContent, agenda: AgendaItemView[], ctx: PageContext): string {
  const { i18n } = ctx;
  return agenda
    .map((item) => {
      const c = content.items[item.id] ?? {};
      const sections = MINUTES_SECTIONS.map((s) => {
        const t = i18n.pick(c[s])?.text;
        return t ? `${i18n.t(`minutes.section.${s}`)}: ${t}` : '';
      }).filter(Boolean);
      return [`${item.position}. ${plain(item.title, i18n)}`, ...sections].join('\n');
    })
    .join('\n\n');
}

export interface MinutesPageData {
  meeting: MeetingDetail;
  agenda: AgendaItemView[];
  versions: {
    id: string;
    version: number;
    content: MinutesContent;
    note: string | null;
    createdAt: Date;
    author: string | null;
  }[];
  corrections: {
    id: string;
    agendaItemId: string | null;
    text: string;
    status: 'open' | 'accepted' | 'rejected';
    createdAt: Date;
    version: number;
    author: string | null;
  }[];
  compare: { a: number; b: number } | undefined;
  mayCorrect: boolean;
  organisations: Org[];
  forms?: {
    correction?: { values: Values; errors: FieldErrors };
    decision?: { values: Values; errors: FieldErrors };
    approve?: FieldErrors;
  };
}

/** The current version of the minutes, item by item. */
export function CurrentVersion({ ctx, data }: { ctx: PageContext; data: MinutesPageData }) {
  const { i18n } = ctx;
  const m = data.meeting;
  const current = data.versions[0];
  if (!current) return null;
  return (
    <section aria-labelledby="current">
      <h2 id="current">
        {i18n.t('minutes.versionBy', {
          version: current.version,
          date: i18n.dateTime(current.createdAt, m.timeZone),
          author: current.author ?? '—',
        })}
      </h2>
      {data.agenda.map((item) => {
        const c = current.content.items[item.id] ?? {};
        return (
          <MinutesItem
            i18n={i18n}
            item={item}
            content={c}
            text={(value) => (
              <p>
                <T value={value} i18n={i18n} />
              </p>
            )}
          />
        );
      })}
    </section>
  );
}

/** Every version, and the comparison of two side by side. */
export function VersionsSection({ ctx, data }: { ctx: PageContext; data: MinutesPageData }) {
  const { i18n, m, base } = meetingScope(ctx, data.meeting, '/minutes');
  const current = data.versions[0];
  const a = data.compare && data.versions.find((v) => v.version === data.compare?.a);
  const b = data.compare && data.versions.find((v) => v.version === data.compare?.b);
  return (
    <section aria-labelledby="versions">
      <h2 id="versions">{i18n.t('minutes.versions')}</h2>
      <ul>
        {data.versions.map((v) => (
          <li>
            {i18n.t('minutes.versionBy', {
              version: v.version,
              date: i18n.dateTime(v.createdAt, m.timeZone),
              author: v.author ?? '—',
            })}
            {v.note && <span class="muted"> — {v.note}</span>}
          </li>
        ))}
      </ul>
      <form method="get" action={base} class="filters">
        <div class="field">
          <label for="cmp-a">{i18n.t('minutes.older')}</label>
          <select id="cmp-a" name="a">
            {data.versions.map((v) => (
              <option value={String(v.version)} selected={v.version === (data.compare?.a ?? data.versions[1]?.version)}>
                {i18n.t('minutes.version', { version: v.version })}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="cmp-b">{i18n.t('minutes.newer')}</label>
          <select id="cmp-b" name="b">
            {data.versions.map((v) => (
              <option value={String(v.version)} selected={v.version === (data.compare?.b ?? current?.version)}>
                {i18n.t('minutes.version', { version: v.version })}
              </option>
            ))}
          </select>
        </div>
        <Submit>{i18n.t('minutes.compare')}</Submit>
      </form>
      {a && b && (
        <section aria-labelledby="comparison">
          <h3 id="comparison">{i18n.t('minutes.compareTitle', { a: a.version, b: b.version })}</h3>
          <SideBySide
            before={minutesText(a.content, data.agenda, ctx)}
            after={minutesText(b.content, data.agenda, ctx)}
            beforeLabel={i18n.t('minutes.version', { version: a.version })}
            afterLabel={i18n.t('minutes.version', { version: b.version })}
            removedLabel={i18n.t('minutes.removed')}
            addedLabel={i18n.t('minutes.added')}
          />
        </section>
      )}
    </section>
  );
}

/** The form to write a new version in the page's language. */
export function MinutesEditor({ ctx, data }: { ctx: PageContext; data: MinutesPageData }) {
  const { i18n, lang, base } = meetingScope(ctx, data.meeting, '/minutes');
  const current = data.versions[0];
  return (
    <details class="staff-form">
      <summary>
        {i18n.t('minutes.edit')} ({LANG_NATIVE_NAMES[lang]})
      </summary>
      <Form ctx={ctx} action={base}>
        {data.agenda.map((item) => (
          <fieldset class="field">
            <legend>
              {item.position}. {plain(item.title, i18n)}
            </legend>
            {MINUTES_SECTIONS.map((s) => (
              <div class="field">
                <label for={`m-${item.id}-${s}`}>{i18n.t(`minutes.section.${s}`)}</label>
                <textarea id={`m-${item.id}-${s}`} name={`item_${item.id}_${s}`} rows={4} lang={lang}>
                  {current?.content.items[item.id]?.[s]?.[lang] ?? ''}
                </textarea>
              </div>
            ))}
          </fieldset>
        ))}
        <TextField name="note" label={i18n.t('minutes.note')} maxLength={1000} />
        <Submit>{i18n.t('minutes.saveVersion')}</Submit>
      </Form>
    </details>
  );
}

/** Corrections proposed by attending organisations, and what the secretariat decided. */
export function CorrectionsSection({ ctx, data }: { ctx: PageContext; data: MinutesPageData }) {
  const { i18n, m, base, staff } = meetingScope(ctx, data.meeting, '/minutes');
  const correctionField = fieldsOf(data.forms?.correction?.values, data.forms?.correction?.errors);
  return (
    <section aria-labelledby="corrections">
      <h2 id="corrections">{i18n.t('minutes.corrections')}</h2>
      {data.corrections.length === 0 && <p>{i18n.t('minutes.noCorrections')}</p>}
      <ul class="corrections">
        {data.corrections.map((c) => (
          <li>
            <p>
              <strong>{c.author ?? '—'}</strong> ({i18n.t('minutes.version', { version: c.version })}
              {c.agendaItemId && `, ${plain(data.agenda.find((x) => x.id === c.agendaItemId)?.title ?? {}, i18n)}`}
              ): <span class={`badge correction-${c.status}`}>{i18n.t(`minutes.correction.${c.status}`)}</span>
            </p>
            <p class="correction-text">{c.text}</p>
            {staff && c.status === 'open' && (
              <div class="button-row">
                {(['accepted', 'rejected'] as const).map((st) => (
                  <ButtonForm ctx={ctx} action={`${base}/corrections/${c.id}`} hidden={{ status: st }} link>
                    {i18n.t(st === 'accepted' ? 'minutes.accept' : 'minutes.reject')}
                  </ButtonForm>
                ))}
              </div>
            )}
          </li>
        ))}
      </ul>
      {m.status === 'minutes_review' && data.mayCorrect && (
        <StaffForm summary={i18n.t('minutes.proposeCorrection')} open={Boolean(data.forms?.correction)}>
          <Form ctx={ctx} errors={data.forms?.correction?.errors} action={`${base}/corrections`}>
            <AgendaItemSelect
              ctx={ctx}
              field={correctionField}
              agenda={data.agenda}
              label={i18n.t('minutes.correctionItem')}
              empty={i18n.t('decisions.noItem')}
            />
            <div class={data.forms?.correction?.errors.text ? 'field has-error' : 'field'}>
              <label for="field-text">{i18n.t('minutes.correctionText')}</label>
              {data.forms?.correction?.errors.text && <p class="field-error">{data.forms.correction.errors.text}</p>}
              <textarea id="field-text" name="text" rows={5} maxLength={10000}>
                {data.forms?.correction?.values.text ?? ''}
              </textarea>
            </div>
            <Submit>{i18n.t('minutes.proposeCorrection')}</Submit>
          </Form>
        </StaffForm>
      )}
      {m.status === 'minutes_review' && ctx.can('approve-minutes') && (
        <Form ctx={ctx} action={`${base}/approve`}>
          <Submit>{i18n.t('minutes.approve')}</Submit>
        </Form>
      )}
    </section>
  );
}

/** The form to record a decision and the task it gives. */
export function DecisionForm({ ctx, data }: { ctx: PageContext; data: MinutesPageData }) {
  const { i18n, lang, m } = meetingScope(ctx, data.meeting);
  const decisionField = fieldsOf(data.forms?.decision?.values, data.forms?.decision?.errors);
  return (
    <section class="card" aria-labelledby="add-decision">
      <h2 id="add-decision">{i18n.t('decisions.add')}</h2>
      <Form
        ctx={ctx}
        errors={data.forms?.decision?.errors}
        action={`/${lang}/meetings/${m.id}/decisions`}
        idPrefix="decision"
      >
        <AgendaItemSelect
          ctx={ctx}
          field={decisionField}
          agenda={data.agenda}
          label={i18n.t('decisions.item')}
          empty={i18n.t('decisions.noItem')}
        />
        <TranslatedInputs {...decisionField.translated('text')} legend={i18n.t('decisions.text')} maxLength={3000} />
        <TranslatedInputs
          {...decisionField.translated('task')}
          legend={i18n.t('decisions.taskDescription')}
          maxLength={3000}
        />
        <Select
          {...decisionField('taskOrganisationId')}
          label={i18n.t('decisions.taskOrganisation')}
          empty="—"
          options={sortByName(data.organisations, i18n).map((o) => ({ value: o.id, label: plain(o.name, i18n) }))}
        />
        <TextField {...decisionField('taskDeadline')} type="date" label={i18n.t('decisions.taskDeadline')} />
        <Submit>{i18n.t('decisions.add')}</Submit>
      </Form>
    </section>
  );
}
