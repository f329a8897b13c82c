/**
 * The web app's typed GraphQL operations: the API schema (what clients see of the supergraph) is
 * written to web/schema.graphql, and @graphql-codegen's client preset generates the types of the
 * operations in web/src/api/*.graphql into web/src/api/generated/. `npm run compose` writes both;
 * test/unit/web-codegen.test.ts fails when either is stale.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate } from '@graphql-codegen/cli';
import { apiSchemaOf } from '../gateway/supergraph.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const WEB_SCHEMA_FILE = path.join(ROOT, 'web', 'schema.graphql');
export const GENERATED_DIR = path.join(ROOT, 'web', 'src', 'api', 'generated');

export const webApiSchema = (supergraphSdl: string) => apiSchemaOf(supergraphSdl);

/** The generated files (absolute path → content) for the API schema in `schemaFile`. */
export async function generateWebTypes(schemaFile = WEB_SCHEMA_FILE): Promise<Map<string, string>> {
  const files = (await generate(
    {
      cwd: ROOT,
      schema: schemaFile,
      documents: ['web/src/api/*.graphql'],
      silent: true,
      generates: {
        'web/src/api/generated/': {
          preset: 'client',
          presetConfig: { fragmentMasking: false, gqlTagName: 'graphql' },
          config: { scalars: { Date: 'string', DateTime: 'string', DateTimeISO: 'string' }, enumsAsTypes: true, useTypeImports: true, avoidOptionals: { field: true, inputValue: false }, skipTypename: true },
        },
      },
    },
    false,
  )) as { filename: string; content: string }[];
  return new Map(files.map((f) => [path.resolve(ROOT, f.filename), f.content]));
}

/** Writes web/schema.graphql and the generated files; returns what changed. */
export async function writeWebTypes(supergraphSdl: string): Promise<string[]> {
  const changed: string[] = [];
  const write = (file: string, content: string) => {
    if (fs.existsSync(file) && fs.readFileSync(file, 'utf8') === content) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
    changed.push(path.relative(ROOT, file));
  };
  write(WEB_SCHEMA_FILE, webApiSchema(supergraphSdl));
  const generated = await generateWebTypes();
  for (const old of fs.existsSync(GENERATED_DIR) ? fs.readdirSync(GENERATED_DIR) : []) {
    const file = path.join(GENERATED_DIR, old);
    if (!generated.has(file)) {
      fs.rmSync(file);
      changed.push(`${path.relative(ROOT, file)} (removed)`);
    }
  }
  for (const [file, content] of generated) write(file, content);
  return changed;
}
