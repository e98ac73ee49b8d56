// The compiled command line run as an operator would: `node packages/server/dist/main.js <command>`
// in a clean environment (no DATABASE_URL, key or data folder of the test run), with a data folder and,
// for PostgreSQL, a database of its own that the test creates and drops.
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';

export const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
export const MAIN = path.join(REPO_ROOT, 'packages/server/dist/main.js');

const temporaryDirs: string[] = [];
export function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'binhan-cli-'));
  temporaryDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of temporaryDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The environment of the test run without anything that would point the CLI at another database or key. */
export function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name === 'DATABASE_URL' || name === 'TEST_DATABASE_URL' || name.startsWith('BINHAN_') || name === 'LOG_LEVEL' || name === 'PORT') continue;
    env[name] = value;
  }
  return { ...env, BINHAN_ARGON2_MEMORY_KIB: '1024', LOG_LEVEL: 'silent', ...extra };
}

export function cli(dataDir: string, args: string[], extraEnv: Record<string, string> = {}): SpawnSyncReturns<string> {
  const result = spawnSync(process.execPath, [MAIN, ...args], {
    cwd: REPO_ROOT, env: cleanEnv({ BINHAN_DATA_DIR: dataDir, ...extraEnv }), encoding: 'utf8', timeout: 60_000,
  });
  if (result.error) throw result.error;
  return result;
}

/** Status and output together, so a failing expectation shows what the command printed. */
export const outcome = (r: SpawnSyncReturns<string>) => ({ status: r.status, stdout: r.stdout, stderr: r.stderr });

/** Compile the server once for the file's tests. */
export function buildServer(): void {
  const build = spawnSync(process.execPath, [path.join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-b', 'packages/server'], {
    cwd: REPO_ROOT, encoding: 'utf8', timeout: 180_000,
  });
  if (build.status !== 0) throw new Error(`tsc -b packages/server failed (${String(build.status)}):\n${build.stdout}${build.stderr}`);
}

export interface RunningServer {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
}

/** `serve` on a free port, resolved once it says it is running. */
export async function startServer(dataDir: string, extraEnv: Record<string, string> = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, [MAIN, 'serve'], { cwd: REPO_ROOT, env: cleanEnv({ BINHAN_DATA_DIR: dataDir, PORT: '0', ...extraEnv }) });
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
  child.stderr.on('data', (chunk: Buffer) => { text += chunk.toString('utf8'); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start within 60 s:\n${text}`)), 60_000);
    const check = () => {
      if (text.includes('is running at')) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited (${String(code)}) before starting:\n${text}`));
    });
  });
  return {
    child,
    output: () => text,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;

/** A PostgreSQL database of its own (the CLI works on whole databases: pg_dump, pg_restore). */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!TEST_DATABASE_URL) throw new Error('TEST_DATABASE_URL is not set');
  const name = `binhan_cli_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
