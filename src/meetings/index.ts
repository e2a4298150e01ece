/** What other domains may use of meetings. */
export {
  type AgendaItemView,
  agendaOf,
  type BodySummary,
  latestPublicMeeting,
  type MeetingSummary,
  mainBody,
  nextPublicMeeting,
  type Presentation,
  presentationsBy,
} from './queries.ts';
