import { describe, expect, it } from 'vitest';
import { DEV_INTERNAL_SECRET, DEV_USER_SECRET } from '../../shared/platform/auth.js';
import { generateCodeKeyPem } from '../../shared/platform/inspection-code.js';
import { requireProductionSecrets } from '../../shared/platform/production.js';

const ALL = ['YIYE_JWT_SECRET', 'YIYE_INTERNAL_SECRET', 'YIYE_CODE_PRIVATE_KEY'] as const;
const good = { YIYE_JWT_SECRET: 'j'.repeat(32), YIYE_INTERNAL_SECRET: 'i'.repeat(32), YIYE_CODE_PRIVATE_KEY: generateCodeKeyPem() };
const refusal = (env: NodeJS.ProcessEnv) => {
  try {
    requireProductionSecrets([...ALL], env);
    return 'started';
  } catch (e) {
    return (e as Error).message;
  }
};

describe('NODE_ENV=production refuses development secrets, naming the variable', () => {
  it('starts with the three given', () => {
    expect(refusal({ NODE_ENV: 'production', ...good })).toBe('started');
  });

  it('refuses each one missing, left at its development value, or too short', () => {
    const production = { NODE_ENV: 'production', ...good };
    expect(refusal({ ...production, YIYE_JWT_SECRET: undefined })).toMatch(/^NODE_ENV=production: YIYE_JWT_SECRET is not set/);
    expect(refusal({ ...production, YIYE_JWT_SECRET: DEV_USER_SECRET })).toMatch(/YIYE_JWT_SECRET is the development secret/);
    expect(refusal({ ...production, YIYE_JWT_SECRET: 'short' })).toMatch(/YIYE_JWT_SECRET is shorter than 32 characters/);
    expect(refusal({ ...production, YIYE_INTERNAL_SECRET: DEV_INTERNAL_SECRET })).toMatch(/YIYE_INTERNAL_SECRET is the development secret/);
    expect(refusal({ ...production, YIYE_CODE_PRIVATE_KEY: '' })).toMatch(/YIYE_CODE_PRIVATE_KEY is not set/);
  });

  it('outside production the development values are fine', () => {
    expect(refusal({ NODE_ENV: 'development' })).toBe('started');
    expect(refusal({})).toBe('started');
  });
});
