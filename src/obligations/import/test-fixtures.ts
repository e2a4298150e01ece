/**
 * The headings of the UN Universal Human Rights Index's export, in its order and with its own
 * spelling ("Reccomending"), for the import's tests: the recogniser's and a whole import's.
 */
export const UHRI_HEADINGS = [
  'Text',
  'Countries Concerned',
  'Reccomending Body',
  'Document Symbol',
  'Themes',
  'Affected Persons',
  'Sdgs',
  'Document Publication Date',
  'UPR Reccomending States',
  'UPR Position',
  'Type',
  'OHCHR Annotation Id',
  'UPR Session',
];
