import { createCipheriv, createDecipheriv, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';

/*
 * The backup file (decision 0020):
 *
 *   "KENES-BACKUP 1\n"  one line of JSON (the envelope: compression, and the key derivation if encrypted)  "\n"
 *   payload: gzip of a sequence of frames; encrypted, AES-256-GCM of that gzip, the 16-byte tag at the very end.
 *
 * A frame is [u32 length][JSON header], then, when the header says `chunked`, chunks [u32 length][bytes]
 * ending with an empty one (a table's COPY output, whose length is not known in advance).
 */

export const MAGIC = 'KENES-BACKUP 1\n';

/** Thrown for a file that is not a Kenes backup, is damaged, or whose passphrase is wrong: the message says which. */
export class BackupError extends Error {
  override name = 'BackupError';
}

interface Envelope {
  compression: 'gzip';
  encryption?: {
    cipher: 'aes-256-gcm';
    kdf: 'scrypt';
    N: number;
    r: number;
    p: number;
    salt: string;
    iv: string;
    check: string;
  };
}

const SCRYPT = { N: 2 ** 15, r: 8, p: 1 };
const TAG_BYTES = 16;

async function deriveKeys(
  passphrase: string,
  salt: Buffer,
  params: typeof SCRYPT,
): Promise<{ key: Buffer; check: Buffer }> {
  const out = await new Promise<Buffer>((resolve, reject) =>
    scrypt(passphrase, salt, 64, { ...params, maxmem: 256 * params.N * params.r }, (err, key) =>
      err ? reject(err) : resolve(key),
    ),
  );
  // The first half encrypts; the second is stored, so that a wrong passphrase is told apart from a
  // damaged file before anything is restored (GCM's tag is only checked at the end of the stream).
  return { key: out.subarray(0, 32), check: out.subarray(32) };
}

/** A writable frame sink over a file: compressed, and encrypted when a passphrase is given. */
export class BackupWriter {
  private readonly gzip = createGzip({ level: 6 });
  private readonly done: Promise<void>;

  private constructor(out: fs.WriteStream, envelope: Envelope, cipherKey: Buffer | undefined, iv: Buffer | undefined) {
    out.write(MAGIC);
    out.write(`${JSON.stringify(envelope)}\n`);
    if (cipherKey && iv) {
      const cipher = createCipheriv('aes-256-gcm', cipherKey, iv);
      this.done = (async () => {
        await pipeline(this.gzip, cipher, out, { end: false });
        await new Promise<void>((resolve, reject) => out.end(cipher.getAuthTag(), () => resolve()).on('error', reject));
      })();
    } else {
      this.done = pipeline(this.gzip, out);
    }
    this.done.catch(() => {});
  }

  /** Opens `file` for writing (it must not exist: a backup never overwrites another). */
  static async create(file: string, passphrase: string | undefined): Promise<BackupWriter> {
    const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    await new Promise<void>((resolve, reject) => out.once('open', () => resolve()).once('error', reject));
    if (passphrase === undefined) return new BackupWriter(out, { compression: 'gzip' }, undefined, undefined);
    const salt = randomBytes(16);
    const iv = randomBytes(12);
    const { key, check } = await deriveKeys(passphrase, salt, SCRYPT);
    const envelope: Envelope = {
      compression: 'gzip',
      encryption: {
        cipher: 'aes-256-gcm',
        kdf: 'scrypt',
        ...SCRYPT,
        salt: salt.toString('base64'),
        iv: iv.toString('base64'),
        check: check.toString('base64'),
      },
    };
    return new BackupWriter(out, envelope, key, iv);
  }

  private write(buf: Buffer): Promise<void> | undefined {
    if (this.gzip.write(buf)) return undefined;
    return new Promise((resolve) => this.gzip.once('drain', resolve));
  }

  /** One frame with a JSON header and, optionally, whole content. */
  async frame(header: object, content?: Buffer): Promise<void> {
    const json = Buffer.from(JSON.stringify(content ? { ...header, chunked: true } : header));
    await this.write(u32(json.length));
    await this.write(json);
    if (content) {
      if (content.length) await this.chunk(content);
      await this.write(u32(0));
    }
  }

  /** A frame whose content comes from a stream, in chunks (a table's COPY). */
  async streamFrame(header: object, source: AsyncIterable<Buffer>): Promise<void> {
    const json = Buffer.from(JSON.stringify({ ...header, chunked: true }));
    await this.write(u32(json.length));
    await this.write(json);
    for await (const buf of source) if (buf.length) await this.chunk(buf);
    await this.write(u32(0));
  }

  private async chunk(buf: Buffer) {
    await this.write(u32(buf.length));
    await this.write(buf);
  }

  /** Ends the file (flushes, and appends GCM's tag when encrypted). */
  async close(): Promise<void> {
    this.gzip.end();
    await this.done;
  }
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

/** Reads exactly the bytes asked for from an async stream of buffers. */
class ExactReader {
  private buffered: Buffer[] = [];
  private size = 0;
  private readonly source: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer>) {
    this.source = source[Symbol.asyncIterator]();
  }

  /** `n` bytes, or undefined at a clean end of the stream (nothing read). */
  async read(n: number): Promise<Buffer | undefined> {
    while (this.size < n) {
      let next: IteratorResult<Buffer>;
      try {
        next = await this.source.next();
      } catch (err) {
        throw new BackupError(`The backup file is damaged or was altered (${(err as Error).message}).`);
      }
      if (next.done) {
        if (this.size === 0) return undefined;
        throw new BackupError('The backup file ends in the middle of a record: it is incomplete or damaged.');
      }
      this.buffered.push(next.value);
      this.size += next.value.length;
    }
    const all = this.buffered.length === 1 ? (this.buffered[0] as Buffer) : Buffer.concat(this.buffered);
    this.buffered = all.length > n ? [all.subarray(n)] : [];
    this.size = all.length - n;
    return all.subarray(0, n);
  }

  async need(n: number): Promise<Buffer> {
    const b = await this.read(n);
    if (!b) throw new BackupError('The backup file ends too early: it is incomplete or damaged.');
    return b;
  }
}

export interface Frame {
  header: Record<string, unknown> & { type: string };
  /** The content's chunks, for a chunked frame; must be consumed before the next frame is read. */
  chunks: AsyncIterable<Buffer> | undefined;
}

/** A backup file opened for reading: the envelope checked, the passphrase (if any) verified. */
export class BackupReader {
  private constructor(
    private readonly reader: ExactReader,
    private readonly finished: Promise<void>,
  ) {}

  /** Whether `file` is encrypted (to ask for a passphrase before opening it). */
  static async isEncrypted(file: string): Promise<boolean> {
    return (await readEnvelope(file)).envelope.encryption !== undefined;
  }

  static async open(file: string, passphrase: string | undefined): Promise<BackupReader> {
    const { envelope, offset } = await readEnvelope(file);
    const size = fs.statSync(file).size;
    let end = size - 1;
    const gunzip = createGunzip();
    let finished: Promise<void>;
    const enc = envelope.encryption;
    if (enc) {
      if (passphrase === undefined) {
        throw new BackupError(
          'The backup is encrypted: give its passphrase in BACKUP_PASSPHRASE (or --passphrase-file).',
        );
      }
      const { key, check } = await deriveKeys(passphrase, Buffer.from(enc.salt, 'base64'), {
        N: enc.N,
        r: enc.r,
        p: enc.p,
      });
      const stored = Buffer.from(enc.check, 'base64');
      if (stored.length !== check.length || !timingSafeEqual(stored, check)) {
        throw new BackupError('Wrong passphrase: this backup was encrypted with another one. Nothing was restored.');
      }
      if (size - offset < TAG_BYTES) throw new BackupError('The backup file is truncated.');
      const tag = Buffer.alloc(TAG_BYTES);
      const fd = fs.openSync(file, 'r');
      try {
        fs.readSync(fd, tag, 0, TAG_BYTES, size - TAG_BYTES);
      } finally {
        fs.closeSync(fd);
      }
      end = size - TAG_BYTES - 1;
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(enc.iv, 'base64'));
      decipher.setAuthTag(tag);
      finished = pipeline(fs.createReadStream(file, { start: offset, end }), decipher, gunzip).catch((err) => {
        throw new BackupError(`The backup file is damaged or was altered (${(err as Error).message}).`);
      });
      // The frames are read from gunzip while the pipeline runs.
    } else {
      finished = pipeline(fs.createReadStream(file, { start: offset, end }), gunzip).catch((err) => {
        throw new BackupError(`The backup file is damaged (${(err as Error).message}).`);
      });
    }
    finished.catch(() => {});
    return new BackupReader(new ExactReader(gunzip), finished);
  }

  /**
   * Why the file cannot be trusted, read through to its end; undefined when it is intact. A restore
   * asks when PostgreSQL refused its rows: damaged bytes pass through gunzip and the cipher before
   * the checksum and the tag at the end can tell, so PostgreSQL may be first to notice.
   */
  static async damage(file: string, passphrase: string | undefined): Promise<BackupError | undefined> {
    try {
      const reader = await BackupReader.open(file, passphrase);
      for (let f = await reader.next(); f; f = await reader.next()) {
        if (f.chunks) for await (const _ of f.chunks);
      }
      await reader.verified();
      return undefined;
    } catch (err) {
      return err instanceof BackupError
        ? err
        : new BackupError(`The backup file is damaged (${(err as Error).message}).`);
    }
  }

  /** The next frame, or undefined after the last. */
  async next(): Promise<Frame | undefined> {
    const len = await this.reader.read(4);
    if (!len) return undefined;
    const json = await this.reader.need(len.readUInt32BE());
    let header: Frame['header'];
    try {
      header = JSON.parse(json.toString('utf8'));
    } catch {
      throw new BackupError('The backup file is damaged (a record header is not JSON).');
    }
    if (!header.chunked) return { header, chunks: undefined };
    const reader = this.reader;
    return {
      header,
      chunks: (async function* () {
        for (;;) {
          const n = (await reader.need(4)).readUInt32BE();
          if (n === 0) return;
          yield await reader.need(n);
        }
      })(),
    };
  }

  /** Resolves once the whole file was read and (when encrypted) its tag verified; rejects otherwise. */
  async verified(): Promise<void> {
    let extra: Buffer | undefined;
    try {
      extra = await this.reader.read(1);
    } catch (err) {
      await this.finished; // its error says why (a wrong tag: altered), if it has one
      throw err;
    }
    if (extra) throw new BackupError('The backup file has data after its end record.');
    await this.finished;
  }
}

async function readEnvelope(file: string): Promise<{ envelope: Envelope; offset: number }> {
  const fd = fs.openSync(file, 'r');
  try {
    const head = Buffer.alloc(4096);
    const n = fs.readSync(fd, head, 0, head.length, 0);
    const text = head.subarray(0, n).toString('latin1');
    if (!text.startsWith(MAGIC)) throw new BackupError(`${file} is not a Kenes backup.`);
    const eol = text.indexOf('\n', MAGIC.length);
    if (eol < 0) throw new BackupError(`${file} is not a Kenes backup (no envelope).`);
    let envelope: Envelope;
    try {
      envelope = JSON.parse(text.slice(MAGIC.length, eol));
    } catch {
      throw new BackupError(`${file} is damaged (its envelope is not JSON).`);
    }
    if (envelope.compression !== 'gzip') throw new BackupError(`${file}: unknown compression.`);
    return { envelope, offset: eol + 1 };
  } finally {
    fs.closeSync(fd);
  }
}
