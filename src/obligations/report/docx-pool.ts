import { Worker } from 'node:worker_threads';
import type { Lang } from '../../core/i18n/locales.ts';
import type { CompiledReport } from './compile.ts';

/*
 * Building a DOCX of a few hundred recommendations costs the docx library one to two seconds of CPU,
 * all synchronous: on the request's thread it would stall every other request of the process. So a
 * DOCX is built on one worker thread per process, started on first use; jobs queue there in order.
 */

export interface DocxJob {
  id: number;
  kind: 'report' | 'civil-society';
  report: CompiledReport;
  shown?: CompiledReport | undefined;
  lang: Lang;
}

type Reply = { id: number; bytes?: Uint8Array; error?: string };

let worker: Worker | undefined;
let nextId = 1;
const pending = new Map<number, { resolve: (b: Buffer) => void; reject: (e: Error) => void }>();

function failAll(err: Error) {
  for (const p of pending.values()) p.reject(err);
  pending.clear();
  worker = undefined;
}

function thread(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./docx-worker.mjs', import.meta.url));
  w.on('message', (reply: Reply) => {
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.bytes) p.resolve(Buffer.from(reply.bytes.buffer, reply.bytes.byteOffset, reply.bytes.byteLength));
    else p.reject(new Error(reply.error ?? 'DOCX worker failed'));
    if (pending.size === 0) w.unref();
  });
  w.on('error', failAll);
  w.on('exit', (code) => failAll(new Error(`DOCX worker exited with code ${code}`)));
  worker = w;
  return w;
}

/** Builds a report's DOCX off the request thread. */
export function buildDocx(job: Omit<DocxJob, 'id'>): Promise<Buffer> {
  const id = nextId++;
  const w = thread();
  // Only while it has work does the worker keep the process alive.
  w.ref();
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({ ...job, id } satisfies DocxJob);
  });
}
