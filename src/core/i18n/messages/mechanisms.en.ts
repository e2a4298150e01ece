/** English strings of mechanisms, treaties and ratifications (kept apart so translators can work on them alone). */
export const mechanismsEn = {
  'mechanisms.title': 'Mechanisms and treaties',
};
