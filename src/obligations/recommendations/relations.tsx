import type { PageContext } from '../../core/html/context.ts';
import { fieldsOf, Select, TranslatedInputs } from '../../core/html/fields.tsx';
import { Button, Form, Submit } from '../../core/html/form.tsx';
import { plain, T } from '../../core/html/text.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { SectionProps } from './views.tsx';

/** A recommendation's relations on its page: its cluster, its repeats, its links to proposals and meetings. */

export function ClusterSection({ ctx, r, extras, forms }: SectionProps) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const staff = ctx.can('manage-obligations');
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
        <details class="staff-form" open={Boolean(forms.cluster)}>
          <summary>{i18n.t('obligations.chooseCluster')}</summary>
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
        </details>
      )}
    </>
  );
}

export function RepeatsSection({ ctx, r, extras }: SectionProps) {
  const { i18n } = ctx;
  const lang = i18n.lang;
  const staff = ctx.can('manage-obligations');
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
  const { i18n } = ctx;
  const lang = i18n.lang;
  const staff = ctx.can('manage-obligations');
  return (
    <>
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
          <LinkForm
            ctx={ctx}
            id={r.id}
            kind="proposal"
            errors={forms.link?.errors}
            label={i18n.t('obligations.linkProposal')}
            options={extras.linkOptions.proposals.map((p) => ({ value: p.id, label: plain(p.title, i18n) }))}
          />
          <LinkForm
            ctx={ctx}
            id={r.id}
            kind="agenda_item"
            label={i18n.t('obligations.linkAgendaItem')}
            options={extras.linkOptions.agendaItems.map((a) => ({
              value: a.id,
              label: `${i18n.t('obligations.meetingNumber', { number: a.meetingNumber })}: ${plain(a.title, i18n)}`,
            }))}
          />
          <LinkForm
            ctx={ctx}
            id={r.id}
            kind="task"
            label={i18n.t('obligations.linkTask')}
            options={extras.linkOptions.tasks.map((t) => ({
              value: t.id,
              label: `${i18n.t('obligations.meetingNumber', { number: t.meetingNumber })}: ${plain(t.description, i18n)}`,
            }))}
          />
        </details>
      )}
    </>
  );
}

/** The form that links the recommendation to one kind of record, chosen in a list. */
function LinkForm({
  ctx,
  id,
  kind,
  label,
  options,
  errors,
}: {
  ctx: PageContext;
  id: string;
  kind: string;
  label: string;
  options: { value: string; label: string }[];
  errors?: FieldErrors | undefined;
}) {
  return (
    <Form ctx={ctx} errors={errors} action={`/${ctx.i18n.lang}/recommendations/${id}/links`}>
      <input type="hidden" name="kind" value={kind} />
      <Select name="targetId" label={label} options={options} />
      <Submit>{ctx.i18n.t('obligations.link')}</Submit>
    </Form>
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
