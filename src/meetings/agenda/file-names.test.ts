import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useTestApp } from '../../testing/app.ts';
import { TestClient } from '../../testing/client.ts';
import { parseHtml, textOf } from '../../testing/html.ts';
import { scheduleMeeting } from '../../testing/meetings.ts';

let staff: TestClient;
const t = useTestApp({ demo: true }, async () => {
  staff = await TestClient.signedIn(t.app, 'secretariat@kenes.demo');
});

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\nxref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n160\n%%EOF\n',
);

const newMeeting = () => scheduleMeeting(staff, { title_en: 'Meeting with long file names' });

async function upload(meetingId: string, filename: string) {
  const page = await staff.get(`/en/meetings/${meetingId}`);
  const csrf = parseHtml(page.body).querySelector('input[name="_csrf"]')?.getAttribute('value') ?? '';
  const boundary = '----kenes-file-names';
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="title_en"\r\n\r\nReport\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return t.app.inject({
    method: 'POST',
    url: `/en/meetings/${meetingId}/documents`,
    payload,
    headers: {
      'content-type': `multipart/form-data; boundary=${boundary}`,
      cookie: staff.cookieHeader(),
    },
  });
}

// Issue 10: names of 201–255 characters were accepted at upload, but their link answered 400
// (the router refused a path parameter longer than 200 characters, counted percent-encoded).
describe('every file name the upload accepts can be downloaded by its link', () => {
  const names = {
    'Latin, 255 characters': `${'a'.repeat(251)}.pdf`,
    'Cyrillic, 255 characters (1,530 once percent-encoded)': `${'д'.repeat(251)}.pdf`,
    'outside the BMP, 255 code points (3,012 once percent-encoded)': `${'𝔸'.repeat(251)}.pdf`,
  };
  for (const [what, name] of Object.entries(names)) {
    test(what, async () => {
      assert.equal(Array.from(name).length, 255);
      const id = await newMeeting();
      const res = await upload(id, name);
      assert.equal(res.statusCode, 303, textOf(parseHtml(res.body).querySelector('.error-summary')));
      const page = parseHtml((await staff.get(`/en/meetings/${id}`)).body);
      const item = page.querySelectorAll('ul.documents li').find((li) => textOf(li).includes(name));
      const href = item?.querySelector('a')?.getAttribute('href') ?? '';
      assert.match(href, /^\/files\/\d+\//);
      assert.ok(href.length > 200);

      const file = await staff.get(href);
      assert.equal(file.statusCode, 200);
      assert.deepEqual(file.rawPayload, PDF);
      const disposition = String(file.headers['content-disposition']);
      assert.equal(decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(disposition)?.[1] ?? ''), name);
    });
  }
});
