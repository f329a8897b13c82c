import { runSubgraph } from '../../shared/run-subgraph.js';
import { publicSecurity } from './subgraph.js';

await runSubgraph(publicSecurity);
