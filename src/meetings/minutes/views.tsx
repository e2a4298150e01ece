import type { PageContext } from '../../core/html/context.ts';
import { ErrorSummary, Form, Submit } from '../../core/html/form.tsx';
import { Layout } from '../../core/html/layout.tsx';
import { MeetingHeader } from '../views/manage-parts.tsx';
import { meetingScope } from '../views/parts.tsx';
import {
  CorrectionsSection,
  CurrentVersion,
  DecisionForm,
  MinutesEditor,
  type MinutesPageData,
  VersionsSection,
} from './sections.tsx';

export type { MinutesPageData } from './sections.tsx';

export function MinutesPage({ ctx, data }: { ctx: PageContext; data: MinutesPageData }) {
  const { i18n, m, base, staff } = meetingScope(ctx, data.meeting, '/minutes');
  const current = data.versions[0];
  const editable = staff && (m.status === 'held' || m.status === 'minutes_review');
  return (
    <Layout ctx={ctx} title={i18n.t('minutes.title')} section="meetings">
      <MeetingHeader ctx={ctx} meeting={m} title={i18n.t('minutes.title')} />
      <ErrorSummary ctx={ctx} errors={data.forms?.approve} />
      {!current && <p>{i18n.t('minutes.none')}</p>}
      {current && <CurrentVersion ctx={ctx} data={data} />}

      {data.versions.length > 1 && <VersionsSection ctx={ctx} data={data} />}

      {editable && <MinutesEditor ctx={ctx} data={data} />}

      {staff && m.status === 'held' && current && (
        <Form ctx={ctx} action={`${base}/circulate`}>
          <Submit>{i18n.t('minutes.circulate')}</Submit>
        </Form>
      )}

      {(m.status === 'minutes_review' || data.corrections.length > 0) && <CorrectionsSection ctx={ctx} data={data} />}

      {staff && (m.status === 'held' || m.status === 'minutes_review' || m.status === 'minutes_approved') && (
        <DecisionForm ctx={ctx} data={data} />
      )}
    </Layout>
  );
}
