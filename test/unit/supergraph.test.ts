import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from '../../gateway/supergraph.js';
import { SUPERGRAPH_FILE } from '../../gateway/server.js';

describe('the checked-in supergraph', () => {
  it('is what the subgraphs compose to today (run `npm run compose` after changing a schema)', async () => {
    const fresh = await composeSupergraph();
    const checkedIn = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
    expect(checkedIn === fresh, 'supergraph.graphql is stale: run `npm run compose` and commit it').toBe(true);
  });

  it('is plain Federation 2 (join/link specs only), so other routers can load it', () => {
    const sdl = fs.readFileSync(SUPERGRAPH_FILE, 'utf8');
    const specs = [...sdl.matchAll(/@link\(url: "([^"]+)"/g)].map((m) => m[1]);
    expect(specs).toEqual(['https://specs.apollo.dev/link/v1.0', 'https://specs.apollo.dev/join/v0.4', 'https://specs.apollo.dev/inaccessible/v0.2']);
  });
});
