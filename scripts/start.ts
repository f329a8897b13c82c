/**
 * npm start: PostgreSQL (embedded, data in .data/pg, or DATABASE_URL), every subgraph, the
 * gateway. A subgraph or the gateway that dies is started again (scripts/federation.ts,
 * Supervision: 0.5 s, then doubling up to 30 s while it keeps dying). Ctrl-C stops all of it,
 * PostgreSQL included.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './postgres.js';
import { startFederation } from './federation.js';
import { removeFederationFile, writeFederationFile } from './database.js';
import { gatewayCall, publishAnnualPlansWith } from './annual-plans.js';
import { chinaToday } from '../shared/platform/inspection-code.js';
import { ensureWebBuild } from './web-build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const started = Date.now();
// The web app served at / (gateway/static.ts): built here when web/ changed since the last build.
try {
  await ensureWebBuild();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}
const pg = await startPostgres({ dataDir: path.join(root, '.data', 'pg'), port: Number(process.env.YIYE_PG_PORT ?? 54329) });
let stopping = false;
const shutdown = async (fed?: { stop: () => Promise<void> }) => {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping…');
  removeFederationFile();
  await fed?.stop();
  await pg.stop();
  console.log('stopped: gateway, subgraphs and PostgreSQL');
  process.exit(0);
};
let fed;
try {
  fed = await startFederation({ pgUrl: pg.url, dbPrefix: process.env.YIYE_DB_PREFIX ?? 'yiye', ports: 'default', echo: true, supervise: {} });
} catch (e) {
  console.error((e as Error).message);
  await pg.stop();
  process.exit(1);
}
// The commands (npm run import -- targets …) ask the running subgraphs as a service: where they are.
writeFederationFile({ pid: process.pid, subgraphUrls: fed.subgraphUrls, internalSecret: fed.internalSecret });
process.on('SIGINT', () => shutdown(fed));
process.on('SIGTERM', () => shutdown(fed));
// Demo data: this year's annual plans, published, so that tasks can be drawn right away (an
// existing plan is left as it is). YIYE_DEMO_ANNUAL_PLANS=off leaves planning to you.
const year = Number(chinaToday().slice(0, 4));
if (process.env.YIYE_DEMO_ANNUAL_PLANS !== 'off') {
  await publishAnnualPlansWith(gatewayCall(`${fed.gatewayUrl}graphql`), year).then(
    () => console.log(`demo: the ${year} annual plans of every department and of the office are published`),
    (e: Error) => console.error(`demo: could not publish the ${year} annual plans: ${e.message}`),
  );
}
console.log(`
Yiye is running (${((Date.now() - started) / 1000).toFixed(1)} s):
  web app     ${fed.gatewayUrl.replace('127.0.0.1', 'localhost')}  (public portal; development sign-in at /sign-in)
  gateway     ${fed.gatewayUrl.replace('127.0.0.1', 'localhost')}graphql  (Apollo Sandbox in a browser)
  subgraphs   ${Object.entries(fed.subgraphUrls).map(([n, u]) => `${n} ${u}`).join('\n              ')}
  PostgreSQL  ${pg.embedded ? 'embedded, data in .data/pg' : 'DATABASE_URL'} (${pg.url.replace(/:[^:@/]+@/, ':***@')})
  a token     npm run token -- --role coordinator --department double-random-office
Ctrl-C stops everything.`);
