import type { SubgraphDefinition } from '../shared/platform/subgraph.js';
import { marketSupervision } from './market-supervision/subgraph.js';
import { publicSecurity } from './public-security/subgraph.js';
import { fireRescue } from './fire-rescue/subgraph.js';
import { jointInspection } from './joint-inspection/subgraph.js';

/** Every subgraph definition, in catalog order; for composition and tests (not for the launcher). */
export const DEFINITIONS: SubgraphDefinition<any>[] = [marketSupervision, publicSecurity, fireRescue, jointInspection];
