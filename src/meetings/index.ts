/** What other domains may use of meetings. */
export {
  type AgendaItemView,
  agendaOf,
  type BodySummary,
  latestPublicMeeting,
  type MeetingSummary,
  mainBody,
  type Presentation,
  presentationsBy,
} from './queries.ts';
