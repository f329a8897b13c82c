import fs from 'node:fs';
import { DEV_INTERNAL_SECRET, DEV_USER_SECRET } from './auth.js';
import { DEV_KEY_FILE } from './inspection-code.js';

/**
 * NODE_ENV=production refuses to start on development secrets (README "Deploying"): each process
 * names the variables it needs, and the first one missing or left at its development value
 * stops it with an error that names it.
 */
export type SecretVariable = 'YIYE_JWT_SECRET' | 'YIYE_INTERNAL_SECRET' | 'YIYE_CODE_PRIVATE_KEY';

export const MIN_SECRET_LENGTH = 32;

export const isProduction = (env: NodeJS.ProcessEnv = process.env) => env.NODE_ENV === 'production';

function devKeyPem(): string | undefined {
  try {
    return fs.readFileSync(DEV_KEY_FILE, 'utf8');
  } catch {
    return undefined;
  }
}

/** Why `name` is unfit for production, or undefined when it is fine. */
export function productionProblem(name: SecretVariable, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const value = env[name]?.trim();
  if (name === 'YIYE_CODE_PRIVATE_KEY') {
    if (!value) return `${name} is not set: production signs inspection codes with the office's own Ed25519 key (PKCS#8 PEM), never one generated at start`;
    if (value === devKeyPem()?.trim()) return `${name} is the development key generated into .data/inspection-code-key.pem; give the office's own key`;
    return undefined;
  }
  const dev = name === 'YIYE_JWT_SECRET' ? DEV_USER_SECRET : DEV_INTERNAL_SECRET;
  if (!value) return `${name} is not set, and the development secret is refused in production`;
  if (value === dev) return `${name} is the development secret, refused in production`;
  if (value.length < MIN_SECRET_LENGTH) return `${name} is shorter than ${MIN_SECRET_LENGTH} characters`;
  return undefined;
}

/** Throws (naming the variable) when in production any of `names` is missing or a development value. */
export function requireProductionSecrets(names: SecretVariable[], env: NodeJS.ProcessEnv = process.env): void {
  if (!isProduction(env)) return;
  const problems = names.map((n) => productionProblem(n, env)).filter((p): p is string => p !== undefined);
  if (problems.length) throw new Error(`NODE_ENV=production: ${problems.join('; ')}. See README "Deploying".`);
}
