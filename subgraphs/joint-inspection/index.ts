import { runSubgraph } from '../../shared/run-subgraph.js';
import { jointInspection } from './subgraph.js';

await runSubgraph(jointInspection);
