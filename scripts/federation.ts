import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { CATALOG, entryFile, GATEWAY_PORT } from '../subgraphs/catalog.js';
import { freePort } from './postgres.js';
import { loadOrCreateDevKeyPem } from '../shared/inspection-code.js';

/**
 * Starts the whole federation as real processes: one per subgraph, then the gateway, each on its
 * own port, talking HTTP. Used by `npm start`, the end-to-end tests and the benchmarks alike.
 */
export interface Federation {
  gatewayUrl: string;
  subgraphUrls: Record<string, string>;
  /** Same secret the processes use: tests need it to talk to a subgraph directly. */
  internalSecret: string;
  stop: () => Promise<void>;
  /** Stops one subgraph (to prove the merge notices a missing department). */
  stopSubgraph: (name: string) => Promise<void>;
  /** Process ids (tests pause a department with SIGSTOP to make it miss its timeout). */
  pids: Record<string, number>;
}

const GATEWAY_ENTRY = fileURLToPath(new URL('../gateway/index.ts', import.meta.url));

async function waitForHealth(name: string, url: string, child: ChildProcess, logTail: () => string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited: number | null = null;
  child.once('exit', (code) => (exited = code ?? -1));
  while (Date.now() < deadline) {
    if (exited !== null) throw new Error(`${name} exited (code ${exited}) before it was ready:\n${logTail()}`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.status < 500) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} was not ready within ${timeoutMs / 1000} s:\n${logTail()}`);
}

function spawnService(name: string, file: string, env: NodeJS.ProcessEnv, echo: boolean) {
  // The IPC channel makes a child notice when its launcher dies ('disconnect') and stop too.
  const child = spawn(process.execPath, ['--import', 'tsx', file], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const lines: string[] = [];
  const onData = (buf: Buffer) => {
    for (const line of buf.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      if (echo) console.log(line.startsWith('[') ? line : `[${name}] ${line}`);
    }
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return { child, logTail: () => lines.slice(-40).join('\n') };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startFederation(opts: {
  pgUrl: string;
  dbPrefix: string;
  /** Fixed well-known ports (npm start) or free ones (tests, benchmarks). */
  ports: 'default' | 'free';
  echo?: boolean;
  env?: NodeJS.ProcessEnv;
}): Promise<Federation> {
  // A fresh secret per run unless one is given; kept in this process's environment too, so that
  // the caller (tests, benchmarks) can sign requests to a subgraph as the gateway does.
  const internalSecret = (process.env.YIYE_INTERNAL_SECRET ??= randomBytes(32).toString('hex'));
  // The office's inspection-code key (shared/inspection-code.ts): given, or the development key of
  // .data, read once here so that every subgraph signs and verifies with the same one.
  const codeKey = opts.env?.YIYE_CODE_PRIVATE_KEY ?? process.env.YIYE_CODE_PRIVATE_KEY ?? loadOrCreateDevKeyPem();
  const ports: Record<string, number> = {};
  for (const c of CATALOG) ports[c.name] = opts.ports === 'default' ? c.port : await freePort();
  const gatewayPort = opts.ports === 'default' ? GATEWAY_PORT : await freePort();
  const subgraphUrls = Object.fromEntries(CATALOG.map((c) => [c.name, `http://127.0.0.1:${ports[c.name]}/graphql`]));
  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    ...opts.env,
    YIYE_PG_URL: opts.pgUrl,
    YIYE_DB_PREFIX: opts.dbPrefix,
    YIYE_INTERNAL_SECRET: internalSecret,
    YIYE_CODE_PRIVATE_KEY: codeKey,
    YIYE_SUBGRAPH_URLS: JSON.stringify(subgraphUrls),
  };
  // A fixed clock (shared/clock.ts) starts at the same real instant in every process.
  if (baseEnv.YIYE_NOW) baseEnv.YIYE_NOW_SET_AT ??= String(Date.now());
  const children = new Map<string, ChildProcess>();
  const stop = async () => {
    await Promise.all([...children.values()].map(stopChild));
  };
  try {
    await Promise.all(
      CATALOG.map(async (c) => {
        const s = spawnService(c.name, entryFile(c.name), { ...baseEnv, PORT: String(ports[c.name]) }, opts.echo ?? false);
        children.set(c.name, s.child);
        await waitForHealth(c.name, subgraphUrls[c.name].replace('/graphql', '/health'), s.child, s.logTail);
      }),
    );
    const gw = spawnService('gateway', GATEWAY_ENTRY, { ...baseEnv, PORT: String(gatewayPort) }, opts.echo ?? false);
    children.set('gateway', gw.child);
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}/`;
    await waitForHealth('gateway', `${gatewayUrl}?query=%7B__typename%7D`, gw.child, gw.logTail);
    return {
      gatewayUrl,
      subgraphUrls,
      internalSecret,
      stop,
      pids: Object.fromEntries([...children].map(([name, child]) => [name, child.pid!])),
      stopSubgraph: async (name) => {
        const child = children.get(name);
        if (child) await stopChild(child);
      },
    };
  } catch (e) {
    await stop();
    throw e;
  }
}
