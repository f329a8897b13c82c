import { parse } from 'graphql';
import { composeServices } from '@apollo/composition';
import { buildSubgraph } from '../shared/subgraph.js';
import { DEFINITIONS } from '../subgraphs/definitions.js';
import { defaultUrl } from '../subgraphs/catalog.js';

/** Composes the supergraph from the subgraphs' own classes. Throws with composition's own words. */
export async function composeSupergraph(): Promise<string> {
  const services = [];
  for (const def of DEFINITIONS) {
    const { sdl } = await buildSubgraph(def);
    services.push({ name: def.name, url: defaultUrl(def.name), typeDefs: parse(sdl) });
  }
  const result = composeServices(services);
  if (result.errors?.length) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl!;
}
