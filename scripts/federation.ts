import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { CATALOG, entryFile, GATEWAY_PORT } from '../subgraphs/catalog.js';
import { freePort } from './postgres.js';
import { loadOrCreateDevKeyPem } from '../shared/platform/inspection-code.js';
import { requireProductionSecrets } from '../shared/platform/production.js';
import { publicBaseUrl } from '../shared/platform/public-url.js';

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
  /** Stops one subgraph (to prove the merge notices a missing department); not restarted. */
  stopSubgraph: (name: string) => Promise<void>;
  /** Current process id of each subgraph and of the gateway (kept up to date across restarts). */
  pids: Record<string, number>;
  /** Every restart the supervisor made, oldest first (empty without supervision). */
  restarts: Restart[];
}

/**
 * A process that dies on its own (crash, OOM, kill -9) is started again on the same port after
 * a delay that doubles with each restart in a row (initialDelayMs, 2×, 4×… up to maxDelayMs), so
 * that a process that cannot start does not spin. A process that stayed up for stableAfterMs
 * starts again from initialDelayMs. Only exits: a paused (SIGSTOP) or slow process is left alone.
 */
export interface Supervision {
  initialDelayMs?: number;
  maxDelayMs?: number;
  stableAfterMs?: number;
  log?: (message: string) => void;
}

export interface Restart {
  name: string;
  oldPid: number;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  exitedAt: number;
  delayMs: number;
  /** Set once the new process answers its health check. */
  newPid?: number;
  readyAt?: number;
}

/** initialDelayMs × 2^(restarts in a row − 1), capped. */
export function restartDelay(restartsInARow: number, initialDelayMs: number, maxDelayMs: number): number {
  return Math.min(maxDelayMs, initialDelayMs * 2 ** Math.max(0, restartsInARow - 1));
}

const GATEWAY_ENTRY = fileURLToPath(new URL('../gateway/index.ts', import.meta.url));
const HIVE_ENTRY = fileURLToPath(new URL('./hive.ts', import.meta.url));

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

function spawnService(name: string, file: string, env: NodeJS.ProcessEnv, echo: boolean | ((service: string, line: string) => void)) {
  // The IPC channel makes a child notice when its launcher dies ('disconnect') and stop too.
  const child = spawn(process.execPath, ['--import', 'tsx', file], { env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
  const lines: string[] = [];
  const onData = (buf: Buffer) => {
    for (const line of buf.toString('utf8').split('\n')) {
      if (!line) continue;
      lines.push(line);
      if (lines.length > 200) lines.shift();
      if (typeof echo === 'function') echo(name, line);
      else if (echo) console.log(line.startsWith('[') ? line : `[${name}] ${line}`);
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
  /** Print the processes' output (npm start), or hand each line to a function (the chaos run counts them). */
  echo?: boolean | ((service: string, line: string) => void);
  env?: NodeJS.ProcessEnv;
  /** Restart processes that die (npm start, the tests, the chaos run). */
  supervise?: Supervision;
}): Promise<Federation> {
  // A fresh secret per run unless one is given; kept in this process's environment too, so that
  // the caller (tests, benchmarks) can sign requests to a subgraph as the gateway does.
  // In production the launcher generates nothing but this per-start secret: the user-token
  // secret and the code key must be given (shared/platform/production.ts).
  requireProductionSecrets(['YIYE_JWT_SECRET', 'YIYE_CODE_PRIVATE_KEY'], { ...process.env, ...opts.env });
  publicBaseUrl({ ...process.env, ...opts.env }); // a wrong YIYE_PUBLIC_URL stops the start here, with the reason
  const internalSecret = (process.env.YIYE_INTERNAL_SECRET ??= randomBytes(32).toString('hex'));
  // The office's inspection-code key (shared/platform/inspection-code.ts): given, or the development key of
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
  // A fixed clock (shared/platform/clock.ts) starts at the same real instant in every process.
  if (baseEnv.YIYE_NOW) baseEnv.YIYE_NOW_SET_AT ??= String(Date.now());
  const children = new Map<string, ChildProcess>();
  const pids: Record<string, number> = {};
  const restarts: Restart[] = [];
  const pendingRestarts = new Set<NodeJS.Timeout>();
  const stoppedOnPurpose = new Set<ChildProcess>();
  const inARow = new Map<string, number>();
  let stopping = false;
  let supervising = false;
  const gatewayUrl = `http://127.0.0.1:${gatewayPort}/`;
  const services = [
    ...CATALOG.map((c) => ({ name: c.name as string, file: entryFile(c.name), port: ports[c.name], health: subgraphUrls[c.name].replace('/graphql', '/health') })),
    { name: 'gateway', file: GATEWAY_ENTRY, port: gatewayPort, health: `${gatewayUrl}?query=%7B__typename%7D` },
  ];
  const sup = opts.supervise;
  const log = sup?.log ?? ((m: string) => console.log(m));

  const launch = (service: (typeof services)[number]) => {
    const s = spawnService(service.name, service.file, { ...baseEnv, PORT: String(service.port) }, opts.echo ?? false);
    const startedAt = Date.now();
    children.set(service.name, s.child);
    pids[service.name] = s.child.pid!;
    s.child.once('exit', (code, signal) => {
      if (!sup || !supervising || stopping || stoppedOnPurpose.has(s.child) || children.get(service.name) !== s.child) return;
      const row = Date.now() - startedAt >= (sup.stableAfterMs ?? 60_000) ? 1 : (inARow.get(service.name) ?? 0) + 1;
      inARow.set(service.name, row);
      const delayMs = restartDelay(row, sup.initialDelayMs ?? 500, sup.maxDelayMs ?? 30_000);
      const restart: Restart = { name: service.name, oldPid: s.child.pid!, exitCode: code, signal, exitedAt: Date.now(), delayMs };
      restarts.push(restart);
      log(`[supervisor] ${service.name} (pid ${s.child.pid}) exited with ${signal ? `signal ${signal}` : `code ${code}`}; restarting in ${(delayMs / 1000).toFixed(1)} s (restart ${row} in a row)`);
      const timer = setTimeout(() => {
        pendingRestarts.delete(timer);
        if (stopping) return;
        const next = launch(service);
        waitForHealth(service.name, service.health, next.child, next.logTail).then(
          () => {
            restart.newPid = next.child.pid;
            restart.readyAt = Date.now();
            log(`[supervisor] ${service.name} is back (pid ${next.child.pid}), ${((restart.readyAt - restart.exitedAt) / 1000).toFixed(1)} s after it exited`);
          },
          // It died again while starting: its own exit handler schedules the next, longer wait.
          (e: Error) => log(`[supervisor] ${service.name} did not come back: ${e.message.split('\n')[0]}`),
        );
      }, delayMs);
      pendingRestarts.add(timer);
    });
    return s;
  };
  const stop = async () => {
    stopping = true;
    for (const t of pendingRestarts) clearTimeout(t);
    pendingRestarts.clear();
    await Promise.all([...children.values()].map(stopChild));
  };
  try {
    await Promise.all(
      services
        .filter((s) => s.name !== 'gateway')
        .map(async (service) => {
          const s = launch(service);
          await waitForHealth(service.name, service.health, s.child, s.logTail);
        }),
    );
    const gw = launch(services.find((s) => s.name === 'gateway')!);
    await waitForHealth('gateway', `${gatewayUrl}?query=%7B__typename%7D`, gw.child, gw.logTail);
    supervising = true;
    return {
      gatewayUrl,
      subgraphUrls,
      internalSecret,
      stop,
      pids,
      restarts,
      stopSubgraph: async (name) => {
        const child = children.get(name);
        if (!child) return;
        stoppedOnPurpose.add(child);
        await stopChild(child);
      },
    };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Hive Gateway (gateway/hive.ts, scripts/hive.ts) as its own process in front of running
 * subgraphs, on a free port: the second router of the test and the benchmark. Not supervised.
 */
export async function startHiveProcess(opts: { subgraphUrls: Record<string, string>; internalSecret: string; dedupe: boolean }): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    YIYE_SUBGRAPH_URLS: JSON.stringify(opts.subgraphUrls),
    YIYE_INTERNAL_SECRET: opts.internalSecret,
    YIYE_HIVE_DEDUPE: opts.dedupe ? 'on' : 'off',
  };
  const s = spawnService('hive', HIVE_ENTRY, env, false);
  const url = `http://127.0.0.1:${port}/`;
  try {
    await waitForHealth('hive', `${url}graphql?query=%7B__typename%7D`, s.child, s.logTail);
  } catch (e) {
    await stopChild(s.child);
    throw e;
  }
  return { url, pid: s.child.pid!, stop: () => stopChild(s.child) };
}
