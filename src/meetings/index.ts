/** What other domains may use of meetings. */

export { setAgendaItemCycle } from './agenda/cycle.ts';
export { icalText, icalUri } from './calendar/ical.ts';
/** The public aggregates the dashboards draw (decision 0029). */
export { type MeetingFigures, meetingDashboard } from './dashboard.ts';
/** The home page's figures and latest news. */
export { meetingFigures } from './figures.ts';
export { news } from './news/queries.ts';
export { NewsCards, type NewsItem } from './news/views.tsx';
export {
  type AgendaItemView,
  agendaItemOptions,
  agendaItemsJson,
  agendaItemsOfCycle,
  agendaOf,
  type BodySummary,
  latestMeeting,
  type MeetingSummary,
  mainBody,
  meetingOptions,
  nextMeeting,
  openTasks,
  type Presentation,
  presentationsBy,
  type TaskRow,
  taskOptions,
  tasksJson,
  visibleMeetingNumber,
  visiblePartExists,
} from './queries.ts';
export { Agenda } from './views/agenda.tsx';
export { CardSummary, StatusTag } from './views/cards.tsx';
export { TaskTable } from './views/parts.tsx';
export {
  audienceOf as meetingAudience,
  type MeetingPart,
  maySee,
  type Reader,
  visibleCondition,
} from './visibility.ts';
