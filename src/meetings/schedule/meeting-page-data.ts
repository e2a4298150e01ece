import type { MeetingStatus, MinutesContent } from '../../core/db/schema.ts';
import type { Values } from '../../core/html/fields.tsx';
import type { FieldErrors } from '../../core/http/forms.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import type { ProposalLink } from '../../proposals/index.ts';
import type { DocumentRow } from '../agenda/queries.ts';
import type { AttendanceRow } from '../attendance/queries.ts';
import type { InvitationRow } from '../invitations/queries.ts';
import type { AgendaItemView, MeetingDetail, TaskRow } from '../queries.ts';

/** Everything the meeting page shows (schedule/queries.ts gathers it). */
export interface MeetingPageData {
  meeting: MeetingDetail;
  agenda: AgendaItemView[];
  documents: DocumentRow[];
  attendance: AttendanceRow[];
  invitations: InvitationRow[] | undefined;
  myInvitation:
    | { invitation: InvitationRow; people: { personId: string; name: Translated }[]; delegates: string[] }
    | undefined;
  decisions: { id: string; agendaItemId: string | null; text: Translated }[];
  tasks: TaskRow[];
  minutes: { version: number; content: MinutesContent } | undefined;
  communique: { title: Translated; body: Translated; publishedAt: Date | null } | undefined;
  transitions: MeetingStatus[];
  proposals: ProposalLink[];
  forms?: {
    status?: { values: Values; errors: FieldErrors };
    document?: { values: Values; errors: FieldErrors };
    response?: { values: Values; errors: FieldErrors };
  };
}
