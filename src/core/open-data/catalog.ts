import { i18nFor, type MessageKey } from '../i18n/i18n.ts';
import { LANGS, type Lang } from '../i18n/locales.ts';
import type { DatasetFormat } from './formats.ts';
import type { OpenDataState } from './state.ts';

/*
 * The open data as a DCAT-AP catalogue in JSON-LD (decision 0028): a dcat:Catalog of a dcat:Dataset
 * per dataset, each with a dcat:Distribution per language and format, titles in kk, ru and en.
 */

const MEDIA: Record<DatasetFormat, { mediaType: string; fileType: string }> = {
  csv: { mediaType: 'text/csv', fileType: 'CSV' },
  json: { mediaType: 'application/json', fileType: 'JSON' },
};
/** The EU's language authority's codes (DCAT-AP's dct:language). */
const LANGUAGE: Record<Lang, string> = { kk: 'KAZ', ru: 'RUS', en: 'ENG' };
const FILE_TYPE = 'http://publications.europa.eu/resource/authority/file-type/';
const LANGUAGE_AUTHORITY = 'http://publications.europa.eu/resource/authority/language/';

/** A text in every language, as JSON-LD language-tagged values. */
function inEveryLanguage(key: MessageKey) {
  return LANGS.map((lang) => ({ '@value': i18nFor(lang).t(key), '@language': lang }));
}

/** The catalogue's path (stable, language-independent). */
export const CATALOG_PATH = '/open-data/catalog.jsonld';

/** The DCAT-AP catalogue of every dataset, with absolute URLs under `publicUrl`. */
export function catalog(state: OpenDataState, publicUrl: string) {
  const base = publicUrl.replace(/\/$/, '');
  const licence = { '@id': state.licence.url };
  const modified = state.datasets.map((d) => d.summary.lastChange).filter((d): d is Date => d !== null);
  const latest = modified.length > 0 ? new Date(Math.max(...modified.map((d) => d.getTime()))) : null;
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@id': `${base}${CATALOG_PATH}`,
    '@type': 'dcat:Catalog',
    'dct:title': inEveryLanguage('openData.title'),
    'dct:description': inEveryLanguage('openData.intro'),
    'dct:publisher': { '@type': 'foaf:Agent', 'foaf:name': inEveryLanguage('site.name') },
    'dct:language': LANGS.map((l) => ({ '@id': `${LANGUAGE_AUTHORITY}${LANGUAGE[l]}` })),
    'dct:license': licence,
    'foaf:homepage': { '@id': `${base}/en/open-data` },
    ...(latest ? { 'dct:modified': { '@value': latest.toISOString(), '@type': 'xsd:dateTime' } } : {}),
    'dcat:dataset': state.datasets.map(({ dataset, summary }) => ({
      '@id': `${base}/en/open-data#${dataset.id}`,
      '@type': 'dcat:Dataset',
      'dct:identifier': dataset.id,
      'dct:title': inEveryLanguage(dataset.title),
      'dct:description': inEveryLanguage(dataset.description),
      'dct:license': licence,
      'dcat:landingPage': { '@id': `${base}/en/open-data#${dataset.id}` },
      ...(summary.lastChange
        ? { 'dct:modified': { '@value': summary.lastChange.toISOString(), '@type': 'xsd:dateTime' } }
        : {}),
      'dcat:distribution': LANGS.flatMap((lang) =>
        (['csv', 'json'] as const).map((format) => ({
          '@id': `${base}/${lang}/open-data/${dataset.id}.${format}`,
          '@type': 'dcat:Distribution',
          'dct:title': `${i18nFor(lang).t(dataset.title)} (${format.toUpperCase()}, ${lang})`,
          'dcat:accessURL': { '@id': `${base}/${lang}/open-data` },
          'dcat:downloadURL': { '@id': `${base}/${lang}/open-data/${dataset.id}.${format}` },
          'dcat:mediaType': MEDIA[format].mediaType,
          'dct:format': { '@id': `${FILE_TYPE}${MEDIA[format].fileType}` },
          'dct:language': { '@id': `${LANGUAGE_AUTHORITY}${LANGUAGE[lang]}` },
          'dct:license': licence,
        })),
      ),
    })),
  };
}
