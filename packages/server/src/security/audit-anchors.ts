// Anchors of the audit chain outside the database. The hash chain (audit-chain.ts) shows an edited or
// removed entry in the middle, but not the newest entries removed, nor a chain rewritten by someone who
// holds the database key. So the chain's head (entry count and hash) is written as an Ed25519-signed
// checkpoint, one JSON line each, to a folder meant for other storage (and optionally sent to syslog),
// at start, at least daily, and after every export and report approval. audit-verify compares the
// database with every checkpoint; the checkpoints need only the public key to be checked, so they can be
// checked on another machine, and the signing key is not the database key.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import dgram from 'node:dgram';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { AuditVerifyResult } from '@binhan/domain';
import type { Database } from '../db/schema.js';
import { nowIso } from '../lib/clock.js';
import { verifyAuditChain } from './audit-chain.js';

export const CHECKPOINT_FILE = 'audit-checkpoints.jsonl';

export interface AnchorSettings {
  /** Folder of the checkpoint file; belongs on other storage than the data folder. */
  dir: string;
  /** The Ed25519 private key (PEM); made on first start when missing. */
  signingKeyFile: string;
  /** `udp://host:port` of a syslog receiver that gets every checkpoint too, or null. */
  syslog: { host: string; port: number } | null;
}

/** As configured: a folder or key file left unset is placed by the data folder (resolveAnchorSettings). */
export interface AnchorConfig {
  dir: string | null;
  signingKeyFile: string | null;
  syslog: AnchorSettings['syslog'];
}

/**
 * Beside the data folder by default (./data-audit-anchors for ./data), never inside it: the README says
 * to put it on other storage. Named after the data folder, so two installations never share one. The
 * signing key defaults to the data folder, apart from the data key's file only by name.
 */
export function resolveAnchorSettings(config: { dataDir: string; auditAnchors: AnchorConfig }): AnchorSettings {
  const dataDir = path.resolve(config.dataDir);
  return {
    dir: config.auditAnchors.dir ?? `${dataDir}-audit-anchors`,
    signingKeyFile: config.auditAnchors.signingKeyFile ?? path.join(dataDir, 'audit-signing.key'),
    syslog: config.auditAnchors.syslog,
  };
}

export interface Checkpoint {
  v: 1;
  /** Number of the newest entry when the checkpoint was made (entries are numbered from 1). */
  seq: number;
  hash: string | null;
  at: string;
  reason: string;
  /** The record the event was about (a report id), or null. */
  ref: string | null;
  /** Fingerprint of the public key that verifies `sig`. */
  key: string;
  sig: string;
}

export class AnchorError extends Error {}

function signedBytes(c: Omit<Checkpoint, 'sig' | 'key'>): Buffer {
  return Buffer.from(JSON.stringify([c.v, c.seq, c.hash, c.at, c.reason, c.ref]), 'utf8');
}

/** First 16 hex digits of the SHA-256 of the public key: printed, and written in every checkpoint. */
export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

export function readPublicKey(file: string): KeyObject {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.includes('PRIVATE KEY') ? createPublicKey(createPrivateKey(text)) : createPublicKey(text);
  } catch (error) {
    throw new AnchorError(`Cannot read the audit signing public key ${file}: ${(error as Error).message}`);
  }
}

/** The writer the running server uses. */
export class AuditAnchors {
  readonly publicKey: KeyObject;
  readonly fingerprint: string;
  readonly file: string;
  /** The folder of the checkpoints. */
  readonly dir: string;

  private constructor(private readonly settings: AnchorSettings, private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
    this.fingerprint = keyFingerprint(this.publicKey);
    this.dir = settings.dir;
    this.file = path.join(settings.dir, CHECKPOINT_FILE);
  }

  /**
   * Load the signing key (made, mode 0600, when missing), make the anchor folder, and leave the public key
   * beside the checkpoints. Refuses to start when the folder cannot be written: a server that cannot
   * anchor its audit log must not look as if it did.
   */
  static open(settings: AnchorSettings): AuditAnchors {
    let privateKey: KeyObject;
    try {
      if (fs.existsSync(settings.signingKeyFile)) {
        privateKey = createPrivateKey(fs.readFileSync(settings.signingKeyFile, 'utf8'));
        if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error('not an Ed25519 key');
      } else {
        privateKey = generateKeyPairSync('ed25519').privateKey;
        fs.mkdirSync(path.dirname(settings.signingKeyFile), { recursive: true });
        fs.writeFileSync(settings.signingKeyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
      }
    } catch (error) {
      throw new AnchorError(`BINHAN_AUDIT_SIGNING_KEY: cannot use ${settings.signingKeyFile} (${(error as Error).message}).`);
    }
    const anchors = new AuditAnchors(settings, privateKey);
    try {
      fs.mkdirSync(settings.dir, { recursive: true });
      fs.accessSync(settings.dir, fs.constants.W_OK);
      const publicFile = path.join(settings.dir, `audit-signing-${anchors.fingerprint}.pub`);
      if (!fs.existsSync(publicFile)) fs.writeFileSync(publicFile, anchors.publicKey.export({ type: 'spki', format: 'pem' }));
    } catch (error) {
      throw new AnchorError(`BINHAN_AUDIT_ANCHOR_DIR: cannot write the audit anchors to ${settings.dir} (${(error as Error).message}).`);
    }
    return anchors;
  }

  /** Sign the chain's head as it is now and append it (flushed to disk) to the checkpoint file. */
  async checkpoint(db: Kysely<Database>, reason: string, ref: string | null = null): Promise<Checkpoint> {
    const head = await db.selectFrom('audit_log').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
    const unsigned = { v: 1 as const, seq: head ? Number(head.seq) : 0, hash: head?.hash ?? null, at: nowIso(), reason, ref };
    const checkpoint: Checkpoint = { ...unsigned, key: this.fingerprint, sig: sign(null, signedBytes(unsigned), this.privateKey).toString('base64') };
    const line = `${JSON.stringify(checkpoint)}\n`;
    const fd = fs.openSync(this.file, 'a', 0o644);
    try {
      fs.writeSync(fd, line);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (this.settings.syslog) await sendToSyslog(this.settings.syslog, checkpoint);
    return checkpoint;
  }
}

/** RFC 5424 over UDP, facility "log audit" (13), severity notice: the checkpoint line as the message. */
function sendToSyslog(target: { host: string; port: number }, checkpoint: Checkpoint): Promise<void> {
  const message = Buffer.from(`<109>1 ${checkpoint.at} ${os.hostname()} binhan - audit-checkpoint - ${JSON.stringify(checkpoint)}`);
  const socket = dgram.createSocket(target.host.includes(':') ? 'udp6' : 'udp4');
  return new Promise((resolve) => {
    // A syslog receiver that is down must not stop the export it records: the file holds the checkpoint.
    socket.send(message, target.port, target.host, () => {
      socket.close();
      resolve();
    });
  });
}

export type AnchorProblem = AuditVerifyResult['anchors']['problems'][number];

export interface AnchorComparison {
  checkpoints: number;
  last: Checkpoint | null;
  /** Entries written after the newest checkpoint: not anchored yet. */
  unanchored: number;
  problems: AnchorProblem[];
}

/** Every checkpoint line of the folder, each with whether its signature holds under the public key. */
export function readCheckpoints(dir: string, publicKey: KeyObject): Array<{ line: number; checkpoint: Checkpoint | null }> {
  const file = path.join(dir, CHECKPOINT_FILE);
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').map((text, index) => ({ text, line: index + 1 })).filter((l) => l.text.trim() !== '').map(({ text, line }) => {
    try {
      const c = JSON.parse(text) as Checkpoint;
      const ok = c.v === 1 && Number.isInteger(c.seq) && typeof c.sig === 'string' && verify(null, signedBytes(c), publicKey, Buffer.from(c.sig, 'base64'));
      return { line, checkpoint: ok ? c : null };
    } catch {
      return { line, checkpoint: null };
    }
  });
}

/**
 * Compare the database's chain with the checkpoints: every checkpoint's entry must still be there with
 * the same hash. Entries removed from the end show as missing; a chain rewritten with the key shows as
 * an entry that differs from the checkpoint.
 */
export async function compareWithAnchors(db: Kysely<Database>, dir: string, publicKey: KeyObject): Promise<AnchorComparison> {
  const lines = readCheckpoints(dir, publicKey);
  const problems: AnchorProblem[] = lines.filter((l) => l.checkpoint === null).map((l) => ({ kind: 'bad_signature' as const, line: l.line }));
  const valid = lines.flatMap((l) => (l.checkpoint ? [l.checkpoint] : []));
  const head = await db.selectFrom('audit_log').select(['seq']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const count = head ? Number(head.seq) : 0;
  const last = valid.reduce<Checkpoint | null>((a, c) => (a === null || c.seq >= a.seq ? c : a), null);
  if (valid.length === 0) problems.push({ kind: 'no_checkpoints' });
  const reported = new Set<string>();
  for (const c of [...valid].sort((a, b) => b.seq - a.seq)) {
    if (c.seq === 0) continue;
    const row = await db.selectFrom('audit_log').select('hash').where('seq', '=', c.seq).executeTakeFirst();
    if (!row) {
      const from = Math.max(count, 0) + 1;
      if (c.seq >= from && !reported.has('missing')) {
        reported.add('missing');
        problems.push({ kind: 'missing', from, to: c.seq, checkpointAt: c.at });
      }
    } else if (row.hash !== c.hash && !reported.has(`differs:${c.seq}`)) {
      reported.add(`differs:${c.seq}`);
      problems.push({ kind: 'differs', seq: c.seq, checkpointAt: c.at });
    }
  }
  return { checkpoints: valid.length, last, unanchored: last ? Math.max(0, count - last.seq) : count, problems };
}

/** Whether the comparison holds: no problem, or no checkpoint yet while the log is still empty. */
export function anchorsHold(comparison: AnchorComparison, entries: number): boolean {
  return comparison.problems.every((p) => p.kind === 'no_checkpoints' && entries === 0);
}

/** The chain and the checkpoints together, as the administrators' page shows them. */
export async function verifyWithAnchors(db: Kysely<Database>, auditKey: Buffer, dir: string, publicKey: KeyObject): Promise<AuditVerifyResult> {
  const chain = await verifyAuditChain(db, auditKey);
  const anchors = await compareWithAnchors(db, dir, publicKey);
  return {
    ...chain,
    ok: chain.ok && anchorsHold(anchors, chain.checked),
    anchors: {
      checkpoints: anchors.checkpoints, keyFingerprint: keyFingerprint(publicKey), lastSeq: anchors.last?.seq ?? null, lastAt: anchors.last?.at ?? null,
      unanchored: anchors.unanchored, problems: anchors.problems,
    },
  };
}

/** One line per problem, for the command line (English and Vietnamese, like the other CLI messages). */
export function describeAnchorProblem(p: AnchorProblem): string {
  switch (p.kind) {
    case 'no_checkpoints': return 'no signed checkpoint found: deletion of the newest entries cannot be detected / không có điểm neo nào';
    case 'bad_signature': return `checkpoint line ${p.line}: signature does not verify (altered or forged) / điểm neo bị sửa hoặc giả`;
    case 'missing': return `entries ${p.from}–${p.to} missing: the checkpoint of ${p.checkpointAt} recorded ${p.to} entries / thiếu các mục ${p.from}–${p.to}`;
    case 'differs': return `entry ${p.seq} differs from the checkpoint of ${p.checkpointAt}: the chain was rewritten / mục ${p.seq} khác điểm neo`;
  }
}
