import { parse } from 'graphql';
import { printSchema, Supergraph } from '@apollo/federation-internals';
import { composeServices } from '@apollo/composition';
import { buildSubgraph } from '../shared/platform/subgraph.js';
import { defaultUrl, loadDefinitions } from '../subgraphs/catalog.js';

/** Composes the supergraph from the subgraphs' own classes. Throws with composition's own words. */
export async function composeSupergraph(): Promise<string> {
  const services = [];
  for (const def of await loadDefinitions()) {
    const { sdl } = await buildSubgraph(def);
    services.push({ name: def.name, url: defaultUrl(def.name), typeDefs: parse(sdl) });
  }
  const result = composeServices(services);
  if (result.errors?.length) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl!;
}

/**
 * The API schema of a supergraph: what clients see (join/link machinery and @inaccessible
 * fields removed). web/schema.graphql holds it for the web app's typed operations.
 */
export function apiSchemaOf(supergraphSdl: string): string {
  return printSchema(Supergraph.build(supergraphSdl).apiSchema());
}
