import { CommentsSection } from '../../../core/comments/views.tsx';
import { Layout } from '../../../core/html/layout.tsx';
import { plain } from '../../../core/html/text.tsx';
import { Attachments } from '../../drafting/views/attachments.tsx';
import { CoAuthorshipOffer } from '../../drafting/views/co-authorship.tsx';
import { WithdrawForm } from '../../drafting/views/withdraw-form.tsx';
import { Answers } from '../../review/views/answers.tsx';
import { MergeForm } from '../../review/views/merge-form.tsx';
import { ReviewForms } from '../../review/views/review-forms.tsx';
import { StageForm } from '../../stages/views/stage-form.tsx';
import { Stages } from '../../stages/views/stages.tsx';
import { ActionButtons } from './buttons.tsx';
import type { SectionProps } from './data.ts';
import { ProposalHeader } from './header.tsx';
import { Related } from './related.tsx';
import { Timeline } from './timeline.tsx';

export type { ProposalPageData } from './data.ts';

/** One proposal: its text and facts, the answers, the stages, the forms its reader may use, the timeline. */
export function ProposalPage(props: SectionProps) {
  const { ctx, data } = props;
  const { i18n } = ctx;
  return (
    <Layout ctx={ctx} title={plain(data.proposal.title, i18n)} section="proposals">
      <ProposalHeader {...props} />
      <Attachments {...props} />
      <Answers {...props} />
      <Stages {...props} />
      <Related {...props} />
      <CoAuthorshipOffer {...props} />
      {/* No heading of its own: what it holds depends on the reader, and may be nothing (issue 18). */}
      <div class="staff-panel">
        <ActionButtons {...props} />
        <ReviewForms {...props} />
        <StageForm {...props} />
        <MergeForm {...props} />
        <WithdrawForm {...props} />
      </div>
      <Timeline {...props} />
      {data.comments && <CommentsSection ctx={ctx} section={data.comments} />}
    </Layout>
  );
}
