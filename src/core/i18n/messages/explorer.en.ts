/** English strings of the public explorer of recommendations (kept apart so translators can work on them alone). */
export const explorerEn = {
  'nav.recommendations': 'Recommendations',
};
