// Finding 2 of the outside probe: deleting the newest audit entries, all of them, or rewriting the chain
// with the database key left the log "intact". The signed checkpoints outside the database catch each.
import dgram from 'node:dgram';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditVerifyResult } from '@binhan/domain';
import { appendAudit, verifyAuditChain } from '../../security/audit-chain.js';
import { CHECKPOINT_FILE, compareWithAnchors, readPublicKey, type Checkpoint } from '../../security/audit-anchors.js';
import { createTestApp, DATABASES, type TestApp } from '../../test/test-app.js';
import { caseIntake } from '../../test/factories.js';

describe.each(DATABASES)('audit checkpoints outside the database on %s', (kind) => {
  let t: TestApp;
  let admin: string;
  let focal: string;
  let officer: string;
  let tranPhu: string;
  let syslog: dgram.Socket;
  const received: string[] = [];

  beforeAll(async () => {
    syslog = dgram.createSocket('udp4');
    syslog.on('message', (message) => received.push(message.toString('utf8')));
    await new Promise<void>((resolve) => syslog.bind(0, '127.0.0.1', resolve));
    t = await createTestApp(kind, { auditAnchors: { dir: null, signingKeyFile: null, syslog: { host: '127.0.0.1', port: syslog.address().port } } });
    admin = await t.signIn(await t.makeUser('system_admin'));
    focal = await t.signIn(await t.makeUser('district_focal_point'));
    officer = await t.signIn(await t.makeUser('commune_officer', { unitCode: '02176' }));
    tranPhu = await t.unitId('02176');
  });
  afterAll(async () => {
    syslog.close();
    await t.close();
  });

  const checkpoints = (): Checkpoint[] => fs.readFileSync(path.join(t.deps.anchors.dir, CHECKPOINT_FILE), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Checkpoint);
  const head = async () => Number((await t.deps.db.selectFrom('audit_log').select('seq').orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow()).seq);
  const verify = async () => (await t.inject({ method: 'GET', url: '/api/audit/verify', cookie: admin })).json<AuditVerifyResult>();

  it('writes a signed checkpoint of the chain’s head after an export, to the anchor folder and to syslog', async () => {
    const exported = await t.inject({ method: 'GET', url: `/api/exports/figures?unitId=${tranPhu}&period=2026-H1`, cookie: focal });
    expect(exported.statusCode).toBe(200);
    const last = checkpoints().at(-1) as Checkpoint;
    expect(last).toMatchObject({ reason: 'export.figures', seq: await head(), key: t.deps.anchors.fingerprint });
    const entry = await t.deps.db.selectFrom('audit_log').select(['action', 'hash']).where('seq', '=', last.seq).executeTakeFirstOrThrow();
    expect(entry).toEqual({ action: 'export.figures', hash: last.hash });
    await expect.poll(() => received.some((m) => m.startsWith('<109>1 ') && m.includes('audit-checkpoint') && m.includes(`"seq":${last.seq}`))).toBe(true);
    // The public key is left beside the checkpoints; the private key stays with the server, readable only by it.
    expect(fs.existsSync(path.join(t.deps.anchors.dir, `audit-signing-${t.deps.anchors.fingerprint}.pub`))).toBe(true);
    expect(fs.statSync(path.join(t.config.dataDir, 'audit-signing.key')).mode & 0o077).toBe(0);
    expect(await verify()).toMatchObject({ ok: true, problems: [], anchors: { problems: [], unanchored: 0 } });
  });

  it('checkpoints a report’s approval and prints the approval’s audit entry on the approved report', async () => {
    const created = await t.inject({ method: 'POST', url: '/api/reports', cookie: officer, payload: { unitId: tranPhu, period: '2026-H1' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ id: string }>().id;
    expect((await t.inject({ method: 'POST', url: `/api/reports/${id}/submit`, cookie: officer, payload: { version: 1 } })).statusCode).toBe(200);
    const approved = await t.inject({ method: 'POST', url: `/api/reports/${id}/decide`, cookie: focal, payload: { decision: 'approve', version: 2 } });
    expect(approved.statusCode, approved.body).toBe(200);
    const approval = await t.deps.db.selectFrom('audit_log').select(['seq', 'hash']).where('action', '=', 'periodic_report.approve').where('resource_id', '=', id).executeTakeFirstOrThrow();
    expect(checkpoints().at(-1)).toMatchObject({ reason: 'periodic_report.approve', ref: id, seq: Number(approval.seq), hash: approval.hash });

    const download = await t.inject({ method: 'GET', url: `/api/reports/${id}/download?format=xlsx`, cookie: officer });
    expect(download.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(download.rawPayload as unknown as ArrayBuffer);
    const texts: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => texts.push(c.text))));
    expect(texts.join('\n')).toContain(`mục số ${Number(approval.seq)}, mã băm ${approval.hash.slice(0, 16)}`);
    expect(checkpoints().at(-1)).toMatchObject({ reason: 'periodic_report.download', ref: id });
  });

  it('anchors every reveal at once, so removing the newest reveal from the log is caught the same day', async () => {
    const opened = await t.inject({ method: 'POST', url: '/api/cases', cookie: officer, payload: caseIntake(tranPhu) });
    expect(opened.statusCode, opened.body).toBe(201);
    const id = opened.json<{ id: string }>().id;
    expect((await t.inject({ method: 'POST', url: `/api/cases/${id}/reveal`, cookie: officer, payload: {} })).statusCode).toBe(200);
    const reveal = await t.deps.db.selectFrom('audit_log').select(['seq', 'hash']).where('action', '=', 'case.identity_view').where('resource_id', '=', id).executeTakeFirstOrThrow();
    expect(checkpoints().at(-1)).toMatchObject({ reason: 'reveal', ref: id, seq: Number(reveal.seq), hash: reveal.hash });
    await t.deps.db.deleteFrom('audit_log').where('seq', '>=', Number(reveal.seq)).execute();
    expect((await verifyAuditChain(t.deps.db, t.deps.auditKey)).problems).toEqual([]);
    expect((await verify()).anchors.problems).toContainEqual(expect.objectContaining({ kind: 'missing', to: Number(reveal.seq) }));
  });

  it('names the newest entries deleted after the last checkpoint, which the chain alone calls intact', async () => {
    await t.inject({ method: 'GET', url: `/api/exports/incidents?unitId=${tranPhu}&period=2026-H1&format=csv`, cookie: focal });
    const anchored = await head();
    await t.deps.db.deleteFrom('audit_log').where('seq', '>', anchored - 3).execute();
    expect((await verifyAuditChain(t.deps.db, t.deps.auditKey)).problems).toEqual([]);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.anchors.problems).toContainEqual(expect.objectContaining({ kind: 'missing', from: anchored - 3 + 1, to: anchored }));
  });

  it('names every entry missing when the whole log is deleted', async () => {
    const anchored = Math.max(...checkpoints().map((c) => c.seq));
    await t.deps.db.deleteFrom('audit_log').execute();
    const comparison = await compareWithAnchors(t.deps.db, t.deps.anchors.dir, t.deps.anchors.publicKey);
    expect(comparison.problems).toContainEqual(expect.objectContaining({ kind: 'missing', from: 1, to: anchored }));
  });

  it('detects a chain rewritten by an insider who holds the database key, and a forged checkpoint line', async () => {
    // The log starts again (the previous test emptied it): a reveal, then a checkpoint at an export.
    const c = await t.inject({ method: 'GET', url: `/api/exports/figures?unitId=${tranPhu}&period=2026-H1`, cookie: focal });
    expect(c.statusCode).toBe(200);
    await appendAudit(t.deps.db, t.deps, { action: 'case.identity_view', resourceType: 'case', resourceId: '01900000-0000-7000-8000-000000000001' });
    await t.inject({ method: 'GET', url: `/api/exports/figures?unitId=${tranPhu}&period=2026-H1`, cookie: focal });
    // The insider removes the reveal and re-signs every entry with the key: the chain is valid again.
    const kept = await t.deps.db.selectFrom('audit_log').selectAll().where('action', '!=', 'case.identity_view').orderBy('seq').execute();
    await t.deps.db.deleteFrom('audit_log').execute();
    for (const row of kept) {
      await appendAudit(t.deps.db, t.deps, { action: row.action, actorId: row.actor_id, resourceType: row.resource_type, resourceId: row.resource_id, details: JSON.parse(row.details) as Record<string, unknown> });
    }
    expect((await verifyAuditChain(t.deps.db, t.deps.auditKey)).ok).toBe(true);
    const result = await verify();
    expect(result.ok).toBe(false);
    expect(result.anchors.problems.map((p) => p.kind)).toEqual(expect.arrayContaining(['differs']));

    // Checked on another machine with only the public key file: the same answer; another key trusts nothing.
    const publicKey = readPublicKey(path.join(t.deps.anchors.dir, `audit-signing-${t.deps.anchors.fingerprint}.pub`));
    expect((await compareWithAnchors(t.deps.db, t.deps.anchors.dir, publicKey)).problems.map((p) => p.kind)).toContain('differs');
    const stranger = generateKeyPairSync('ed25519').publicKey;
    const underStranger = await compareWithAnchors(t.deps.db, t.deps.anchors.dir, stranger);
    expect(underStranger.checkpoints).toBe(0);
    expect(underStranger.problems.filter((p) => p.kind === 'bad_signature')).toHaveLength(checkpoints().length);

    // Lowering a checkpoint's count to hide a truncation breaks its signature.
    const file = path.join(t.deps.anchors.dir, CHECKPOINT_FILE);
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    const forged = { ...(JSON.parse(lines.at(-1) as string) as Checkpoint), seq: 1 };
    fs.writeFileSync(file, `${[...lines.slice(0, -1), JSON.stringify(forged)].join('\n')}\n`);
    expect((await compareWithAnchors(t.deps.db, t.deps.anchors.dir, t.deps.anchors.publicKey)).problems).toContainEqual({ kind: 'bad_signature', line: lines.length });
  });
});
