import type { Catalogue } from '../i18n/i18n.ts';

/* The texts around a chart (its table and downloads, decision 0029), in kk, ru and en; domains.ts registers them. */

const en = {
  'charts.downloads': 'Download',
  'charts.svg': 'Chart (SVG)',
  'charts.png': 'Image (PNG)',
  'charts.csv': 'Data (CSV)',
  'charts.table': 'Data of the chart',
  'charts.empty': 'Nothing to show yet.',
  'charts.code': 'Code',
  'charts.codeOf': 'Code ({name})',
};

const ru: Record<keyof typeof en, string> = {
  'charts.downloads': 'Скачать',
  'charts.svg': 'Диаграмма (SVG)',
  'charts.png': 'Изображение (PNG)',
  'charts.csv': 'Данные (CSV)',
  'charts.table': 'Данные диаграммы',
  'charts.empty': 'Пока нечего показать.',
  'charts.code': 'Код',
  'charts.codeOf': 'Код ({name})',
};

const kk: Record<keyof typeof en, string> = {
  'charts.downloads': 'Жүктеп алу',
  'charts.svg': 'Диаграмма (SVG)',
  'charts.png': 'Сурет (PNG)',
  'charts.csv': 'Деректер (CSV)',
  'charts.table': 'Диаграмманың деректері',
  'charts.empty': 'Әзірге көрсететін ештеңе жоқ.',
  'charts.code': 'Коды',
  'charts.codeOf': 'Коды ({name})',
};

export const chartMessages = { kk, ru, en } satisfies Catalogue;
