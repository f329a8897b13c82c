import { startGateway } from './server.js';
import { userTokenSecret } from '../shared/platform/auth.js';
import { GATEWAY_PORT } from '../subgraphs/catalog.js';
import { requireProductionSecrets } from '../shared/platform/production.js';

const port = Number(process.env.PORT ?? GATEWAY_PORT);
try {
  requireProductionSecrets(['YIYE_JWT_SECRET', 'YIYE_INTERNAL_SECRET']);
} catch (e) {
  console.error(`[gateway] ${(e as Error).message}`);
  process.exit(1);
}
const { isDefault, secret } = userTokenSecret();
if (isDefault) {
  console.log(`[gateway] no YIYE_JWT_SECRET set: using the development secret "${secret}" (never in production)`);
}
// The launcher says where the subgraphs listen; without it, the URLs in supergraph.graphql apply.
const subgraphUrls = process.env.YIYE_SUBGRAPH_URLS ? JSON.parse(process.env.YIYE_SUBGRAPH_URLS) : undefined;
const gw = await startGateway({ port, subgraphUrls });
console.log(`[gateway] ready at ${gw.url}`);

const stop = async () => {
  await gw.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('disconnect', stop);
