import { runSubgraph } from '../../shared/platform/run-subgraph.js';
import { publicSecurity } from './subgraph.js';

await runSubgraph(publicSecurity);
