import { fileURLToPath } from 'node:url';

/**
 * The subgraphs of the federation: name (also its folder), default port, and whether it is a
 * department (answers the department contract). The launcher, `npm run compose` and the tests
 * read this list; adding a department adds a line here.
 */
export const CATALOG = [
  { name: 'market-supervision', port: 4001, department: true },
  { name: 'public-security', port: 4002, department: true },
  { name: 'fire-rescue', port: 4003, department: true },
  { name: 'joint-inspection', port: 4010, department: false },
] as const;

export type SubgraphName = (typeof CATALOG)[number]['name'];

export const GATEWAY_PORT = 4000;

export const entryFile = (name: string) => fileURLToPath(new URL(`./${name}/index.ts`, import.meta.url));
export const definitionFile = (name: string) => new URL(`./${name}/subgraph.ts`, import.meta.url).href;
/**
 * A department's database without its GraphQL schema, for the commands (npm run import / export):
 * `<name>/database.ts` exports `database` (entities, migrations, seed, and `directory: { Target, Inspector }`).
 */
export const databaseFile = (name: string) => new URL(`./${name}/database.ts`, import.meta.url).href;

export const defaultUrl = (name: string) =>
  `http://127.0.0.1:${CATALOG.find((c) => c.name === name)!.port}/graphql`;
