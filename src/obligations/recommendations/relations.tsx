import type { ComponentChildren } from 'preact';
import type { PageContext } from '../../core/html/context.ts';
import { fieldsOf, Select, TranslatedInputs } from '../../core/html/fields.tsx';
import { Button, Form, StaffForm, Submit } from '../../core/html/form.tsx';
import { TLink } from '../../core/html/links.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { MessageKey } from '../../core/i18n/i18n.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import { sectionScope } from './section-scope.ts';
import type { LinkKind } from './use-cases.ts';
import type { SectionProps } from './views.tsx';

/** A recommendation's relations on its page: its cluster, its repeats, its links to proposals and meetings. */

export function ClusterSection({ ctx, r, extras, forms }: SectionProps) {
  const { i18n, lang, staff } = sectionScope(ctx);
  const clusterField = fieldsOf(forms.cluster?.values, forms.cluster?.errors);
  return (
    <>
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
        <StaffForm summary={i18n.t('obligations.chooseCluster')} open={Boolean(forms.cluster)}>
          <Form ctx={ctx} errors={forms.cluster?.errors} action={`/${lang}/recommendations/${r.id}/cluster`}>
            <Select
              name="clusterId"
              label={i18n.t('obligations.existingCluster')}
              value={forms.cluster?.values.clusterId ?? r.cluster?.id}
              error={forms.cluster?.errors.clusterId}
              empty={i18n.t('obligations.noClusterOption')}
              options={extras.clusters.map((c) => ({ value: c.id, label: plain(c.title, i18n) }))}
            />
            <TranslatedInputs
              {...clusterField.translated('clusterTitle')}
              legend={i18n.t('obligations.newClusterTitle')}
              hint={i18n.t('obligations.newClusterHint')}
              maxLength={300}
            />
            <Submit>{i18n.t('form.save')}</Submit>
          </Form>
        </StaffForm>
      )}
    </>
  );
}

export function RepeatsSection({ ctx, r, extras }: SectionProps) {
  const { i18n, lang, staff } = sectionScope(ctx);
  return (
    <>
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
                  <Button name="decision" value="confirmed">
                    {i18n.t('obligations.confirmRepeat')}
                  </Button>{' '}
                  <Button name="decision" value="dismissed" link>
                    {i18n.t('obligations.dismissRepeat')}
                  </Button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function LinksSection({ ctx, r, extras, forms }: SectionProps) {
  const { i18n, lang, staff } = sectionScope(ctx);
  // What may be linked, by kind (an agenda item or a task after its meeting's number).
  const inMeeting = (value: string, number: number, text: Translated) => ({
    value,
    label: `${i18n.t('obligations.meetingNumber', { number })}: ${plain(text, i18n)}`,
  });
  const linkOptions = extras.linkOptions && {
    proposal: extras.linkOptions.proposals.map((p) => ({ value: p.id, label: plain(p.title, i18n) })),
    agenda_item: extras.linkOptions.agendaItems.map((a) => inMeeting(a.id, a.meetingNumber, a.title)),
    task: extras.linkOptions.tasks.map((t) => inMeeting(t.id, t.meetingNumber, t.description)),
  };
  return (
    <>
      <h2 id="links">{i18n.t('obligations.links')}</h2>
      <Linked ctx={ctx} id={r.id} kind="proposal" items={r.proposals}>
        {(p) => <TLink href={`/${lang}/proposals/${p.id}`} value={p.title} i18n={i18n} />}
      </Linked>
      <Linked ctx={ctx} id={r.id} kind="agenda_item" items={r.agendaItems}>
        {(a) => (
          <>
            <a href={`/${lang}/meetings/${a.meetingId}`}>
              {i18n.t('obligations.meetingNumber', { number: a.meetingNumber })}
            </a>
            : <T value={a.title} i18n={i18n} />
          </>
        )}
      </Linked>
      <Linked ctx={ctx} id={r.id} kind="task" items={r.tasks}>
        {(t) => (
          <>
            <TLink href={`/${lang}/meetings/${t.meetingId}`} value={t.description} i18n={i18n} /> (
            {i18n.t('obligations.deadline')}: {i18n.date(t.deadline)}
            {t.done ? `, ${i18n.t('obligations.actionStatus.completed')}` : ''})
          </>
        )}
      </Linked>
      {staff && linkOptions && (
        <StaffForm summary={i18n.t('obligations.addLink')} open={Boolean(forms.link)}>
          {Object.entries(linkOptions).map(([kind, options]) => (
            <LinkForm
              ctx={ctx}
              id={r.id}
              kind={kind as LinkKind}
              errors={kind === 'proposal' ? forms.link?.errors : undefined}
              options={options}
            />
          ))}
        </StaffForm>
      )}
    </>
  );
}

/** The form that links the recommendation to one kind of record, chosen in a list. */
function LinkForm({
  ctx,
  id,
  kind,
  options,
  errors,
}: {
  ctx: PageContext;
  id: string;
  kind: LinkKind;
  options: { value: string; label: string }[];
  errors?: FieldErrors | undefined;
}) {
  return (
    <Form ctx={ctx} errors={errors} action={`/${ctx.i18n.lang}/recommendations/${id}/links`} idPrefix={kind}>
      <input type="hidden" name="kind" value={kind} />
      <Select name="targetId" label={ctx.i18n.t(LINKED[kind][2])} options={options} />
      <Submit>{ctx.i18n.t('obligations.link')}</Submit>
    </Form>
  );
}

/** Each kind of link: its heading, the words that there is none, the label of the form that adds one. */
const LINKED = {
  proposal: ['nav.proposals', 'obligations.noLinkedProposals', 'obligations.linkProposal'],
  agenda_item: ['obligations.agendaItems', 'obligations.noLinkedItems', 'obligations.linkAgendaItem'],
  task: ['obligations.tasks', 'obligations.noLinkedTasks', 'obligations.linkTask'],
} as const satisfies Record<LinkKind, readonly [MessageKey, MessageKey, MessageKey]>;

/** One kind of linked thing: its heading, then the list (staff may unlink each) or a word that there is none. */
function Linked<I extends { id: string }>(props: {
  ctx: PageContext;
  id: string;
  kind: LinkKind;
  items: I[];
  children: (item: I) => ComponentChildren;
}) {
  const { ctx, items } = props;
  const staff = ctx.can('manage-obligations');
  const [heading, none] = LINKED[props.kind];
  return (
    <>
      <h3>{ctx.i18n.t(heading)}</h3>
      {items.length === 0 ? (
        <p class="muted">{ctx.i18n.t(none)}</p>
      ) : (
        <ul>
          {items.map((item) => (
            <li>
              {props.children(item)}
              {staff && <UnlinkButton ctx={ctx} id={props.id} kind={props.kind} target={item.id} />}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function UnlinkButton({ ctx, id, kind, target }: { ctx: PageContext; id: string; kind: string; target: string }) {
  return (
    <Form ctx={ctx} action={`/${ctx.i18n.lang}/recommendations/${id}/links`} className="inline-form">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="targetId" value={target} />
      <input type="hidden" name="remove" value="on" /> <Button link>{ctx.i18n.t('obligations.unlink')}</Button>
    </Form>
  );
}
