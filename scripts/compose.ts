/**
 * npm run compose: builds every subgraph's SDL from its type-graphql classes (no database, no
 * server), composes the supergraph with @apollo/composition and writes supergraph.graphql.
 * The checked-in file is what the gateway (or any Federation 2 router) loads. Then the web app's
 * API schema (web/schema.graphql), the departments' operations (web/src/api/departments.graphql, from
 * subgraphs/departments.ts) and typed operations (web/src/api/generated/, scripts/web-codegen.ts).
 */
import 'reflect-metadata';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { composeSupergraph } from '../gateway/supergraph.js';
import { writeWebTypes } from './web-codegen.js';
import { writeDepartmentOperations } from './web-departments.js';

const target = fileURLToPath(new URL('../supergraph.graphql', import.meta.url));
const started = Date.now();
const sdl = await composeSupergraph();
const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
fs.writeFileSync(target, sdl);
console.log(`${before === sdl ? 'unchanged' : 'wrote'} supergraph.graphql (${sdl.length} bytes, ${Date.now() - started} ms)`);
// The departments' operations of the web app come from the registry, before codegen reads them.
if (writeDepartmentOperations()) console.log('web: wrote src/api/departments.graphql');
const changed = await writeWebTypes(sdl);
console.log(changed.length ? `web: wrote ${changed.join(', ')}` : 'web: schema.graphql and generated operation types unchanged');
