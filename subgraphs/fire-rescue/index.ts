import { runSubgraph } from '../../shared/platform/run-subgraph.js';
import { fireRescue } from './subgraph.js';

await runSubgraph(fireRescue);
