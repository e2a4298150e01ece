/** English strings of reporting cycles, recommendations and their implementation (kept apart so translators can work on them alone). */
export const obligationsEn = {
  'nav.obligations': 'Obligations',
};
