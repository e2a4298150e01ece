import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Role } from '../db/schema.ts';
import { HttpError } from '../http/http-error.ts';
import { ACTIONS, type Action, authorizeUser, can } from './policy.ts';
import type { CurrentUser } from './user.ts';

type Who = Role | 'anonymous';
const WHO: Who[] = ['anonymous', 'citizen', 'observer', 'representative', 'chair', 'secretariat', 'platform_admin'];

/*
 * The expected answer for every role × action, written out by hand (not derived from the policy),
 * so that a change to the policy that nobody meant fails here. Columns follow WHO:
 *                                anon  citiz  obsrv  repr   chair  secr   admin
 */
const EXPECTED: Record<Exclude<Action, 'act-for-organisation' | 'correct-minutes' | 'report-progress'>, boolean[]> = {
  'read-public': [true, true, true, true, true, true, true],
  'read-members-only': [false, false, true, true, true, true, true],
  'manage-own-account': [false, true, true, true, true, true, true],
  comment: [false, true, true, true, true, true, true],
  'manage-organisations': [false, false, false, false, false, true, true],
  'manage-people': [false, false, false, false, false, true, true],
  'invite-users': [false, false, false, false, false, true, true],
  'read-design-system': [false, false, false, false, false, true, true],
  'manage-users': [false, false, false, false, false, false, true],
  'read-outbox': [false, false, false, false, false, false, true],
  'read-backups': [false, false, false, false, false, false, true],
  'read-audit-log': [false, false, false, false, false, false, true],
  'run-meetings': [false, false, false, false, false, true, true],
  'approve-minutes': [false, false, false, false, true, false, false],
  moderate: [false, false, false, false, false, true, true],
  'manage-proposals': [false, false, false, false, false, true, true],
  follow: [false, true, true, true, true, true, true],
  'manage-obligations': [false, false, false, false, false, true, true],
  'support-proposals': [false, true, false, true, false, false, false],
  'edit-legal-texts': [false, false, false, false, false, true, true],
  'manage-settings': [false, false, false, false, false, false, true],
  'manage-comment-settings': [false, false, false, false, false, true, true],
};

function user(role: Role, organisationId: string | null = '7'): CurrentUser {
  return {
    id: '1',
    email: `${role}@example.org`,
    displayName: role,
    role,
    organisationId,
    locale: 'en',
    emailConfirmed: true,
  };
}

describe('policy: every role × every action', () => {
  test('the table covers every action of the policy', () => {
    assert.deepEqual(
      [...Object.keys(EXPECTED), 'act-for-organisation', 'correct-minutes', 'report-progress'].sort(),
      [...ACTIONS].sort(),
    );
  });

  for (const [action, row] of Object.entries(EXPECTED) as [Action, boolean[]][]) {
    for (const [i, who] of WHO.entries()) {
      test(`${who} ${row[i] ? 'may' : 'may not'} ${action}`, () => {
        assert.equal(can(who === 'anonymous' ? null : user(who), action), row[i]);
      });
    }
  }

  test('a use case refuses with a 403 what can() refuses, on the same thing', () => {
    assert.doesNotThrow(() => authorizeUser(user('secretariat'), 'manage-proposals'));
    assert.throws(
      () => authorizeUser(user('citizen'), 'manage-proposals'),
      (e) => e instanceof HttpError && e.statusCode === 403,
    );
    assert.doesNotThrow(() => authorizeUser(user('representative'), 'report-progress', { organisationId: '7' }));
    assert.throws(() => authorizeUser(user('representative'), 'report-progress', { organisationId: '8' }), HttpError);
  });

  test('moderate: any role with the moderator capability (decision 0025), and nothing else with it', () => {
    for (const role of ['citizen', 'observer', 'representative', 'chair'] as const) {
      const moderator = { ...user(role), moderator: true };
      assert.equal(can(moderator, 'moderate'), true, role);
      assert.equal(can(moderator, 'manage-comment-settings'), false, role);
      assert.equal(can(moderator, 'manage-users'), false, role);
    }
  });

  test("report-progress: staff on any action; representatives only on their organisation's", () => {
    const own = { organisationId: '7' };
    const other = { organisationId: '8' };
    for (const role of ['platform_admin', 'secretariat'] as const)
      assert.equal(can(user(role), 'report-progress', other), true, role);
    assert.equal(can(user('representative'), 'report-progress', own), true);
    assert.equal(can(user('representative'), 'report-progress', other), false);
    assert.equal(can(user('representative', null), 'report-progress', own), false);
    for (const role of ['citizen', 'observer', 'chair'] as const)
      assert.equal(can(user(role), 'report-progress', own), false, role);
    assert.equal(can(null, 'report-progress', own), false);
  });

  test('correct-minutes: chair and staff always; representatives and observers only if their organisation attended', () => {
    const attended = { attendingOrganisationIds: ['7'] };
    const absent = { attendingOrganisationIds: ['8'] };
    for (const role of ['platform_admin', 'secretariat', 'chair'] as const) {
      assert.equal(can(user(role), 'correct-minutes', absent), true, role);
    }
    for (const role of ['representative', 'observer'] as const) {
      assert.equal(can(user(role), 'correct-minutes', attended), true, role);
      assert.equal(can(user(role), 'correct-minutes', absent), false, role);
    }
    assert.equal(can(user('citizen'), 'correct-minutes', attended), false);
    assert.equal(can(null, 'correct-minutes', attended), false);
  });

  test('support-proposals: a citizen, or a representative who has an organisation', () => {
    assert.equal(can(user('citizen', null), 'support-proposals'), true);
    assert.equal(can(user('representative'), 'support-proposals'), true);
    assert.equal(can(user('representative', null), 'support-proposals'), false);
  });

  test('act-for-organisation: only a representative, and only for their own organisation', () => {
    const own = { organisationId: '7' };
    const other = { organisationId: '8' };
    assert.equal(can(user('representative'), 'act-for-organisation', own), true);
    assert.equal(can(user('representative'), 'act-for-organisation', other), false);
    assert.equal(can(user('representative'), 'act-for-organisation', undefined), false);
    assert.equal(can(user('representative', null), 'act-for-organisation', { organisationId: null }), false);
    for (const who of WHO.filter((w) => w !== 'representative')) {
      assert.equal(can(who === 'anonymous' ? null : user(who as Role), 'act-for-organisation', own), false, who);
    }
  });
});
