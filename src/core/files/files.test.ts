import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import v8 from 'node:v8';
import vm from 'node:vm';
import { crc32, deflateRawSync, deflateSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { createTestDatabase, type TestDatabase } from '../../testing/database.ts';
import {
  CHUNK_BYTES,
  contentDisposition,
  MAX_UPLOAD_BYTES,
  registerUploads,
  safeFilename,
  sendStoredFile,
  storeFile,
} from './files.ts';

// Memory is measured after a full collection, so that garbage not yet collected is not counted.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// ---- Real files, built by hand ----

/** A valid PDF with one page; `padding` bytes of binary data go in an unused stream object. */
function pdf(padding = 0): Buffer {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let length = parts[0]?.length ?? 0;
  const add = (b: Buffer) => {
    parts.push(b);
    length += b.length;
  };
  const content = '0 0 m 200 200 l S\n';
  const objects: Buffer[] = [
    Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'),
    Buffer.from('<< /Type /Pages /Kids [3 0 R] /Count 1 >>'),
    Buffer.from('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>'),
    Buffer.from(`<< /Length ${content.length} >>\nstream\n${content}endstream`),
  ];
  if (padding > 0) {
    objects.push(
      Buffer.concat([
        Buffer.from(`<< /Length ${padding} >>\nstream\n`),
        randomBytes(padding),
        Buffer.from('\nendstream'),
      ]),
    );
  }
  objects.forEach((body, i) => {
    offsets.push(length);
    add(Buffer.concat([Buffer.from(`${i + 1} 0 obj\n`), body, Buffer.from('\nendobj\n')]));
  });
  const xref = length;
  const entries = offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  add(
    Buffer.from(
      `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${entries}` +
        `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`,
    ),
  );
  return Buffer.concat(parts);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([head, typed, crc]);
}

/** A valid 1×1 red RGBA PNG. */
function png(): Buffer {
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0, 255]))),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A ZIP archive (deflated entries unless `stored`), with central directory. */
function zip(entries: { name: string; data: Buffer | string; stored?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const data = Buffer.isBuffer(e.data) ? e.data : Buffer.from(e.data, 'utf8');
    const name = Buffer.from(e.name, 'utf8');
    const body = e.stored ? data : deflateRawSync(data);
    const method = e.stored ? 0 : 8;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // names in UTF-8
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const RELS = 'application/vnd.openxmlformats-package.relationships+xml';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function contentTypes(overrides: Record<string, string>): string {
  const o = Object.entries(overrides)
    .map(([part, type]) => `<Override PartName="${part}" ContentType="${type}"/>`)
    .join('');
  return (
    `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="${RELS}"/><Default Extension="xml" ContentType="application/xml"/>` +
    `<Default Extension="png" ContentType="image/png"/>${o}</Types>`
  );
}

const rootRels = (target: string) =>
  `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
  `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="${target}"/></Relationships>`;

/** A minimal Word document; `libreOffice` puts [Content_Types].xml last, behind a large image. */
function docx(opts: { libreOffice?: boolean; imageBytes?: number } = {}): Buffer {
  const types = {
    name: '[Content_Types].xml',
    data: contentTypes({ '/word/document.xml': `${DOCX}.main+xml` }),
  };
  const rest = [
    { name: '_rels/.rels', data: rootRels('word/document.xml') },
    {
      name: 'word/document.xml',
      data:
        `${XML}<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">` +
        '<w:body><w:p><w:r><w:t>Кеңес отырысының баяндамасы</w:t></w:r></w:p></w:body></w:document>',
    },
    ...(opts.imageBytes ? [{ name: 'word/media/image1.png', data: randomBytes(opts.imageBytes), stored: true }] : []),
  ];
  return zip(opts.libreOffice ? [...rest, types] : [types, ...rest]);
}

/** A minimal Excel workbook with one sheet. */
function xlsx(): Buffer {
  return zip([
    {
      name: '[Content_Types].xml',
      data: contentTypes({
        '/xl/workbook.xml': `${XLSX}.main+xml`,
        '/xl/worksheets/sheet1.xml': 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
      }),
    },
    { name: '_rels/.rels', data: rootRels('xl/workbook.xml') },
    {
      name: 'xl/workbook.xml',
      data:
        `${XML}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${REL}">` +
        '<sheets><sheet name="Тапсырмалар" sheetId="1" r:id="rId1"/></sheets></workbook>',
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data:
        `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
        `<Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data:
        `${XML}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>` +
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Мерзімі</t></is></c></row></sheetData></worksheet>',
    },
  ]);
}

// ---- Multipart requests, streamed ----

type Content = Buffer | (() => AsyncIterable<Buffer>);
const PIECE = 64 * 1024;

function* pieces(bytes: Buffer): Generator<Buffer> {
  for (let i = 0; i < bytes.length; i += PIECE) yield bytes.subarray(i, i + PIECE);
}

/** A multipart/form-data body as a stream: a text field, then the file, never assembled whole. */
function multipart(filename: string, contentType: string, content: Content) {
  const boundary = `----kenes${randomBytes(8).toString('hex')}`;
  // Browsers escape these in the header the same way (HTML's multipart/form-data encoding).
  const name = filename.replace(/"/g, '%22').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="title"\r\n\r\nБаяндама\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\n` +
      `Content-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  let finished!: () => void;
  const drained = new Promise<void>((resolve) => {
    finished = resolve;
  });
  async function* body() {
    yield head;
    // In pieces as a network delivers them, so that the server cannot see a whole file at once.
    yield* Buffer.isBuffer(content) ? pieces(content) : content();
    yield tail;
    finished();
  }
  return {
    payload: Readable.from(body(), { objectMode: false }),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    /** Resolves once the server has read the whole body. */
    drained,
  };
}

let d: TestDatabase;
let app: FastifyInstance;

before(async () => {
  d = await createTestDatabase();
  app = Fastify();
  await registerUploads(app);
  app.post('/upload', async (req, reply) => {
    const part = await req.file();
    if (!part) return reply.code(422).send({ ok: false, problem: 'no_file' });
    const result = await d.db.transaction().execute((trx) => storeFile(trx, part, null));
    // How much of the file the parser passed on (it stops at the size limit).
    return reply.code(result.ok ? 201 : 422).send({ ...result, bytesRead: part.file.bytesRead });
  });
  app.get<{ Params: { id: string }; Querystring: { download?: string } }>('/files/:id', async (req, reply) =>
    sendStoredFile(reply, d.db, req.params.id, { download: req.query.download !== '0' }),
  );
  await app.ready();
});
after(async () => {
  await app.close();
  await d.drop();
});

type UploadReply = {
  ok: boolean;
  problem?: string;
  file?: { id: string; filename: string; contentType: string; size: number; sha256: string };
  bytesRead: number;
};

async function upload(filename: string, contentType: string, content: Content) {
  const body = multipart(filename, contentType, content);
  const res = await app.inject({ method: 'POST', url: '/upload', payload: body.payload, headers: body.headers });
  return { res, json: res.json() as UploadReply, drained: body.drained };
}

async function counts() {
  const files = await d.db
    .selectFrom('files')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  const chunks = await d.db
    .selectFrom('file_chunks')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return { files: Number(files.n), chunks: Number(chunks.n) };
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Memory after a full collection; V8 frees ArrayBuffer memory on a background thread, hence the pause. */
async function settledMemory() {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return process.memoryUsage();
}

/** Uploads, expects a refusal for `problem`, and checks that nothing was written and the body was read to its end. */
async function expectRefused(filename: string, contentType: string, content: Content, problem: string) {
  const before = await counts();
  const { res, json, drained } = await upload(filename, contentType, content);
  assert.equal(res.statusCode, 422, res.body);
  assert.equal(json.problem, problem);
  await withTimeout(drained, 10_000, 'request body drained');
  assert.deepEqual(await counts(), before, 'nothing written');
  return json;
}

async function download(id: string, query = '') {
  return app.inject({ method: 'GET', url: `/files/${id}${query}` });
}

describe('upload and download', { concurrency: false }, () => {
  const cases: [string, string, string, () => Buffer][] = [
    ['PDF', 'protocol.pdf', 'application/pdf', () => pdf()],
    ['PNG', 'photo.png', 'image/png', png],
    ['DOCX', 'report.docx', DOCX, () => docx()],
    ['XLSX', 'tasks.xlsx', XLSX, xlsx],
  ];
  for (const [label, filename, contentType, make] of cases) {
    test(`${label} is recognised by its content and downloads byte for byte`, async () => {
      const bytes = make();
      // The browser's content-type is deliberately wrong: only the content counts.
      const { res, json } = await upload(filename, 'application/octet-stream', bytes);
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(json.file?.contentType, contentType);
      assert.equal(json.file?.filename, filename);
      assert.equal(json.file?.size, bytes.length);
      const id = json.file?.id ?? '';

      const got = await download(id);
      assert.equal(got.statusCode, 200);
      assert.ok(got.rawPayload.equals(bytes), 'identical bytes');
      assert.equal(got.headers['content-type'], contentType);
      assert.equal(got.headers['content-length'], String(bytes.length));
      assert.equal(got.headers.etag, `"${json.file?.sha256}"`);
      assert.equal(got.headers['x-content-type-options'], 'nosniff');
      assert.match(String(got.headers['content-security-policy']), /(^|; )sandbox($|;)/);
      assert.match(String(got.headers['content-security-policy']), /default-src 'none'/);
      assert.equal(
        got.headers['content-disposition'],
        `attachment; filename="${filename}"; filename*=UTF-8''${filename}`,
      );

      // Inline only for what a browser shows by itself; Office documents are always downloaded.
      const shown = await download(id, '?download=0');
      const inline = label === 'PDF' || label === 'PNG';
      assert.match(String(shown.headers['content-disposition']), inline ? /^inline; / : /^attachment; /);
    });
  }

  test('a DOCX written LibreOffice-style ([Content_Types].xml last, after a 5 MiB image) is still a DOCX', async () => {
    const bytes = docx({ libreOffice: true, imageBytes: 5 * 1024 * 1024 });
    const { res, json } = await upload('data.zip', 'application/zip', bytes);
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(json.file?.contentType, DOCX);
    // The name's extension contradicted the content: the right one is added.
    assert.equal(json.file?.filename, 'data.zip.docx');
    const got = await download(json.file?.id ?? '');
    assert.ok(got.rawPayload.equals(bytes));
  });

  test('a 3.5 MB file is stored in 4 chunks, fetched one query each, and downloads identically', async () => {
    const bytes = pdf(3.5 * 1024 * 1024 - pdf().length + 200);
    const { res, json } = await upload('big.pdf', 'application/pdf', bytes);
    assert.equal(res.statusCode, 201, res.body);
    const id = json.file?.id ?? '';
    const stored = await d.db
      .selectFrom('file_chunks')
      .select(['seq', (eb) => eb.fn<number>('length', ['data']).as('length')])
      .where('file_id', '=', id)
      .orderBy('seq')
      .execute();
    assert.deepEqual(
      stored.map((c) => c.seq),
      [0, 1, 2, 3],
    );
    assert.deepEqual(
      stored.slice(0, 3).map((c) => c.length),
      [CHUNK_BYTES, CHUNK_BYTES, CHUNK_BYTES],
    );

    const queriesBefore = d.queries.length;
    const got = await download(id);
    assert.equal(got.statusCode, 200);
    assert.ok(got.rawPayload.equals(bytes), 'identical bytes');
    const chunkQueries = d.queries.slice(queriesBefore).filter((q) => q.includes('"file_chunks"'));
    // One per chunk, plus the one that finds no more.
    assert.equal(chunkQueries.length, 5);
    assert.ok(chunkQueries.every((q) => /limit \$\d+/.test(q)));
  });

  test('a non-ASCII name downloads with an RFC 6266 / 5987 Content-Disposition', async () => {
    const name = '«Баяндама» 2026 (жоба).pdf';
    const { json } = await upload(name, 'application/pdf', pdf());
    assert.equal(json.file?.filename, name);
    const got = await download(json.file?.id ?? '');
    const header = String(got.headers['content-disposition']);
    const m = /^attachment; filename="([\x20-\x7e]*)"; filename\*=UTF-8''([A-Za-z0-9!#$&+\-.^_`|~%]+)$/.exec(header);
    assert.ok(m, header);
    assert.equal(decodeURIComponent(m[2] ?? ''), name);
    assert.ok(m[1]?.endsWith('.pdf'));
  });

  test('ETag revalidation answers 304 and HEAD the headers, without the body; unknown ids are 404', async () => {
    const { json } = await upload('p.png', 'image/png', png());
    const id = json.file?.id ?? '';
    const again = await app.inject({ url: `/files/${id}`, headers: { 'if-none-match': `"${json.file?.sha256}"` } });
    assert.equal(again.statusCode, 304);
    assert.equal(again.rawPayload.length, 0);
    const queriesBefore = d.queries.length;
    const head = await app.inject({ method: 'HEAD', url: `/files/${id}` });
    assert.equal(d.queries.slice(queriesBefore).filter((q) => q.includes('"file_chunks"')).length, 0);
    assert.equal(head.statusCode, 200);
    assert.equal(head.headers['content-length'], String(png().length));
    assert.equal(head.rawPayload.length, 0);
    for (const bad of ['999999', 'abc', '1.5', '99999999999999999999', '0']) {
      assert.equal((await download(bad)).statusCode, 404, bad);
    }
  });
});

describe('refusals write nothing', { concurrency: false }, () => {
  test('a text file named report.pdf sent as application/pdf is not a PDF', async () => {
    await expectRefused(
      'report.pdf',
      'application/pdf',
      Buffer.from('Not a PDF at all, just text.\n'),
      'type_not_allowed',
    );
  });

  test('an EXE is refused from its first bytes, without waiting for the rest', async () => {
    const exe = Buffer.alloc(3 * 1024 * 1024, 0x90);
    exe.write('MZ', 0, 'latin1');
    exe.writeUInt32LE(0x80, 0x3c);
    exe.write('PE\0\0', 0x80, 'latin1');
    let open!: () => void;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const before = await counts();
    const body = multipart('setup.pdf', 'application/pdf', async function* () {
      yield exe.subarray(0, 128 * 1024);
      // The rest only comes after the answer: a refusal that needed it would never arrive.
      await gate;
      yield* pieces(exe.subarray(128 * 1024));
    });
    const res = await withTimeout(
      app.inject({ method: 'POST', url: '/upload', payload: body.payload, headers: body.headers }),
      5_000,
      'answer before the rest of the file',
    );
    assert.equal(res.statusCode, 422, res.body);
    assert.equal((res.json() as UploadReply).problem, 'type_not_allowed');
    open();
    await withTimeout(body.drained, 10_000, 'request body drained');
    assert.deepEqual(await counts(), before);
  });

  test('a ZIP that is not OOXML is refused, small or beyond the first chunk', async () => {
    const small = zip([{ name: 'readme.txt', data: 'hello' }]);
    await expectRefused('archive.docx', DOCX, small, 'type_not_allowed');
    const large = zip([
      { name: 'word/notes.txt', data: 'a word/ folder alone does not make a DOCX' },
      { name: 'data.bin', data: randomBytes(2 * 1024 * 1024), stored: true },
    ]);
    await expectRefused('archive.docx', DOCX, large, 'type_not_allowed');
  });

  test('an empty file is refused', async () => {
    await expectRefused('empty.pdf', 'application/pdf', Buffer.alloc(0), 'empty');
  });

  test('a 25 MB upload is refused as too large, streamed through without holding it', async (t) => {
    const total = 25 * 1000 * 1000;
    const base = await settledMemory();
    let peakArrayBuffers = 0;
    let peakRss = 0;
    const json = await expectRefused(
      'huge.pdf',
      'application/pdf',
      async function* () {
        const header = pdf();
        yield header;
        let n = 0;
        for (let sent = header.length; sent < total; sent += PIECE) {
          if (n++ % 16 === 0) {
            gc();
            const m = process.memoryUsage();
            peakArrayBuffers = Math.max(peakArrayBuffers, m.arrayBuffers - base.arrayBuffers);
            peakRss = Math.max(peakRss, m.rss - base.rss);
          }
          yield randomBytes(Math.min(PIECE, total - sent));
        }
      },
      'too_large',
    );
    // The parser stops passing data on at the limit.
    assert.equal(json.bytesRead, MAX_UPLOAD_BYTES);
    const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
    t.diagnostic(
      `memory growth during the 25 MB upload: arrayBuffers ${mb(peakArrayBuffers)} MiB, rss ${mb(peakRss)} MiB`,
    );
    // Holding the upload whole would show at least the 20 MiB read before the limit.
    assert.ok(peakArrayBuffers < 10 * 1024 * 1024, `arrayBuffers grew by ${mb(peakArrayBuffers)} MiB`);
  });

  test('inside one transaction, a refusal leaves it usable and the next upload is stored', async () => {
    const before = await counts();
    const stored = await d.db.transaction().execute(async (trx) => {
      const notOoxml = zip([{ name: 'x.bin', data: randomBytes(1.5 * 1024 * 1024), stored: true }]);
      const zipStream = Readable.from(pieces(notOoxml), { objectMode: false });
      const refused = await storeFile(trx, { filename: 'x.docx', file: zipStream }, null);
      assert.deepEqual(refused, { ok: false, problem: 'type_not_allowed' });
      return storeFile(trx, { filename: 'ok.png', file: Readable.from(pieces(png()), { objectMode: false }) }, null);
    });
    assert.equal(stored.ok, true);
    assert.deepEqual(await counts(), { files: before.files + 1, chunks: before.chunks + 1 });
  });
});

describe('failures', () => {
  test('an upload cut off mid-way throws and, even outside a transaction, leaves nothing behind', async () => {
    const before = await counts();
    const bytes = pdf(3 * 1024 * 1024);
    const source = Readable.from(
      (async function* () {
        yield* pieces(bytes.subarray(0, 2 * 1024 * 1024 + 1000));
        throw new Error('connection reset');
      })(),
      { objectMode: false },
    );
    await assert.rejects(storeFile(d.db, { filename: 'cut.pdf', file: source }, null), /connection reset/);
    assert.deepEqual(await counts(), before);
  });
});

describe('names', () => {
  test('paths, control and bidi characters go; Unicode stays; the extension follows the content', () => {
    assert.equal(safeFilename('..\\..\\windows\\Хаттама №3.pdf', 'application/pdf'), 'Хаттама №3.pdf');
    assert.equal(safeFilename('/etc/a\u0000b\r\nc.PDF', 'application/pdf'), 'abc.PDF');
    assert.equal(safeFilename('фото\u202Efdp.exe', 'image/jpeg'), 'фотоfdp.exe.jpg');
    assert.equal(safeFilename('photo.jpeg', 'image/jpeg'), 'photo.jpeg');
    assert.equal(safeFilename('report.pdf', 'image/png'), 'report.pdf.png');
    assert.equal(safeFilename('', 'application/pdf'), 'file.pdf');
    assert.equal(safeFilename('...', DOCX), 'file.docx');
    assert.equal(safeFilename('.bashrc', 'image/gif'), 'bashrc.gif');
  });

  test('at most 255 characters, the extension kept and no surrogate pair split', () => {
    const long = safeFilename(`${'ж'.repeat(300)}.xlsx`, XLSX);
    assert.equal(Array.from(long).length, 255);
    assert.ok(long.endsWith('ж.xlsx'));
    const emoji = safeFilename(`${'😀'.repeat(300)}.pdf`, 'application/pdf');
    assert.equal(Array.from(emoji).length, 255);
    assert.doesNotMatch(emoji, /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });

  test('Content-Disposition escapes what RFC 5987 does not allow', () => {
    assert.equal(
      contentDisposition('inline', `a "b" (c)'*%.pdf`),
      `inline; filename="a _b_ (c)'*_.pdf"; filename*=UTF-8''a%20%22b%22%20%28c%29%27%2A%25.pdf`,
    );
  });
});
