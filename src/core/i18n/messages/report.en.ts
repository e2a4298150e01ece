/** English strings of the draft of the next national report (kept apart so translators can work on them alone). */
export const reportEn = {
  'report.title': 'Draft national report',
};
