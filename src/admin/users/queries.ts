import type { Db } from '../../core/db/database.ts';
import { plain } from '../../core/html/text.tsx';
import { i18nFor } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import { mainBody } from '../../meetings/index.ts';
import { organisationName } from '../../organisations/index.ts';

/** The names an invitation e-mail gives, in the invitee's language (it is written in it). */
export async function invitationNames(db: Db, organisationId: string | undefined, locale: Lang) {
  const [body, organisation] = await Promise.all([
    mainBody(db),
    organisationId ? organisationName(db, organisationId) : undefined,
  ]);
  return {
    bodyName: body ? plain(body.name, i18nFor(locale)) : 'Kenes',
    organisationName: organisation ? plain(organisation, i18nFor(locale)) : undefined,
  };
}
