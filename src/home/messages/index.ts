import type { Catalogue, Message } from '../../core/i18n/i18n.ts';

/** The home page's own texts (issue 18: latest news, figures); its older ones are core's `home.*`. */
const en = {
  'home.latestNews': 'Latest news',
  'home.allNews': 'All news',
  'home.noNews': 'No communiqué has been published yet.',
  'home.noNextMeeting': 'No meeting is scheduled at the moment.',
  'home.allMeetings': 'All meetings',
  'home.figures': 'In figures',
  'home.figure.meetingsHeld': { one: 'meeting held', other: 'meetings held' },
  'home.figure.proposalsAnswered': {
    one: 'proposal answered by state bodies, of {total} submitted',
    other: 'proposals answered by state bodies, of {total} submitted',
  },
  'home.figure.recommendations': {
    one: 'international recommendation followed up; assessed: {assessed}',
    other: 'international recommendations followed up; assessed: {assessed}',
  },
};

type Keys = typeof en;
declare module '../../core/i18n/i18n.ts' {
  interface DomainMessages extends Keys {}
}

const kk: Record<keyof Keys, Message> = {
  'home.latestNews': 'Соңғы жаңалықтар',
  'home.allNews': 'Барлық жаңалықтар',
  'home.noNews': 'Әзірге бірде-бір коммюнике жарияланған жоқ.',
  'home.noNextMeeting': 'Қазір жоспарланған отырыс жоқ.',
  'home.allMeetings': 'Барлық отырыстар',
  'home.figures': 'Сандармен',
  'home.figure.meetingsHeld': 'отырыс өткізілді',
  'home.figure.proposalsAnswered': 'ұсынысқа мемлекеттік органдар жауап берді (барлығы {total} ұсыныс түсті)',
  'home.figure.recommendations': 'халықаралық ұсынымның орындалуы қадағаланады; бағаланғаны: {assessed}',
};

const ru: Record<keyof Keys, Message> = {
  'home.latestNews': 'Последние новости',
  'home.allNews': 'Все новости',
  'home.noNews': 'Коммюнике ещё не публиковались.',
  'home.noNextMeeting': 'Сейчас заседаний не запланировано.',
  'home.allMeetings': 'Все заседания',
  'home.figures': 'В цифрах',
  'home.figure.meetingsHeld': {
    one: 'заседание проведено',
    few: 'заседания проведено',
    many: 'заседаний проведено',
    other: 'заседания проведено',
  },
  'home.figure.proposalsAnswered': {
    one: 'предложение получило ответ государственных органов (всего внесено {total})',
    few: 'предложения получили ответ государственных органов (всего внесено {total})',
    many: 'предложений получили ответ государственных органов (всего внесено {total})',
    other: 'предложения получили ответ государственных органов (всего внесено {total})',
  },
  'home.figure.recommendations': {
    one: 'международная рекомендация на контроле; оценено: {assessed}',
    few: 'международные рекомендации на контроле; оценено: {assessed}',
    many: 'международных рекомендаций на контроле; оценено: {assessed}',
    other: 'международной рекомендации на контроле; оценено: {assessed}',
  },
};

export const homeMessages: Catalogue = { kk, ru, en };
