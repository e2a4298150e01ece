import { plain } from '../../../core/html/text.tsx';
import { eventText } from '../../events.ts';
import { type SectionProps, scope } from './data.ts';

/** What happened to the proposal, oldest first. */
export function Timeline(props: SectionProps) {
  const { data } = props;
  const { i18n } = scope(props);
  return (
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
  );
}
