/** The catalogue of mechanisms: the only surface other domains import. */
export { seedRatifications } from './demo.ts';
export { importRatifications } from './mechanisms.ts';
export { catalogue, homeStateCode, type Mechanism, mechanismByCode } from './queries.ts';
export { mechanismRoutes } from './routes.tsx';
