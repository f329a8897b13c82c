import { runSubgraph } from '../../shared/run-subgraph.js';
import { fireRescue } from './subgraph.js';

await runSubgraph(fireRescue);
