import { runSubgraph } from '../../shared/run-subgraph.js';
import { marketSupervision } from './subgraph.js';

await runSubgraph(marketSupervision);
