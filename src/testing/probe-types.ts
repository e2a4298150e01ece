/*
 * What the visibility probes of the domains (test-visibility-probes.ts in meetings and proposals) take of the test's HTTP
 * client: its answers and a reader's GET by their shape, so a probe imports nothing of the test support.
 */

/** What a probe needs of an answer (Fastify's injected response). */
export interface Answer {
  statusCode: number;
  body: string;
  rawPayload: Buffer;
  json(): unknown;
}

/** A reader's GET (with their session, if any). */
export type Get = (url: string) => Promise<Answer>;
