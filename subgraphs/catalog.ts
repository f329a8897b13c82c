import { fileURLToPath } from 'node:url';
import type { SubgraphDefinition } from '../shared/platform/subgraph.js';
import { DEPARTMENT_MANIFESTS } from './departments.js';

/** The double-random office's service: the one subgraph that is not a department. */
export const JOINT_INSPECTION = { name: 'joint-inspection', port: 4010, department: false } as const;

/**
 * The subgraphs of the federation: name (also its folder), default port, and whether it is a
 * department (answers the department contract). The launcher, `npm run compose` and the tests
 * read this list; it is derived from the departments' manifests (subgraphs/departments.ts).
 */
export const CATALOG: readonly { name: string; port: number; department: boolean }[] = [
  ...DEPARTMENT_MANIFESTS.map((d) => ({ name: d.code, port: d.port, department: true })),
  JOINT_INSPECTION,
];

export const GATEWAY_PORT = 4000;

export const entryFile = (name: string) => fileURLToPath(new URL(`./${name}/index.ts`, import.meta.url));
export const definitionFile = (name: string) => new URL(`./${name}/subgraph.ts`, import.meta.url).href;
/**
 * A department's database without its GraphQL schema, for the commands (npm run import / export):
 * `<name>/database.ts` exports `database` (entities, migrations, seed, and `directory: { Target, Inspector }`).
 */
export const databaseFile = (name: string) => new URL(`./${name}/database.ts`, import.meta.url).href;

export const defaultPort = (name: string) => {
  const entry = CATALOG.find((c) => c.name === name);
  if (!entry) throw new Error(`no subgraph "${name}" in subgraphs/catalog.ts`);
  return entry.port;
};

export const defaultUrl = (name: string) => `http://127.0.0.1:${defaultPort(name)}/graphql`;

/** A subgraph's definition, the export of `<name>/subgraph.ts` whose `name` is the subgraph's. */
export async function loadDefinition(name: string): Promise<SubgraphDefinition<any>> {
  const mod = (await import(definitionFile(name))) as Record<string, unknown>;
  const def = Object.values(mod).find((v) => (v as SubgraphDefinition<any> | undefined)?.name === name);
  if (!def) throw new Error(`subgraphs/${name}/subgraph.ts exports no definition named "${name}"`);
  return def as SubgraphDefinition<any>;
}

/** Every subgraph definition, in catalog order; for composition and tests (the launcher starts processes instead). */
export const loadDefinitions = (): Promise<SubgraphDefinition<any>[]> => Promise.all(CATALOG.map((c) => loadDefinition(c.name)));
