/**
 * npm run hive [-- --port 4100] [-- --no-dedupe]
 * Hive Gateway (gateway/hive.ts) in front of the subgraphs of a running `npm start`, beside its
 * @apollo/gateway: the same supergraph, the same tokens, http://localhost:4100/graphql by default.
 * It finds the subgraphs and the internal secret as the import and export commands do
 * (scripts/database.ts, useRunningFederation: YIYE_SUBGRAPH_URLS and YIYE_INTERNAL_SECRET, else
 * the file npm start writes). docs/routers.md says what it lacks next to our gateway.
 */
import { parseArgs } from 'node:util';
import { useRunningFederation } from './database.js';
import { startHiveGateway } from '../gateway/hive.js';
import { requireProductionSecrets } from '../shared/platform/production.js';

const { values } = parseArgs({ options: { port: { type: 'string' }, 'no-dedupe': { type: 'boolean', default: false } } });
try {
  requireProductionSecrets(['YIYE_JWT_SECRET', 'YIYE_INTERNAL_SECRET']);
} catch (e) {
  console.error(`[hive] ${(e as Error).message}`);
  process.exit(1);
}
const from = await useRunningFederation();
const subgraphUrls = JSON.parse(process.env.YIYE_SUBGRAPH_URLS!) as Record<string, string>;
const dedupe = !values['no-dedupe'] && process.env.YIYE_HIVE_DEDUPE !== 'off';
const gw = await startHiveGateway({ port: Number(values.port ?? process.env.PORT ?? 4100), subgraphUrls, dedupe });
console.log(`[hive] Hive Gateway ready at ${gw.url.replace('127.0.0.1', 'localhost')}graphql, subgraphs of ${from}, in-flight deduplication ${dedupe ? 'on' : 'off'}`);

const stop = async () => {
  await gw.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('disconnect', stop);
