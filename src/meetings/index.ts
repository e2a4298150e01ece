/** What other domains may use of meetings. */

export { icalText, icalUri } from './ical.ts';
export {
  type AgendaItemView,
  agendaOf,
  type BodySummary,
  latestPublicMeeting,
  type MeetingSummary,
  mainBody,
  nextPublicMeeting,
  openTasks,
  type Presentation,
  presentationsBy,
  type TaskRow,
} from './queries.ts';
export { TaskTable } from './views/parts.tsx';
