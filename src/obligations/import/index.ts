/** The import of recommendations: what other parts of Kenes (the app, the command line) use. */
export { importCommand } from './cli.ts';
export { importRoutes } from './routes.tsx';
