import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { can } from '../auth/policy.ts';
import type { CurrentUser } from '../auth/user.ts';
import { i18nFor } from '../i18n/i18n.ts';
import type { Lang } from '../i18n/locales.ts';
import type { PageContext } from './context.ts';
import { Form } from './form.tsx';
import { Kept, keptStats, resetKeptStats } from './kept.tsx';
import { renderPage } from './render.ts';
import { Table } from './table.tsx';

/*
 * Kept parts of pages (issue 15): shown as the same view rendered in place would show them, to each
 * reader with their own token, kept per owner and per what the reader may do, never with the reader's
 * own details.
 */

const user = (role: CurrentUser['role'], organisationId: string | null, name: string): CurrentUser => ({
  id: name,
  email: `${name}@example.org`,
  displayName: name,
  role,
  organisationId,
  locale: 'en',
  emailConfirmed: true,
});
const STAFF = user('secretariat', null, 'Staff One');
const STAFF_2 = user('secretariat', null, 'Staff Two');
const NGO = user('representative', '7', 'Ngo One');

function contextOf(reader: CurrentUser | null, token: string, lang: Lang = 'en'): PageContext {
  return {
    i18n: i18nFor(lang),
    pathInLang: '/x',
    user: reader,
    can: (action, thing) => can(reader, action, thing),
    csrfToken: token,
    flash: undefined,
  };
}

/** A record's part: a table (an id from useId), what the reader may do, and a form with its token. */
function Part({ ctx, record }: { ctx: PageContext; record: { title: string } }) {
  return (
    <>
      <Table caption={record.title} columns={['a']}>
        <tr>
          <td>{record.title}</td>
        </tr>
      </Table>
      {ctx.can('manage-obligations') ? <p>staff may edit</p> : <p>{ctx.i18n.t('nav.home')}</p>}
      {ctx.user && (
        <Form ctx={ctx} action="/en/x">
          <p>fields</p>
        </Form>
      )}
    </>
  );
}

/** A page with tables before and after the part (the ids must follow on), kept or rendered in place. */
function page(ctx: PageContext, record: { title: string }, kept: boolean, fresh = false) {
  return renderPage(
    <main>
      <Table caption="before" columns={['b']}>
        {null}
      </Table>
      {kept ? (
        <Kept owner={record} name="part" ctx={ctx} fresh={fresh} view={(c) => <Part ctx={c} record={record} />} />
      ) : (
        <Part ctx={ctx} record={record} />
      )}
      <Table caption="after" columns={['c']}>
        {null}
      </Table>
    </main>,
  );
}

describe('kept parts of pages', () => {
  test('a part is shown as in place, ids and tokens included, and rendered once per owner and key', () => {
    resetKeptStats();
    const record = { title: 'A record <b>' };
    for (const [reader, token] of [
      [STAFF, 'token-of-staff-one'],
      [STAFF_2, 'token-of-staff-two'],
      [NGO, 'token-of-the-ngo'],
      [null, 'visitor-token'],
    ] as const) {
      const inPlace = page(contextOf(reader, token), record, false);
      assert.ok(inPlace.includes('aria-labelledby="P0-1"') && inPlace.includes('id="P0-2"'), 'ids in the page');
      assert.equal(page(contextOf(reader, token), record, true), inPlace, `${reader?.displayName}: first`);
      assert.equal(page(contextOf(reader, token), record, true), inPlace, `${reader?.displayName}: again`);
      if (reader) assert.ok(inPlace.includes(token), 'the reader’s own token');
    }
    // Staff One and Two share their part (same role): rendered for staff, the NGO and the visitor.
    assert.deepEqual(keptStats(), { renders: 3, hits: 5 });
    // Another language, another owner (a new version of the record): rendered again.
    assert.equal(page(contextOf(STAFF, 't', 'ru'), record, true), page(contextOf(STAFF, 't', 'ru'), record, false));
    assert.equal(page(contextOf(STAFF, 't'), { ...record }, true), page(contextOf(STAFF, 't'), record, false));
    assert.equal(keptStats().renders, 5);
  });

  test('readers of one organisation in two roles do not share a part (what they may do differs)', () => {
    const record = { title: 'r' };
    const mayApprove = (c: PageContext) => <p>{c.can('approve-minutes') ? 'approve' : 'read'}</p>;
    const shown = (reader: CurrentUser) =>
      renderPage(<Kept owner={record} name="roles" ctx={contextOf(reader, 't')} view={mayApprove} />);
    assert.equal(shown(user('chair', '7', 'Chair')), '<!doctype html><p>approve</p>');
    assert.equal(shown(NGO), '<!doctype html><p>read</p>');
  });

  test('readers of two organisations do not share a part', () => {
    resetKeptStats();
    const record = { title: 'r' };
    page(contextOf(NGO, 't'), record, true);
    page(contextOf(user('representative', '8', 'Other'), 't'), record, true);
    assert.deepEqual(keptStats(), { renders: 2, hits: 0 });
  });

  test('an owner keeps at most 64 parts: past them the oldest is rendered again', () => {
    resetKeptStats();
    const record = { title: 'r' };
    const reader = (org: number) => user('representative', String(org), `Rep ${org}`);
    const shown = (org: number) =>
      renderPage(
        <Kept owner={record} name="orgs" ctx={contextOf(reader(org), 't')} view={() => <p>{record.title}</p>} />,
      );
    for (let org = 1; org <= 65; org++) shown(org);
    assert.deepEqual(keptStats(), { renders: 65, hits: 0 });
    shown(65);
    shown(2);
    assert.deepEqual(keptStats(), { renders: 65, hits: 2 }, 'the newest 64 are kept');
    shown(1);
    assert.equal(keptStats().renders, 66, 'the first went when the 65th came');
  });

  test('a form sent back (fresh) is rendered for that request alone', () => {
    resetKeptStats();
    const record = { title: 'r' };
    page(contextOf(STAFF, 't'), record, true, true);
    page(contextOf(STAFF, 't'), record, true);
    assert.deepEqual(keptStats(), { renders: 2, hits: 0 });
  });

  test('a part may not show the reader’s own details, nor the page’s path or message', () => {
    for (const show of [
      (c: PageContext) => <p>{c.user?.displayName}</p>,
      (c: PageContext) => <p>{c.user?.email}</p>,
      (c: PageContext) => <p>{c.pathInLang}</p>,
      (c: PageContext) => <p>{c.flash}</p>,
    ]) {
      assert.throws(
        () => renderPage(<Kept owner={{}} name="x" ctx={contextOf(STAFF, 't')} view={show} />),
        /a kept part of a page may not show/,
      );
    }
  });
});
