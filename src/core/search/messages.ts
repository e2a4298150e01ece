import type { Catalogue } from '../i18n/i18n.ts';

/* The texts of search (decision 0018), in kk, ru and en; app.ts registers them. */

const en = {
  'search.title': 'Search',
  'search.label': 'Search the site',
  'search.submit': 'Search',
  'search.hint':
    'All words are looked for in Kazakh (Cyrillic or Latin), Russian and English. "Words in quotes" form a phrase; or between two words takes either; -word leaves out.',
  'search.results': 'Results: {count}',
  'search.resultsMore': 'Results: more than {count}',
  'search.none': 'Nothing found. Try other or fewer words, or another form of a word.',
  'search.searchedFor': 'Showing results for:',
  'search.kinds': 'Kinds of result',
  'search.all': 'All',
  'search.kind.meeting': 'Meetings',
  'search.kind.news': 'News',
  'search.kind.proposal': 'Proposals',
  'search.kind.recommendation': 'Recommendations',
  'search.kind.cycle': 'Reporting cycles',
  'search.kind.organisation': 'Organisations',
  'search.kind.person': 'People',
  'search.tooLong': 'The search text may be at most {max} characters long.',
  'search.invalid': 'The search parameters are not valid.',
  'search.previous': 'Previous results',
  'search.next': 'Next results',
  'search.pages': 'Pages of results',
};

const ru: typeof en = {
  'search.title': 'Поиск',
  'search.label': 'Поиск по сайту',
  'search.submit': 'Найти',
  'search.hint':
    'Слова ищутся на казахском (кириллицей или латиницей), русском и английском. "Слова в кавычках" — фраза; or между словами — любое из них; -слово — исключить.',
  'search.results': 'Результаты: {count}',
  'search.resultsMore': 'Результаты: более {count}',
  'search.none': 'Ничего не найдено. Попробуйте другие слова, меньше слов или другую форму слова.',
  'search.searchedFor': 'Показаны результаты по запросу:',
  'search.kinds': 'Виды результатов',
  'search.all': 'Все',
  'search.kind.meeting': 'Заседания',
  'search.kind.news': 'Новости',
  'search.kind.proposal': 'Предложения',
  'search.kind.recommendation': 'Рекомендации',
  'search.kind.cycle': 'Отчётные циклы',
  'search.kind.organisation': 'Организации',
  'search.kind.person': 'Люди',
  'search.tooLong': 'Текст поиска — не более {max} символов.',
  'search.invalid': 'Параметры поиска недействительны.',
  'search.previous': 'Предыдущие результаты',
  'search.next': 'Следующие результаты',
  'search.pages': 'Страницы результатов',
};

const kk: typeof en = {
  'search.title': 'Іздеу',
  'search.label': 'Сайттан іздеу',
  'search.submit': 'Іздеу',
  'search.hint':
    'Сөздер қазақ (кирилл немесе латын әрпімен), орыс және ағылшын тілдерінде ізделеді. "Тырнақшадағы сөздер" — тіркес; екі сөздің арасындағы or — кез келгені; -сөз — алып тастау.',
  'search.results': 'Нәтижелер: {count}',
  'search.resultsMore': 'Нәтижелер: {count}-нан астам',
  'search.none': 'Ештеңе табылмады. Басқа немесе азырақ сөзбен, не сөздің басқа түрімен іздеп көріңіз.',
  'search.searchedFor': 'Мына сұраныс бойынша нәтижелер көрсетілді:',
  'search.kinds': 'Нәтиже түрлері',
  'search.all': 'Барлығы',
  'search.kind.meeting': 'Отырыстар',
  'search.kind.news': 'Жаңалықтар',
  'search.kind.proposal': 'Ұсыныстар',
  'search.kind.recommendation': 'Ұсынымдар',
  'search.kind.cycle': 'Есеп беру циклдері',
  'search.kind.organisation': 'Ұйымдар',
  'search.kind.person': 'Адамдар',
  'search.tooLong': 'Іздеу мәтіні {max} таңбадан аспауы керек.',
  'search.invalid': 'Іздеу параметрлері жарамсыз.',
  'search.previous': 'Алдыңғы нәтижелер',
  'search.next': 'Келесі нәтижелер',
  'search.pages': 'Нәтижелер беттері',
};

export const searchMessages = { kk, ru, en } satisfies Catalogue;
