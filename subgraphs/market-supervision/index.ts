import { runSubgraph } from '../../shared/platform/run-subgraph.js';
import { marketSupervision } from './subgraph.js';

await runSubgraph(marketSupervision);
