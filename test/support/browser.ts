/// <reference lib="dom" />
/**
 * What every browser test needs: Debian's chromium through playwright-core (no browser
 * download), axe-core on the page as it is, a screenshot per page in test-output/screenshots/
 * (ignored by git), and a tab signed in with a token as the development sign-in page does.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
/** Root needs --no-sandbox; the rest keeps chromium off this machine's closed network. */
const ARGS = ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
export const SHOTS = path.resolve('test-output', 'screenshots');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The suite's gateway, where the web app is served, without the trailing slash. */
export const webBase = () => inject('gatewayUrl').replace(/\/$/, '');

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium is missing (${CHROMIUM}): the browser tests need Debian's chromium package. Install it with: apt-get install -y chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** axe-core on the page as it is: no serious or critical violation; then a full-page screenshot `name`.png. */
export async function audit(page: Page, name: string) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run: (ctx: Document) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const r = await axe.run(document);
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
  expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), name).toEqual([]);
}

/** Signs the tab in with a token, where the development sign-in page keeps it. */
export async function signInWithToken(page: Page, jwt: string) {
  await page.goto(`${webBase()}/`);
  await page.evaluate((t) => sessionStorage.setItem('yiye.token', t), jwt);
}
