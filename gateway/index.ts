import { startGateway } from './server.js';
import { userTokenSecret } from '../shared/auth.js';
import { GATEWAY_PORT, subgraphUrls } from '../subgraphs/catalog.js';

const port = Number(process.env.PORT ?? GATEWAY_PORT);
const { isDefault, secret } = userTokenSecret();
if (isDefault) {
  console.log(`[gateway] no YIYE_JWT_SECRET set: using the development secret "${secret}" (never in production)`);
}
const gw = await startGateway({ port, subgraphUrls: subgraphUrls() });
console.log(`[gateway] ready at ${gw.url}`);

const stop = async () => {
  await gw.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
process.on('disconnect', stop);
