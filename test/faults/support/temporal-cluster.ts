/**
 * A real multi-node Temporal cluster for fault tests, with no Docker: the Temporal server built from
 * the Go module proxy (`go install go.temporal.io/server/cmd/server@v1.29.1`, the server version of
 * the CLI the other tests use), PostgreSQL persistence and visibility on two databases of the test's
 * own (their schemas set up by `temporal-sql-tool`, `go install go.temporal.io/server/cmd/tools/sql@v1.29.1`),
 * and N server processes, each running every role (frontend, history, matching, worker), that find
 * each other through the `cluster_membership` table and ringpop on loopback ports. Each node's config
 * is the module's own `config/development-postgres12.yaml` with its databases and every port changed.
 *
 * Binaries: TEMPORAL_SERVER_PATH and TEMPORAL_SQL_TOOL_PATH, else `server` and `sql` in Go's bin
 * folder (`go env GOBIN`, else `$(go env GOPATH)/bin`); `bash .ci/run` builds them there when
 * missing. The schemas and configs come from the module source (`go mod download`, the cache the
 * build filled). PostgreSQL: TEMPORAL_CLUSTER_POSTGRES_URL, else the machine's server at
 * 127.0.0.1:5432 as `postgres` (what our build machines and CI have).
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Connection, isGrpcServiceError } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import pg from 'pg';
import { goBinDir, isExecutable } from '../../../src/services/temporal-cli';

const run = promisify(execFile);

export const TEMPORAL_SERVER_VERSION = 'v1.29.1';
export const TEMPORAL_SERVER_MODULE = 'go.temporal.io/server';
const DEFAULT_POSTGRES_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface TemporalServerBinaries {
  server: string;
  sqlTool: string;
  /** The module source: schema/postgresql/v12 and config/. */
  moduleDir: string;
}

/**
 * The server, the SQL tool and the module source; throws saying how to get whichever is missing
 * (never a silent skip: the suite must fail where it cannot run).
 */
export async function findTemporalServerBinaries(): Promise<TemporalServerBinaries> {
  const binDir = await goBinDir();
  const locate = (envName: string, binary: string, pkg: string): string => {
    const configured = process.env[envName];
    const candidate = configured || (binDir ? path.join(binDir, binary) : undefined);
    if (candidate && isExecutable(candidate)) return candidate;
    const where = configured ? `${envName}=${configured} is not an executable file` : binDir ? `no ${binary} at ${path.join(binDir, binary)} and ${envName} is not set` : `no Go toolchain to find ${binary} with, and ${envName} is not set`;
    throw new Error(`The Temporal cluster suite needs the Temporal server's \`${binary}\` binary: ${where}. Build it with\n  go install ${TEMPORAL_SERVER_MODULE}/${pkg}@${TEMPORAL_SERVER_VERSION}\n(bash .ci/run does when it is missing), or point ${envName} at one.`);
  };
  const server = locate('TEMPORAL_SERVER_PATH', 'server', 'cmd/server');
  const sqlTool = locate('TEMPORAL_SQL_TOOL_PATH', 'sql', 'cmd/tools/sql');
  let moduleDir = process.env.TEMPORAL_SERVER_MODULE_DIR;
  if (!moduleDir) {
    try {
      // Answers from the module cache that `go install` filled; fetches from the proxy otherwise.
      const { stdout } = await run('go', ['mod', 'download', '-json', `${TEMPORAL_SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`], { cwd: os.tmpdir(), maxBuffer: 16 * 1024 * 1024 });
      moduleDir = (JSON.parse(stdout) as { Dir?: string }).Dir;
    } catch (error) {
      throw new Error(`The Temporal cluster suite needs the source of ${TEMPORAL_SERVER_MODULE}@${TEMPORAL_SERVER_VERSION} (its schemas and configs): 'go mod download' failed (${(error as Error).message}); set TEMPORAL_SERVER_MODULE_DIR to it`);
    }
  }
  if (!moduleDir || !fs.existsSync(path.join(moduleDir, 'schema', 'postgresql', 'v12')) || !fs.existsSync(path.join(moduleDir, 'config', 'development-postgres12.yaml'))) {
    throw new Error(`No schema/postgresql/v12 and config/development-postgres12.yaml under ${moduleDir}: not the source of ${TEMPORAL_SERVER_MODULE}@${TEMPORAL_SERVER_VERSION}`);
  }
  return { server, sqlTool, moduleDir };
}

/** The ports of the module's development config, in the order of a node's port block. */
const TEMPLATE_PORTS = [
  7233, // frontend gRPC
  6933, // frontend membership (ringpop)
  7243, // frontend HTTP
  7234, // history gRPC
  6934, // history membership
  7235, // matching gRPC
  6935, // matching membership
  7239, // worker gRPC
  6939, // worker membership
  8000, // metrics (Prometheus)
  7936, // pprof
] as const;

/**
 * `count` consecutive free loopback ports below Linux's ephemeral range (32768 and up), so that no
 * outgoing connection and no `listen(0)` of another test file takes one of them between a node's
 * SIGKILL and its restart on the same ports.
 */
async function freePortBlock(count: number): Promise<number> {
  const [low] = fs.existsSync('/proc/sys/net/ipv4/ip_local_port_range') ? fs.readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number) : [32768];
  const ceiling = Math.min(low, 32768) - count;
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * (ceiling - 20_000));
    let free = true;
    for (let port = base; port < base + count && free; port++) free = await canListen(port);
    if (free) return base;
  }
  throw new Error(`no ${count} consecutive free ports found between 20000 and ${ceiling + count}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
  });
}

interface PostgresTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  adminUrl: string;
}

function postgresTarget(): PostgresTarget {
  const adminUrl = process.env.TEMPORAL_CLUSTER_POSTGRES_URL ?? DEFAULT_POSTGRES_URL;
  const url = new URL(adminUrl);
  return { host: url.hostname, port: Number(url.port || 5432), user: decodeURIComponent(url.username || 'postgres'), password: decodeURIComponent(url.password), adminUrl };
}

async function adminQuery(target: PostgresTarget, sql: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: target.adminUrl });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `The Temporal cluster suite keeps the cluster's databases on the PostgreSQL server of ${target.adminUrl} (TEMPORAL_CLUSTER_POSTGRES_URL, else the machine's own at 127.0.0.1:5432), which refused: ${(error as Error).message}`,
    );
  }
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The module's schema tool, as in Temporal's own admin-tools: create, set up and update one database. */
async function setUpDatabase(binaries: TemporalServerBinaries, target: PostgresTarget, database: string, schema: 'temporal' | 'visibility'): Promise<void> {
  const base = ['--plugin', 'postgres12', '--ep', target.host, '-p', String(target.port), '-u', target.user, '--pw', target.password, '--db', database];
  const versioned = path.join(binaries.moduleDir, 'schema', 'postgresql', 'v12', schema, 'versioned');
  for (const command of [['create-database'], ['setup-schema', '-v', '0.0'], ['update-schema', '-d', versioned]]) {
    try {
      await run(binaries.sqlTool, [...base, ...command], { maxBuffer: 16 * 1024 * 1024 });
    } catch (error) {
      const { stdout, stderr } = error as { stdout?: string; stderr?: string };
      throw new Error(`${binaries.sqlTool} ${[...base, ...command].join(' ')} failed: ${(error as Error).message}\n${stdout ?? ''}${stderr ?? ''}`);
    }
  }
}

export interface NodeOptions {
  historyShards: number;
  /** Connections per service and store: each of a node's four services has its own pools. */
  maxConns: number;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
}

/** The module's development-postgres12.yaml for one node: its databases, and every port moved to the node's block. */
export function nodeConfig(template: string, options: NodeOptions & { basePort: number; database: string; visibilityDatabase: string; postgres: PostgresTarget; dynamicConfigFile: string }): string {
  const used = new Set<number>();
  let config = template.replace(/\b(7233|6933|7243|7234|6934|7235|6935|7239|6939|8000|7936)\b/g, (match) => {
    const index = TEMPLATE_PORTS.indexOf(Number(match) as (typeof TEMPLATE_PORTS)[number]);
    used.add(TEMPLATE_PORTS[index]);
    return String(options.basePort + index);
  });
  const missing = TEMPLATE_PORTS.filter((port) => !used.has(port));
  if (missing.length) throw new Error(`development-postgres12.yaml no longer sets ports ${missing.join(', ')}: update temporal-cluster.ts`);
  const yamlString = (value: string) => JSON.stringify(value);
  const replacements: [RegExp, string][] = [
    [/databaseName: "temporal"/, `databaseName: ${yamlString(options.database)}`],
    [/databaseName: "temporal_visibility"/, `databaseName: ${yamlString(options.visibilityDatabase)}`],
    [/connectAddr: "127\.0\.0\.1:5432"/g, `connectAddr: ${yamlString(`${options.postgres.host}:${options.postgres.port}`)}`],
    [/user: "temporal"/g, `user: ${yamlString(options.postgres.user)}`],
    [/password: "temporal"/g, `password: ${yamlString(options.postgres.password)}`],
    [/numHistoryShards: \d+/, `numHistoryShards: ${options.historyShards}`],
    [/maxConns: 20/, `maxConns: ${options.maxConns}`],
    [/maxIdleConns: 20/, `maxIdleConns: ${options.maxConns}`],
    [/level: info/, `level: ${options.logLevel}`],
    [/rpcAddress: "localhost:/, 'rpcAddress: "127.0.0.1:'],
    [/filepath: "config\/dynamicconfig\/development-sql\.yaml"/, `filepath: ${yamlString(options.dynamicConfigFile)}`],
  ];
  for (const [pattern, replacement] of replacements) {
    if (!pattern.test(config)) throw new Error(`development-postgres12.yaml has no ${pattern}: update temporal-cluster.ts`);
    pattern.lastIndex = 0;
    config = config.replace(pattern, replacement);
  }
  return config;
}

export interface TemporalNode {
  name: string;
  /** host:port of this node's frontend. */
  frontendAddress: string;
  /** Ringpop's membership ports of this node's four services (rpc_port in cluster_membership). */
  membershipPorts: number[];
  pid(): number | undefined;
  running(): boolean;
  /** SIGKILL: the process and its connections vanish at once; nothing is flushed. */
  kill(): Promise<void>;
  /** Starts the node again on the same config, ports and databases; resolves once it serves and has joined. */
  start(): Promise<void>;
  /** SIGTERM, SIGKILL after 15 s. */
  stop(): Promise<void>;
  /** The end of its log. */
  logTail(chars?: number): string;
}

export interface TemporalCluster {
  nodes: TemporalNode[];
  namespace: string;
  database: string;
  visibilityDatabase: string;
  binaries: TemporalServerBinaries;
  /** Sessions of the cluster's databases on their PostgreSQL server right now. */
  postgresSessions(): Promise<number>;
  /** Live members of the cluster per role, from cluster_membership: heartbeat in the last `withinSeconds`. */
  liveMembers(withinSeconds?: number): Promise<Map<number, number[]>>;
  /** Stops every node, drops the databases and removes the folders. */
  dispose(): Promise<void>;
}

const running = new Set<ChildProcess>();
// A test process that ends without its afterAll (a crash, a timeout) takes its server processes along.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

/**
 * Creates the databases, sets up their schemas, starts `nodes` server processes as one cluster and
 * registers `namespace` on it; resolves once every node serves the namespace.
 */
export async function startTemporalCluster(options: { nodes: number; namespace: string } & Partial<NodeOptions>): Promise<TemporalCluster> {
  const binaries = await findTemporalServerBinaries();
  const postgres = postgresTarget();
  const runId = `${process.pid}_${randomUUID().replace(/-/g, '').slice(0, 8)}`;
  const database = `temporal_cluster_${runId}`;
  const visibilityDatabase = `temporal_cluster_${runId}_visibility`;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'crm-temporal-cluster-'));
  const nodeOptions: NodeOptions = { historyShards: options.historyShards ?? 8, maxConns: options.maxConns ?? 5, logLevel: options.logLevel ?? 'warn' };
  const nodes: (TemporalNode & { dispose(): Promise<void> })[] = [];
  const dispose = async () => {
    await Promise.all(nodes.map((node) => node.dispose()));
    for (const name of [database, visibilityDatabase]) await adminQuery(postgres, `DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`).catch(() => undefined);
    fs.rmSync(folder, { recursive: true, force: true });
  };
  try {
    await adminQuery(postgres, 'SELECT 1');
    await setUpDatabase(binaries, postgres, database, 'temporal');
    await setUpDatabase(binaries, postgres, visibilityDatabase, 'visibility');
    const template = fs.readFileSync(path.join(binaries.moduleDir, 'config', 'development-postgres12.yaml'), 'utf8');
    const dynamicTemplate = fs.readFileSync(path.join(binaries.moduleDir, 'config', 'dynamicconfig', 'development-sql.yaml'), 'utf8');
    const membership = (since: Date) => liveMembersSince(postgres, database, since);
    for (let index = 0; index < options.nodes; index++) {
      const root = path.join(folder, `node${index + 1}`);
      nodes.push(await createNode({ name: `node${index + 1}`, root, binaries, template, dynamicTemplate, postgres, database, visibilityDatabase, options: nodeOptions, membership }));
    }
    // One after the other: on fresh databases, nodes starting together race to write the cluster's
    // metadata, and the loser exits ("failed to initialize current cluster metadata"; seen here once).
    // Each joins the ring through the membership table.
    for (const node of nodes) await node.start();
    await registerNamespace(nodes, options.namespace);
  } catch (error) {
    const logs = nodes.map((node) => `--- ${node.name}:\n${node.logTail(3000)}`).join('\n');
    await dispose();
    throw nodes.length ? new Error(`${(error as Error).message}\n${logs}`) : error;
  }
  return {
    nodes,
    namespace: options.namespace,
    database,
    visibilityDatabase,
    binaries,
    async postgresSessions() {
      const result = await adminQuery(postgres, `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname IN (${pg.escapeLiteral(database)}, ${pg.escapeLiteral(visibilityDatabase)})`);
      return result.rows[0].n as number;
    },
    liveMembers: (withinSeconds = 15) => liveMembersSince(postgres, database, new Date(Date.now() - withinSeconds * 1000), 'heartbeat'),
    dispose,
  };
}

/** Membership ports per role (1 frontend, 2 history, 3 matching, 4 worker) whose session started (or last heartbeat came) after `since`. */
async function liveMembersSince(postgres: PostgresTarget, database: string, since: Date, by: 'session' | 'heartbeat' = 'session'): Promise<Map<number, number[]>> {
  const url = new URL(postgres.adminUrl);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    // Temporal writes these columns in UTC, without a time zone.
    const column = by === 'session' ? 'session_start' : 'last_heartbeat';
    const { rows } = await client.query<{ role: number; port: number }>(
      `SELECT role, rpc_port AS port FROM cluster_membership WHERE ${column} >= ($1::timestamptz AT TIME ZONE 'UTC') AND record_expiry > (now() AT TIME ZONE 'UTC') ORDER BY role, rpc_port`,
      [since.toISOString()],
    );
    const byRole = new Map<number, number[]>();
    for (const row of rows) byRole.set(row.role, [...(byRole.get(row.role) ?? []), row.port]);
    return byRole;
  } finally {
    await client.end();
  }
}

async function createNode(input: {
  name: string;
  root: string;
  binaries: TemporalServerBinaries;
  template: string;
  dynamicTemplate: string;
  postgres: PostgresTarget;
  database: string;
  visibilityDatabase: string;
  options: NodeOptions;
  membership(since: Date): Promise<Map<number, number[]>>;
}): Promise<TemporalNode & { dispose(): Promise<void> }> {
  const { name, root, binaries } = input;
  const configDir = path.join(root, 'config');
  fs.mkdirSync(path.join(configDir, 'dynamicconfig'), { recursive: true });
  const logFile = path.join(root, 'server.log');
  let basePort = 0;
  let child: ChildProcess | undefined;
  let exited: string | undefined;

  const writeConfig = async () => {
    basePort = await freePortBlock(TEMPLATE_PORTS.length);
    const dynamicConfigFile = path.join(configDir, 'dynamicconfig', 'development-sql.yaml');
    // The Nexus callback template names the frontend's HTTP port too.
    fs.writeFileSync(dynamicConfigFile, input.dynamicTemplate.replace(/localhost:7243/g, `127.0.0.1:${basePort + 2}`));
    fs.writeFileSync(path.join(configDir, 'development.yaml'), nodeConfig(input.template, { ...input.options, basePort, database: input.database, visibilityDatabase: input.visibilityDatabase, postgres: input.postgres, dynamicConfigFile }));
  };

  const spawnServer = () => {
    const log = fs.openSync(logFile, 'a');
    exited = undefined;
    const started = spawn(binaries.server, ['--root', root, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'], { cwd: root, stdio: ['ignore', log, log] });
    fs.closeSync(log);
    running.add(started);
    started.once('exit', (code, signal) => {
      running.delete(started);
      exited = `exited with ${signal ?? code}`;
    });
    started.once('error', (error) => {
      exited = `could not be run: ${error.message}`;
    });
    child = started;
  };

  const logTail = (chars = 4000) => {
    try {
      const text = fs.readFileSync(logFile, 'utf8');
      return text.slice(-chars);
    } catch {
      return '';
    }
  };

  const frontendAddress = () => `127.0.0.1:${basePort}`;
  const membershipPorts = () => [1, 4, 6, 8].map((offset) => basePort + offset);

  /** Serving: the frontend answers, and each of the node's four services has joined the ring since `since`. */
  const waitServing = async (since: Date, timeoutMs = 90_000) => {
    const deadline = Date.now() + timeoutMs;
    let lastProblem = 'not started';
    for (;;) {
      if (exited) throw new Error(`Temporal ${name} ${exited} while starting:\n${logTail()}`);
      try {
        const connection = await Connection.connect({ address: frontendAddress(), connectTimeout: 1000 });
        try {
          await connection.workflowService.getSystemInfo({}, );
        } finally {
          await connection.close();
        }
        const members = await input.membership(since);
        const joined = membershipPorts().filter((port) => [...members.values()].some((ports) => ports.includes(port)));
        if (joined.length === 4) return;
        lastProblem = `${joined.length} of its 4 services in cluster_membership`;
      } catch (error) {
        lastProblem = (error as Error).message;
      }
      if (Date.now() > deadline) throw new Error(`Temporal ${name} not serving after ${timeoutMs} ms (${lastProblem}):\n${logTail()}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  };

  const end = async (signal: 'SIGTERM' | 'SIGKILL') => {
    const current = child;
    if (!current || current.exitCode !== null || current.signalCode !== null) return;
    const gone = new Promise((resolve) => current.once('exit', resolve));
    current.kill(signal);
    const timer = setTimeout(() => current.kill('SIGKILL'), 15_000);
    await gone;
    clearTimeout(timer);
  };

  let firstStart = true;
  return {
    name,
    get frontendAddress() {
      return frontendAddress();
    },
    get membershipPorts() {
      return membershipPorts();
    },
    pid: () => child?.pid,
    running: () => Boolean(child && child.exitCode === null && child.signalCode === null),
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
    async start() {
      // The first start may lose a port to another process between the probe and the bind: it is
      // tried again on another block. A restart keeps its ports (below the ephemeral range, nobody takes them).
      for (let attempt = 1; ; attempt++) {
        if (firstStart) await writeConfig();
        const since = new Date(Date.now() - 1000);
        spawnServer();
        try {
          await waitServing(since);
          firstStart = false;
          return;
        } catch (error) {
          await end('SIGKILL');
          if (!firstStart || attempt >= 3 || !/address already in use/i.test(logTail())) throw error;
        }
      }
    },
    logTail,
    async dispose() {
      await end('SIGTERM');
    },
  };
}

/** Registers the namespace and waits until every node serves it (each node's namespace cache refreshes on its own). */
async function registerNamespace(nodes: TemporalNode[], namespace: string): Promise<void> {
  const connection = await Connection.connect({ address: nodes[0].frontendAddress });
  try {
    await connection.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('3 days') });
  } catch (error) {
    if (!(isGrpcServiceError(error) && error.code === 6)) throw error; // ALREADY_EXISTS
  } finally {
    await connection.close();
  }
  await Promise.all(
    nodes.map((node) =>
      eventuallyOn(node.frontendAddress, `namespace ${namespace} on ${node.name}`, async (each) => {
        await each.workflowService.describeNamespace({ namespace });
        await each.workflowService.listWorkflowExecutions({ namespace, pageSize: 1 });
      }),
    ),
  );
}

/** Runs `probe` against the frontend at `address` until it passes (60 s). */
export async function eventuallyOn(address: string, what: string, probe: (connection: Connection) => Promise<unknown>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const connection = await Connection.connect({ address });
  try {
    for (;;) {
      try {
        await probe(connection);
        return;
      } catch (error) {
        if (Date.now() > deadline) throw new Error(`${what}: ${(error as Error).message}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  } finally {
    await connection.close();
  }
}
