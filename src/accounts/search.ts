import { can } from '../core/auth/policy.ts';
import { idsFound } from '../core/extensions.ts';
import { LANGS } from '../core/i18n/locales.ts';
import { pick, type Translated } from '../core/i18n/translated.ts';
import { recordSearch } from '../core/search/record-search.ts';
import { organisationChangedSince, organisationColumn } from '../organisations/index.ts';

/*
 * People with an account, in search (decision 0018): never public. Only those who may list the
 * accounts (the administration page: `invite-users`, the staff) find them — and those readers see
 * the e-mail addresses on that page, so the address is part of the text.
 */

/** The e-mail address and the organisation's name, in each language. */
function personText(email: string, organisation: Translated | null): Translated {
  return Object.fromEntries(
    LANGS.map((lang) => [lang, [email, pick(organisation, lang)?.text].filter(Boolean).join(' · ')]),
  );
}

export const personSearch = recordSearch({
  kind: 'person',
  query: (db) =>
    db
      .selectFrom('users as u')
      .select(['u.id', 'u.display_name as name', 'u.email', 'u.updated_at as updatedAt'])
      .select(organisationColumn('u.organisation_id', 'name').as('organisation')),
  id: 'u.id',
  // The text shows the organisation's name: its rename brings the person back too.
  changed: ['u.updated_at', organisationChangedSince('u.organisation_id')],
  document: (u) => ({
    // A name is written once; every language's rules read it (Kazakh in either script, Russian forms).
    title: { kk: u.name, ru: u.name, en: u.name },
    body: personText(u.email, u.organisation),
    path: `/admin#user-${u.id}`,
    visibility: 'restricted',
  }),
  async visibleTo(db, reader, ids) {
    if (!can(reader, 'invite-users')) return new Set();
    return idsFound(ids, (some) => db.selectFrom('users').select('id').where('id', 'in', some).execute());
  },
});
