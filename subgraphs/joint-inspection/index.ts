import { runSubgraph } from '../../shared/platform/run-subgraph.js';
import { jointInspection } from './subgraph.js';

await runSubgraph(jointInspection);
