import { runSubgraph } from '../../shared/platform/run-subgraph.js';
import { health } from './subgraph.js';

await runSubgraph(health);
