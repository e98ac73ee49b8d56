// The text a failed command prints: a sentence in Vietnamese and English, the place of the database but
// never its password, and a stack trace only with LOG_LEVEL=debug.
import { describe, expect, it } from 'vitest';
import { ConfigError } from './config.js';
import { explainFailure } from './failures.js';

const URL_WITH_PASSWORD = 'postgres://binhan:very-secret@db.example:6543/binhan_prod';

const systemError = (code: string, message: string, extra: Record<string, string> = {}) => Object.assign(new Error(message), { code, ...extra });

describe('explainFailure', () => {
  it('names the PostgreSQL place from DATABASE_URL without the user or password, in both languages', () => {
    const text = explainFailure(systemError('ECONNREFUSED', 'connect ECONNREFUSED'), { databaseUrl: URL_WITH_PASSWORD, debug: false });
    expect(text).toContain('Cannot connect to PostgreSQL at db.example:6543/binhan_prod (DATABASE_URL)');
    expect(text).toContain('Không kết nối được PostgreSQL tại db.example:6543/binhan_prod');
    expect(text).not.toContain('very-secret');
    expect(text).not.toContain('binhan:');
  });

  it('maps a statement timeout, a wrong password and a missing database to what to fix', () => {
    const context = { databaseUrl: URL_WITH_PASSWORD, dbStatementTimeoutSeconds: 45, debug: false };
    expect(explainFailure(systemError('57014', 'canceling statement due to statement timeout'), context)).toContain('ran longer than 45 s');
    expect(explainFailure(systemError('28P01', 'password authentication failed'), context)).toContain('refused the user name or password in DATABASE_URL');
    expect(explainFailure(systemError('3D000', 'database does not exist'), context)).toContain('createdb binhan_prod');
  });

  it('says what a file error means for the path involved', () => {
    expect(explainFailure(systemError('EEXIST', 'exists', { path: '/backups/a.bak' }), { debug: false })).toContain('The file /backups/a.bak already exists');
    expect(explainFailure(systemError('EACCES', 'denied', { path: '/srv/data' }), { debug: false })).toContain('No permission to write /srv/data');
    expect(explainFailure(systemError('SQLITE_BUSY', 'database is locked'), { debug: false })).toContain('locked by another process');
  });

  it('an unexpected error shows its kind only, with no message (it may echo stored values) and no stack unless debugging', () => {
    const error = systemError('XX999', 'invalid input: "Nguyễn Thị Hoa"');
    const quiet = explainFailure(error, { debug: false });
    expect(quiet).toBe('Lỗi ngoài dự kiến (Error XX999). Đặt LOG_LEVEL=debug để xem chi tiết.\nUnexpected error (Error XX999). Set LOG_LEVEL=debug to see the details.');
    expect(quiet).not.toContain('Nguyễn');
    expect(explainFailure(error, { debug: true })).toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('prints an operator error in Vietnamese, then English', () => {
    expect(explainFailure(new ConfigError('Set PORT.', 'Hãy đặt PORT.'), { debug: false })).toBe('Hãy đặt PORT.\nSet PORT.');
    // A detail written in English only still opens with a Vietnamese sentence.
    expect(explainFailure(new ConfigError('BINHAN_CASE_SETTINGS: x.json is not valid'), { debug: false })).toMatch(/^Chưa chạy được: .*\nBINHAN_CASE_SETTINGS: x\.json is not valid$/);
  });
});
