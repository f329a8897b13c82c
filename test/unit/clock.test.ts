import { afterEach, describe, expect, it, vi } from 'vitest';

/** shared/platform/clock.ts reads its variables when it loads: each case loads a fresh copy. */
const saved = { YIYE_NOW: process.env.YIYE_NOW, YIYE_NOW_SET_AT: process.env.YIYE_NOW_SET_AT, NODE_ENV: process.env.NODE_ENV };

async function clockWith(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  vi.resetModules();
  return import('../../shared/platform/clock.js');
}

afterEach(() => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  vi.resetModules();
});

describe('the domain clock', () => {
  it('reads YIYE_NOW at the real instant YIYE_NOW_SET_AT and runs on from there', async () => {
    const setAt = Date.now() - 90_000; // set a minute and a half ago
    const clock = await clockWith({ YIYE_NOW: '2031-02-28T23:59:00+08:00', YIYE_NOW_SET_AT: String(setAt), NODE_ENV: 'test' });
    const before = Date.now();
    const elapsed = clock.nowMs() - Date.parse('2031-02-28T23:59:00+08:00');
    const after = Date.now();
    // Exactly the real time since YIYE_NOW_SET_AT.
    expect(elapsed).toBeGreaterThanOrEqual(before - setAt);
    expect(elapsed).toBeLessThanOrEqual(after - setAt);
    // 23:59 + 1.5 min in the county is the next day.
    expect(clock.today()).toBe('2031-03-01');
    expect(clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse('2031-03-01T00:00:30+08:00'));
  });

  it('a date alone means 09:00 county time on that day', async () => {
    const setAt = Date.now();
    const clock = await clockWith({ YIYE_NOW: '2027-01-04', YIYE_NOW_SET_AT: String(setAt), NODE_ENV: 'test' });
    expect(clock.today()).toBe('2027-01-04');
    const before = Date.now();
    const elapsed = clock.nowMs() - Date.parse('2027-01-04T09:00:00+08:00');
    const after = Date.now();
    expect(elapsed).toBeGreaterThanOrEqual(before - setAt);
    expect(elapsed).toBeLessThanOrEqual(after - setAt);
  });

  it('without YIYE_NOW it is real time', async () => {
    const clock = await clockWith({ YIYE_NOW: undefined, YIYE_NOW_SET_AT: undefined });
    const before = Date.now();
    const t = clock.nowMs();
    expect(t).toBeGreaterThanOrEqual(before);
    expect(t).toBeLessThanOrEqual(Date.now());
  });

  it('refuses to load with YIYE_NOW in production, and refuses a value that is not a date', async () => {
    await expect(clockWith({ YIYE_NOW: '2027-01-04', NODE_ENV: 'production' })).rejects.toThrow(/YIYE_NOW is set, but NODE_ENV=production/);
    await expect(clockWith({ YIYE_NOW: 'next tuesday', NODE_ENV: 'test' })).rejects.toThrow(/YIYE_NOW "next tuesday" is not an ISO date/);
  });
});
