// audit-verify as an operator runs it, on a SQLite data folder: it compares the log with the signed
// checkpoints, names the entries missing after the last one, and can be pointed at a copy of the anchor
// folder and the public key alone (another machine).
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, cli as runCli, outcome, removeTempDirs, startServer, tempDir } from './test/cli-harness.js';

const root = tempDir();
const dataDir = path.join(root, 'data');
const anchorDir = path.join(root, 'other-disk', 'anchors');
const cli = (args: string[], extra: Record<string, string> = {}) => runCli(dataDir, args, { BINHAN_AUDIT_ANCHOR_DIR: anchorDir, ...extra });

beforeAll(async () => {
  buildServer();
  // A data folder is set up by the first start (only serve creates a database).
  const server = await startServer(dataDir, { BINHAN_AUDIT_ANCHOR_DIR: anchorDir });
  await server.stop();
}, 200_000);
afterAll(() => removeTempDirs());

describe('audit-verify against the signed checkpoints', () => {
  it('anchors the change a command makes and finds the log intact', () => {
    expect(outcome(cli(['create-admin', 'quan.tri']))).toMatchObject({ status: 0 });
    const result = cli(['audit-verify']);
    expect(outcome(result)).toMatchObject({ status: 0, stdout: expect.stringMatching(/Checkpoints: [1-9]\d* signed by key/) });
    expect(result.stdout).toMatch(/Last checkpoint: entry [1-9]\d* at .*; 0 entries written since\./);
    expect(fs.readdirSync(anchorDir).filter((f) => f.endsWith('.pub'))).toHaveLength(1);
  });

  it('exits 1 and names the entries deleted after the last checkpoint (the chain alone says intact)', () => {
    const db = new SQLite(path.join(dataDir, 'binhan.sqlite'));
    let last: number;
    try {
      last = (db.prepare('select max(seq) as n from audit_log').get() as { n: number }).n;
      db.prepare('delete from audit_log where seq = ?').run(last);
    } finally {
      db.close();
    }
    const result = cli(['audit-verify']);
    expect(outcome(result)).toMatchObject({ status: 1, stdout: expect.stringContaining('Audit chain intact') });
    expect(result.stdout).toContain('Checkpoints DO NOT MATCH the database:');
    expect(result.stdout).toContain(`entries ${last}–${last} missing`);
  });

  it('verifies from a copy of the anchor folder with the public key file alone, and refuses a wrong key file with a message', () => {
    const copy = path.join(root, 'copy');
    fs.cpSync(anchorDir, copy, { recursive: true });
    const publicKey = path.join(copy, fs.readdirSync(copy).find((f) => f.endsWith('.pub')) as string);
    const result = cli(['audit-verify', '--anchors', copy, '--public-key', publicKey]);
    expect(outcome(result)).toMatchObject({ status: 1, stdout: expect.stringContaining('missing') });
    const bad = cli(['audit-verify', '--public-key', path.join(root, 'nowhere.pub')]);
    expect(outcome(bad)).toMatchObject({ status: 1, stderr: expect.stringContaining('Cannot read the audit signing public key') });
    expect(bad.stderr).not.toContain('Unexpected error');
  });

  it('refuses to start when the anchor folder cannot be written, naming the variable', () => {
    const blocker = path.join(root, 'a-file');
    fs.writeFileSync(blocker, '');
    const result = cli(['audit-verify'], { BINHAN_AUDIT_ANCHOR_DIR: path.join(blocker, 'anchors') });
    expect(outcome(result)).toMatchObject({ status: 1, stderr: expect.stringContaining('BINHAN_AUDIT_ANCHOR_DIR') });
    expect(result.stderr).not.toContain('Unexpected error');
  });
});
