import type { OrganisationCategory } from '../../core/db/schema.ts';
import type { Translated } from '../../core/i18n/translated.ts';
import type { InvitationRow } from '../invitations/queries.ts';
import type { AttendanceRow } from './queries.ts';

/*
 * The register as it starts: from the invitations and their answers. The delegates an organisation
 * named in its answer are already in the register (as expected); an invited organisation that named
 * nobody brings its people as pre-filled rows, not yet in the register, whose presence the
 * secretariat chooses (nobody is marked present by default: an answer is not an attendance).
 */

export type Answer = InvitationRow['response'] | 'not_invited';

export type RegisterLine =
  | { kind: 'registered'; row: AttendanceRow; answer: Answer | undefined }
  | {
      kind: 'invited';
      personId: string;
      personName: Translated;
      organisationId: string;
      organisationName: Translated;
      category: OrganisationCategory;
      role: InvitationRow['role'];
      answer: Answer;
    };

interface PersonWithPosition {
  personId: string;
  name: Translated;
  organisationId: string;
}

/** The lines of the register: those in it, then the people of invited organisations not yet in it. */
export function registerLines(
  rows: AttendanceRow[],
  invitations: InvitationRow[],
  people: PersonWithPosition[],
): RegisterLine[] {
  const answerOf = new Map<string, Answer>(invitations.map((i) => [i.organisationId, i.response]));
  const lines: RegisterLine[] = rows.map((row) => ({
    kind: 'registered',
    row,
    answer: answerOf.get(row.organisationId) ?? 'not_invited',
  }));
  const registeredOrgs = new Set(rows.map((r) => r.organisationId));
  const registeredPeople = new Set(rows.map((r) => r.personId));
  for (const invitation of invitations) {
    // An organisation that named its delegates, or whose people are already registered, is settled.
    if (registeredOrgs.has(invitation.organisationId)) continue;
    const seen = new Set<string>();
    for (const p of people) {
      if (p.organisationId !== invitation.organisationId || registeredPeople.has(p.personId) || seen.has(p.personId))
        continue;
      seen.add(p.personId);
      lines.push({
        kind: 'invited',
        personId: p.personId,
        personName: p.name,
        organisationId: invitation.organisationId,
        organisationName: invitation.organisationName,
        category: invitation.category,
        role: invitation.role,
        answer: invitation.response,
      });
    }
  }
  return lines;
}
