import { nameKey } from '../state-codes.ts';

/*
 * How an imported theme is matched to the themes Kenes has (decision 0026). The rule, in order:
 *
 * 1. The same name in any language, or the slug, ignoring case, accents, punctuation, "&" for
 *    "and" and the word "the" ("Children’s rights" = "children's rights" = "CHILDRENS RIGHTS").
 * 2. A known synonym: the names the UN's Universal Human Rights Index and UPR Info's database give a
 *    theme that Kenes has under another name, listed below by the slug of Kenes's theme. Only the
 *    exact names of this list count — no similarity, no stemming — so two unrelated themes are never
 *    merged by a guess; a synonym whose theme a deployment removed matches nothing.
 * 3. Otherwise the theme is new: the import's preview lists it, and it is created only if the person
 *    confirms it there (or maps it to an existing theme). It is created with the file's language
 *    only; pages in the other languages show it marked "not translated".
 */
export const THEME_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  'freedom-of-expression': [
    'Freedom of opinion and expression',
    'Freedom of opinion and expression - general',
    'Freedom of expression and opinion',
    'Right to freedom of opinion and expression',
    'Freedom of the press',
    'Freedom of speech',
    'Свобода мнений и их выражения',
    'Свобода мнения и его выражения',
    'Свобода слова',
    'Свобода печати',
    'Пікір және сөз бостандығы',
    'Пікір білдіру бостандығы',
  ],
  'torture-prevention': [
    'Torture and other CID treatment',
    'Torture and other cruel, inhuman or degrading treatment',
    'Torture and other cruel, inhuman or degrading treatment or punishment',
    'Prohibition of torture and cruel, inhuman or degrading treatment',
    'Prohibition of torture',
    'Torture',
    'Пытки и другие жестокие, бесчеловечные или унижающие достоинство виды обращения',
    'Запрещение пыток',
    'Пытки',
    'Азаптау',
    'Азаптауға тыйым салу',
  ],
  children: [
    'Rights of the child',
    'Rights of the Child',
    'Child rights',
    'Children',
    'Children: general',
    'Права детей',
    'Дети',
    'Балалар',
    'Балалардың құқықтары',
  ],
  detention: [
    'Detention',
    'Detention conditions',
    'Conditions of detention',
    'Liberty and security of the person',
    'Deprivation of liberty',
    'Условия содержания под стражей',
    'Лишение свободы',
    'Бас бостандығынан айыру',
  ],
  'access-to-justice': [
    'Justice',
    'Administration of justice and fair trial',
    'Administration of justice & fair trial',
    'Right to a fair trial',
    'Отправление правосудия и справедливое судебное разбирательство',
    'Правосудие',
    'Сот төрелігі',
  ],
  disability: [
    'Persons with disabilities',
    'Disabilities',
    'Rights of persons with disabilities',
    'Persons with disabilities: general',
    'Инвалиды',
    'Лица с инвалидностью',
    'Права инвалидов',
    'Мүгедектер',
    'Мүгедектігі бар адамдар',
  ],
  'gender-equality': [
    'Equality between men and women',
    'Equality between women and men',
    'Gender equality and discrimination against women',
    'Равенство мужчин и женщин',
    'Ерлер мен әйелдердің теңдігі',
  ],
  'labour-rights': [
    'Labour',
    'Labor rights',
    'Right to work',
    'Just and favourable conditions of work',
    'Rights related to employment',
    'Право на труд',
    'Еңбек ету құқығы',
  ],
  migrants: ['Rights of migrants', 'Migrant workers', 'Права мигрантов', 'Трудящиеся-мигранты', 'Көші-қонушылар'],
  education: ['Right to education', 'Право на образование', 'Білім алу құқығы'],
};

/** Name key → the slug of Kenes's theme it is a known synonym of. */
export function synonymKeys(): Map<string, string> {
  const map = new Map<string, string>();
  for (const [slug, names] of Object.entries(THEME_SYNONYMS)) for (const name of names) map.set(nameKey(name), slug);
  return map;
}
