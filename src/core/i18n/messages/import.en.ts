/** English strings of import of recommendations (kept apart so translators can work on them alone). */
export const importEn = {
  'import.title': 'Import recommendations',
};
