import { audit, userActor } from '../../core/audit.ts';
import { authorizeUser } from '../../core/auth/policy.ts';
import type { CurrentUser } from '../../core/auth/user.ts';
import type { Db } from '../../core/db/database.ts';
import type { LegalTextKind } from '../../core/db/schema.ts';
import type { Outcome } from '../../core/http/forms.ts';
import { i18nFor } from '../../core/i18n/i18n.ts';
import type { Lang } from '../../core/i18n/locales.ts';
import type { Translated } from '../../core/i18n/translated.ts';

/**
 * The secretariat edits the terms of use or the privacy notice: the text is saved as the next
 * version (earlier ones stay, consents name theirs), audited with both texts. `shownVersion` is the
 * version the form was opened on: if someone saved a newer one meanwhile, nothing is overwritten.
 */
export async function editLegalText(
  db: Db,
  user: CurrentUser,
  kind: LegalTextKind,
  body: Translated,
  shownVersion: number,
  lang: Lang,
): Promise<Outcome<{ version: number; changed: boolean }>> {
  authorizeUser(user, 'edit-legal-texts');
  const i18n = i18nFor(lang);
  return db.transaction().execute(async (trx) => {
    // The newest version, locked: two editors saving at once make versions n+1 and then a refusal.
    const current = await trx
      .selectFrom('legal_texts')
      .select(['version', 'body'])
      .where('kind', '=', kind)
      .orderBy('version', 'desc')
      .limit(1)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (current.version !== shownVersion) return { ok: false as const, errors: { body_kk: i18n.t('legal.stale') } };
    if (JSON.stringify(sorted(current.body)) === JSON.stringify(sorted(body)))
      return { ok: true as const, value: { version: current.version, changed: false } };
    const version = current.version + 1;
    await trx
      .insertInto('legal_texts')
      .values({ kind, version, body: JSON.stringify(body), created_by: user.id })
      .execute();
    await audit(trx, userActor(user), {
      entity: 'legal_text',
      entityId: kind,
      action: 'update',
      before: { version: current.version, body: current.body },
      after: { version, body },
    });
    return { ok: true as const, value: { version, changed: true } };
  });
}

/** The languages of a text in a fixed order, blanks left out, for comparing two versions. */
function sorted(t: Translated): Translated {
  return Object.fromEntries(
    (['kk', 'ru', 'en'] as const).filter((l) => t[l]?.trim()).map((l) => [l, t[l]]),
  ) as Translated;
}
