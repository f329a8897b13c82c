import fs from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { startPostgres } from './postgres.js';

/**
 * The PostgreSQL server a command (npm run import / export) works on: the same one the subgraphs
 * use, found the same way as npm start finds it.
 *
 *  1. `YIYE_PG_URL` or `DATABASE_URL` when set (the subgraphs' own variables);
 *  2. otherwise the embedded server of `.data/pg`: when npm start is running, the port written in
 *     its postmaster.pid (user postgres, password yiye, 127.0.0.1, default port 54329 /
 *     YIYE_PG_PORT); when it is not, the command starts it on `.data/pg` for its own duration.
 *
 * The database is then `<YIYE_DB_PREFIX or yiye>_<subgraph>`, as for the subgraph itself.
 */
export interface CommandServer {
  url: string;
  describe: string;
  stop: () => Promise<void>;
}

const root = fileURLToPath(new URL('..', import.meta.url));
export const EMBEDDED_DATA_DIR = path.join(root, '.data', 'pg');
const embeddedUrl = (port: number) => `postgres://postgres:yiye@127.0.0.1:${port}/postgres`;

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.setTimeout(1000);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function commandServer(log: (m: string) => void = (m) => console.error(m)): Promise<CommandServer> {
  const explicit = process.env.YIYE_PG_URL ?? process.env.DATABASE_URL;
  if (explicit) return { url: explicit, describe: explicit.replace(/:[^:@/]+@/, ':***@'), stop: async () => {} };

  const pidFile = path.join(EMBEDDED_DATA_DIR, 'postmaster.pid');
  if (fs.existsSync(pidFile)) {
    const lines = fs.readFileSync(pidFile, 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (pid && isAlive(pid)) {
      if (port && (await answers(port))) {
        return { url: embeddedUrl(port), describe: `embedded PostgreSQL of .data/pg (running, port ${port})`, stop: async () => {} };
      }
      throw new Error(`the embedded PostgreSQL of .data/pg is running (pid ${pid}) but does not answer on port ${port}; wait for npm start to finish starting, or stop it`);
    }
  }
  if (!fs.existsSync(path.join(EMBEDDED_DATA_DIR, 'PG_VERSION'))) {
    log('note: no .data/pg yet; creating it (npm start will use it and will not load the demo county over an imported register)');
  }
  const pg = await startPostgres({ dataDir: EMBEDDED_DATA_DIR, port: Number(process.env.YIYE_PG_PORT ?? 54329), log });
  return { url: pg.url, describe: 'embedded PostgreSQL of .data/pg (started for this command)', stop: () => pg.stop() };
}

/**
 * Where the running federation is, for a command that must ask another subgraph (a department's
 * target import asks market supervision's register; an inspector import asks every other
 * department about certificate numbers). It calls them directly, as a service, the way the
 * subgraphs call each other (shared/platform/service-client.ts), so it needs their URLs and the internal
 * secret:
 *
 *  1. `YIYE_SUBGRAPH_URLS` (JSON, name → URL) and `YIYE_INTERNAL_SECRET` when both are set;
 *  2. otherwise `.data/federation.json`, which `npm start` writes while it runs (mode 0600, removed
 *     when it stops);
 *  3. otherwise the catalog's default ports and YIYE_INTERNAL_SECRET if set (a federation started
 *     with a fixed secret).
 *
 * Sets both variables in this process and says where they came from.
 */
export const FEDERATION_FILE = path.join(root, '.data', 'federation.json');

export interface FederationFile {
  pid: number;
  subgraphUrls: Record<string, string>;
  internalSecret: string;
}

export async function useRunningFederation(): Promise<string> {
  if (process.env.YIYE_SUBGRAPH_URLS && process.env.YIYE_INTERNAL_SECRET) return 'YIYE_SUBGRAPH_URLS';
  if (fs.existsSync(FEDERATION_FILE)) {
    const running = JSON.parse(fs.readFileSync(FEDERATION_FILE, 'utf8')) as FederationFile;
    if (running.pid && isAlive(running.pid)) {
      process.env.YIYE_SUBGRAPH_URLS = JSON.stringify(running.subgraphUrls);
      process.env.YIYE_INTERNAL_SECRET = running.internalSecret;
      return `the federation of npm start (pid ${running.pid})`;
    }
  }
  const { CATALOG, defaultUrl } = await import('../subgraphs/catalog.js');
  process.env.YIYE_SUBGRAPH_URLS ??= JSON.stringify(Object.fromEntries(CATALOG.map((c) => [c.name, defaultUrl(c.name)])));
  return 'the default ports (no npm start found: set YIYE_SUBGRAPH_URLS and YIYE_INTERNAL_SECRET to name a federation)';
}

/** npm start: tells the commands where the federation is (see useRunningFederation). */
export function writeFederationFile(running: FederationFile): void {
  fs.mkdirSync(path.dirname(FEDERATION_FILE), { recursive: true });
  fs.writeFileSync(FEDERATION_FILE, JSON.stringify(running, null, 2), { mode: 0o600 });
}

export function removeFederationFile(): void {
  fs.rmSync(FEDERATION_FILE, { force: true });
}
