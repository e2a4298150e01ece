import { parentPort } from 'node:worker_threads';
import { i18nFor, registerMessages } from '../../core/i18n/i18n.ts';
import { obligationsMessages } from '../messages/index.ts';
import { civilSocietyDocx, reportDocx } from './docx.ts';
import type { DocxJob } from './docx-pool.ts';

// A worker is a fresh module graph: the domain's texts are registered here as src/domains.ts does in the app.
registerMessages(obligationsMessages);

/** Builds the DOCX a job asks for and sends back its bytes (transferred, not copied). */
parentPort?.on('message', async (job: DocxJob) => {
  try {
    const i18n = i18nFor(job.lang);
    const buffer =
      job.kind === 'report'
        ? await reportDocx(job.report, i18n)
        : await civilSocietyDocx(job.report, job.shown ?? job.report, i18n);
    // A copy of its own: the Buffer may share a pooled ArrayBuffer, which must not be transferred.
    const bytes = new Uint8Array(buffer);
    parentPort?.postMessage({ id: job.id, bytes }, [bytes.buffer as ArrayBuffer]);
  } catch (err) {
    parentPort?.postMessage({ id: job.id, error: err instanceof Error ? err.message : String(err) });
  }
});
