// Configuration from the environment, checked at boot. A bad value stops the process with a message
// that names the variable and says what to set.
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_MEASURE_LIMITS, DEFAULT_RISK_CHECKLIST, DEFAULT_TIME_LIMITS, DEFAULT_TOTP_ROLES, MeasureLimitsConfig, ROLES, RiskChecklistConfig, TimeLimitsConfig,
  type MeasureLimit, type RiskChecklist, type Role, type TimeLimits,
} from '@binhan/domain';
import { DEFAULT_REPORT_SETTINGS, ReportSettingsConfig, type ReportSettings } from '@binhan/domain';
import { loadPublicPageSettings, type PublicPageSettings } from './public/settings.js';
import type { AnchorConfig } from './security/audit-anchors.js';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// (leave it unset to use the embedded SQLite database)')
    .optional(),
  BINHAN_DATA_DIR: z.string().min(1).optional(),
  /** PostgreSQL: give up connecting after this long, so a port that never answers does not hang start-up. */
  BINHAN_DB_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(10),
  /** PostgreSQL: the longest one statement may run before the database cancels it. */
  BINHAN_DB_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /** SQLite: FULL syncs the log at every commit, so a written case survives a power cut; NORMAL is faster. */
  BINHAN_SQLITE_SYNCHRONOUS: z.enum(['full', 'normal', 'FULL', 'NORMAL']).default('full').transform((v) => v.toLowerCase() as 'full' | 'normal'),
  BINHAN_SECRET_KEY: z.string().optional(),
  BINHAN_SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(30),
  BINHAN_SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(24 * 14).default(12),
  BINHAN_TOTP_ROLES: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined) return [...DEFAULT_TOTP_ROLES];
      const roles = value.split(',').map((r) => r.trim()).filter((r) => r !== '');
      const unknown = roles.filter((r) => !(ROLES as readonly string[]).includes(r));
      if (unknown.length > 0) ctx.addIssue({ code: 'custom', message: `unknown role(s): ${unknown.join(', ')}; roles are ${ROLES.join(', ')}` });
      return roles as Role[];
    }),
  /**
   * Which reverse proxy to believe for the client address and HTTPS: 'false' (none), a number of proxy
   * hops in front of the server, or a comma-separated list of proxy addresses or CIDR ranges. 'true'
   * trusts any X-Forwarded-For, which lets a client pick its own address: use it only when the proxy
   * overwrites that header.
   */
  BINHAN_TRUST_PROXY: z
    .string()
    .default('false')
    .transform((value, ctx): boolean | number | string[] => {
      const v = value.trim().toLowerCase();
      if (['false', 'no', '0', ''].includes(v)) return false;
      if (['true', 'yes'].includes(v)) return true;
      if (/^\d+$/.test(v)) return Number(v);
      const list = v.split(',').map((p) => p.trim()).filter((p) => p !== '');
      if (list.every((p) => /^[0-9a-f:.]+(\/\d{1,3})?$/.test(p))) return list;
      ctx.addIssue({ code: 'custom', message: 'use false, a number of proxy hops, or proxy addresses/CIDR ranges separated by commas' });
      return false;
    }),
  BINHAN_ARGON2_MEMORY_KIB: z.coerce.number().int().min(1024).max(1024 * 1024).default(19456),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** A JSON file with the case rules a district may set: risk checklist, time limits, measure limits. */
  BINHAN_CASE_SETTINGS: z.string().optional(),
  /** A JSON file with the reporting periods' cut-off dates and the small-cell threshold (DOMAIN.md §8). */
  BINHAN_REPORT_SETTINGS: z.string().optional(),
  /** A JSON file with the public page's hotlines, quick-exit address and report limits. */
  BINHAN_PUBLIC_PAGE: z.string().optional(),
  /** Where the signed checkpoints of the audit chain go: a folder on other storage than the data folder. */
  BINHAN_AUDIT_ANCHOR_DIR: z.string().min(1).optional(),
  /** The Ed25519 private key (PEM) that signs the checkpoints; made on first start when missing. */
  BINHAN_AUDIT_SIGNING_KEY: z.string().min(1).optional(),
  /** A syslog receiver that gets every checkpoint too. */
  BINHAN_AUDIT_SYSLOG: z
    .string()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value.trim() === '') return null;
      const match = /^udp:\/\/(\[[0-9a-fA-F:]+\]|[^:/\s]+):(\d{1,5})$/.exec(value.trim());
      const port = Number(match?.[2]);
      if (!match || port < 1 || port > 65535) {
        ctx.addIssue({ code: 'custom', message: 'use udp://host:port, e.g. udp://10.0.0.5:514' });
        return null;
      }
      return { host: (match[1] ?? '').replace(/^\[|\]$/g, ''), port };
    }),
  /** A checkpoint at least this often while the server runs (it also makes one at start and at every export). */
  BINHAN_AUDIT_CHECKPOINT_HOURS: z.coerce.number().int().min(1).max(24).default(24),
  /** At most this many cases go to one device for offline work, so a phone never pulls a whole district. */
  OFFLINE_CASE_LIMIT: z.coerce.number().int().min(1).max(1000).default(200),
});

/** Case rules that are law or local practice, not code (DOMAIN.md marks them configurable). */
export interface CaseSettings {
  riskChecklist: RiskChecklist;
  timeLimits: TimeLimits;
  measureLimits: readonly MeasureLimit[];
  /** Closing a case needs the district focal point's approval (a commune officer's close is a request). */
  requireClosureApproval: boolean;
}

const CaseSettingsFile = z.strictObject({
  riskChecklist: RiskChecklistConfig.optional(),
  timeLimits: TimeLimitsConfig.optional(),
  measureLimits: MeasureLimitsConfig.optional(),
  requireClosureApproval: z.boolean().optional(),
});

const DEFAULT_CASE_SETTINGS: CaseSettings = {
  riskChecklist: DEFAULT_RISK_CHECKLIST, timeLimits: DEFAULT_TIME_LIMITS, measureLimits: DEFAULT_MEASURE_LIMITS, requireClosureApproval: true,
};

function loadCaseSettings(file: string | undefined): CaseSettings {
  if (file === undefined || file.trim() === '') return DEFAULT_CASE_SETTINGS;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`BINHAN_CASE_SETTINGS: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const parsed = CaseSettingsFile.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`BINHAN_CASE_SETTINGS: ${file} is not valid:\n${lines.join('\n')}`);
  }
  return {
    riskChecklist: (parsed.data.riskChecklist as RiskChecklist | undefined) ?? DEFAULT_RISK_CHECKLIST,
    timeLimits: parsed.data.timeLimits ?? DEFAULT_TIME_LIMITS,
    measureLimits: (parsed.data.measureLimits as readonly MeasureLimit[] | undefined) ?? DEFAULT_MEASURE_LIMITS,
    requireClosureApproval: parsed.data.requireClosureApproval ?? true,
  };
}

function loadReportSettings(file: string | undefined): ReportSettings {
  if (file === undefined || file.trim() === '') return DEFAULT_REPORT_SETTINGS;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`BINHAN_REPORT_SETTINGS: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const parsed = ReportSettingsConfig.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`BINHAN_REPORT_SETTINGS: ${file} is not valid:\n${lines.join('\n')}`);
  }
  const given = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Partial<ReportSettings>;
  return { ...DEFAULT_REPORT_SETTINGS, ...given };
}

export interface AppConfig {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  /** BINHAN_DATA_DIR was set; otherwise dataDir is the default folder `data` at the top of the installation. */
  dataDirFromEnv: boolean;
  dbConnectTimeoutSeconds: number;
  dbStatementTimeoutSeconds: number;
  sqliteSynchronous: 'full' | 'normal';
  secretKey: string | undefined;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  totpRoles: Role[];
  trustProxy: boolean | number | string[];
  argon2MemoryKib: number;
  logLevel: string;
  /** Demo mode shows the demo-data banner; set by the demo command, not by the environment. */
  isDemo: boolean;
  /** Directory of the built staff web app; null to serve none (API tests). */
  webDistDir: string | null;
  caseSettings: CaseSettings;
  publicPage: PublicPageSettings;
  reportSettings: ReportSettings;
  /** The most cases one device may keep for offline work (OFFLINE_CASE_LIMIT). */
  offlineCaseLimit: number;
  /** Signed checkpoints of the audit chain (security/audit-anchors.ts). */
  auditAnchors: AnchorConfig;
  auditCheckpointHours: number;
}

/**
 * A failure the operator fixes: what is wrong and what to do, in English (the message) and in
 * Vietnamese when given. The command line prints both, without a stack trace.
 */
export class ConfigError extends Error {
  constructor(message: string, readonly vi?: string) {
    super(message);
  }
}

/**
 * The default data folder: `data` at the top of the installation (next to package.json), whatever the
 * current folder, so a cron job started elsewhere finds the same database as `npm start`.
 */
export const DEFAULT_DATA_DIR = path.resolve(import.meta.dirname, '../../../data');

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration; fix these environment variables:\n${lines.join('\n')}`, 'Cấu hình chưa hợp lệ; hãy sửa các biến môi trường dưới đây.');
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.BINHAN_DATA_DIR === undefined ? DEFAULT_DATA_DIR : path.resolve(e.BINHAN_DATA_DIR),
    dataDirFromEnv: e.BINHAN_DATA_DIR !== undefined,
    dbConnectTimeoutSeconds: e.BINHAN_DB_CONNECT_TIMEOUT_SECONDS,
    dbStatementTimeoutSeconds: e.BINHAN_DB_STATEMENT_TIMEOUT_SECONDS,
    sqliteSynchronous: e.BINHAN_SQLITE_SYNCHRONOUS,
    secretKey: e.BINHAN_SECRET_KEY,
    sessionIdleMinutes: e.BINHAN_SESSION_IDLE_MINUTES,
    sessionAbsoluteHours: e.BINHAN_SESSION_ABSOLUTE_HOURS,
    totpRoles: e.BINHAN_TOTP_ROLES,
    trustProxy: e.BINHAN_TRUST_PROXY,
    argon2MemoryKib: e.BINHAN_ARGON2_MEMORY_KIB,
    logLevel: e.LOG_LEVEL,
    isDemo: false,
    webDistDir: path.resolve(import.meta.dirname, '../../web/dist'),
    caseSettings: loadCaseSettings(e.BINHAN_CASE_SETTINGS),
    reportSettings: loadReportSettings(e.BINHAN_REPORT_SETTINGS),
    publicPage: loadPublicPageSettings(e.BINHAN_PUBLIC_PAGE, (message) => new ConfigError(message)),
    offlineCaseLimit: e.OFFLINE_CASE_LIMIT,
    auditAnchors: {
      // Unset: placed by the data folder in use (resolveAnchorSettings), also when a command or a test
      // changes the data folder after loading the configuration.
      dir: e.BINHAN_AUDIT_ANCHOR_DIR === undefined ? null : path.resolve(e.BINHAN_AUDIT_ANCHOR_DIR),
      signingKeyFile: e.BINHAN_AUDIT_SIGNING_KEY === undefined ? null : path.resolve(e.BINHAN_AUDIT_SIGNING_KEY),
      syslog: e.BINHAN_AUDIT_SYSLOG,
    },
    auditCheckpointHours: e.BINHAN_AUDIT_CHECKPOINT_HOURS,
  };
}
