// Every start-up and command-line failure as what to fix, in Vietnamese and English, without a stack
// trace unless LOG_LEVEL=debug. Nothing here prints a database password or a stored value: PostgreSQL
// places are host:port/database, and an unexpected error shows only its kind unless debugging.
import { ConfigError } from './config.js';
import { postgresPlace } from './data-folder.js';
import { MigrationError } from './db/migrate.js';
import { KeyError } from './security/keyring.js';
import { AnchorError } from './security/audit-anchors.js';

export interface FailureContext {
  databaseUrl?: string | undefined;
  dbConnectTimeoutSeconds?: number;
  dbStatementTimeoutSeconds?: number;
  debug: boolean;
}

interface Said {
  vi: string;
  en: string;
}

interface SystemError extends Error {
  code?: string;
  errno?: number;
  syscall?: string;
  path?: string;
  stderr?: string;
}

function postgresFailure(error: SystemError, context: FailureContext): Said | null {
  if (!context.databaseUrl) return null;
  const place = postgresPlace(context.databaseUrl);
  const database = place.split('/').slice(1).join('/') || 'postgres';
  const code = error.code ?? '';
  const message = error.message ?? '';
  if (['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH'].includes(code)) {
    return {
      en: `Cannot connect to PostgreSQL at ${place} (DATABASE_URL): nothing answers there. Start the database server, or fix the host and port in DATABASE_URL.`,
      vi: `Không kết nối được PostgreSQL tại ${place} (DATABASE_URL): không có gì trả lời ở đó. Hãy bật máy chủ cơ sở dữ liệu, hoặc sửa máy và cổng trong DATABASE_URL.`,
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return {
      en: `The database host in DATABASE_URL (${place}) is not known: fix the host name in DATABASE_URL.`,
      vi: `Không tìm thấy máy chủ cơ sở dữ liệu trong DATABASE_URL (${place}): hãy sửa tên máy trong DATABASE_URL.`,
    };
  }
  if (code === 'ETIMEDOUT' || /connection timeout|timeout expired|timeout exceeded when trying to connect|Connection terminated unexpectedly/i.test(message)) {
    const seconds = context.dbConnectTimeoutSeconds ?? 10;
    return {
      en: `PostgreSQL at ${place} (DATABASE_URL) did not answer within ${seconds} s: check that DATABASE_URL names a PostgreSQL server that is running and reachable (raise BINHAN_DB_CONNECT_TIMEOUT_SECONDS for a slow network).`,
      vi: `PostgreSQL tại ${place} (DATABASE_URL) không trả lời trong ${seconds} giây: hãy kiểm tra DATABASE_URL trỏ đến máy chủ PostgreSQL đang chạy và truy cập được (tăng BINHAN_DB_CONNECT_TIMEOUT_SECONDS nếu mạng chậm).`,
    };
  }
  if (code === '3D000') {
    return {
      en: `The database "${database}" does not exist on ${place.split('/')[0] ?? ''}: create it (createdb ${database}) or fix the database name in DATABASE_URL.`,
      vi: `Cơ sở dữ liệu "${database}" không có trên ${place.split('/')[0] ?? ''}: hãy tạo nó (createdb ${database}) hoặc sửa tên cơ sở dữ liệu trong DATABASE_URL.`,
    };
  }
  if (code === '28P01' || code === '28000') {
    return {
      en: `PostgreSQL at ${place} refused the user name or password in DATABASE_URL: fix them (or the server's pg_hba.conf).`,
      vi: `PostgreSQL tại ${place} từ chối tên người dùng hoặc mật khẩu trong DATABASE_URL: hãy sửa chúng (hoặc pg_hba.conf của máy chủ).`,
    };
  }
  if (code === '57014') {
    const seconds = context.dbStatementTimeoutSeconds ?? 60;
    return {
      en: `A database statement ran longer than ${seconds} s and was cancelled (DATABASE_URL ${place}): check the database server's load, or raise BINHAN_DB_STATEMENT_TIMEOUT_SECONDS.`,
      vi: `Một câu lệnh cơ sở dữ liệu chạy quá ${seconds} giây và đã bị hủy (DATABASE_URL ${place}): hãy kiểm tra tải của máy chủ cơ sở dữ liệu, hoặc tăng BINHAN_DB_STATEMENT_TIMEOUT_SECONDS.`,
    };
  }
  if (code === '42501') {
    return {
      en: `The PostgreSQL user in DATABASE_URL may not create or change tables in ${place}: grant it the rights on the database (or its schema).`,
      vi: `Người dùng PostgreSQL trong DATABASE_URL không được tạo hoặc sửa bảng trong ${place}: hãy cấp quyền trên cơ sở dữ liệu (hoặc schema) cho người dùng đó.`,
    };
  }
  return null;
}

function fileFailure(error: SystemError): Said | null {
  const code = error.code ?? '';
  const where = error.path ?? '';
  if (code === 'EEXIST') {
    return {
      en: `The file ${where} already exists: give a new file name (nothing is ever overwritten).`,
      vi: `Tệp ${where} đã có: hãy cho một tên tệp mới (không bao giờ ghi đè).`,
    };
  }
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return {
      en: `No permission to write ${where}: give the server's user write permission there, or choose another place (BINHAN_DATA_DIR for the data folder).`,
      vi: `Không có quyền ghi ${where}: hãy cấp quyền ghi cho người dùng chạy máy chủ, hoặc chọn nơi khác (BINHAN_DATA_DIR cho thư mục dữ liệu).`,
    };
  }
  if (code === 'ENOTDIR' || (code === 'ENOENT' && error.syscall === 'mkdir')) {
    return {
      en: `${where} cannot be made into a folder (a part of the path is a file or missing): fix the path (BINHAN_DATA_DIR for the data folder).`,
      vi: `Không tạo được thư mục ${where} (một phần của đường dẫn là tệp hoặc không có): hãy sửa đường dẫn (BINHAN_DATA_DIR cho thư mục dữ liệu).`,
    };
  }
  if (code === 'ENOENT' && error.path && ['pg_dump', 'pg_restore'].includes(error.path)) {
    return {
      en: `${error.path} was not found: install the PostgreSQL client tools (Debian: apt-get install postgresql-client) of the server's version.`,
      vi: `Không tìm thấy ${error.path}: hãy cài công cụ PostgreSQL phía máy khách (Debian: apt-get install postgresql-client) đúng phiên bản máy chủ.`,
    };
  }
  if (code === 'ENOSPC') {
    return { en: `The disk is full (writing ${where}): free some space and run again.`, vi: `Ổ đĩa đã đầy (khi ghi ${where}): hãy giải phóng dung lượng rồi chạy lại.` };
  }
  return null;
}

function sqliteFailure(error: SystemError): Said | null {
  const code = error.code ?? '';
  if (!code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_READONLY')) {
    return {
      en: 'The SQLite database cannot be written (read-only file, folder or disk): give the server\'s user write permission on the data folder and its files.',
      vi: 'Không ghi được cơ sở dữ liệu SQLite (tệp, thư mục hoặc ổ đĩa chỉ cho đọc): hãy cấp quyền ghi trên thư mục dữ liệu và các tệp trong đó.',
    };
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return {
      en: 'The SQLite database is locked by another process (a server or a command still running): stop it, or wait for it to finish, then run again. Nothing was changed.',
      vi: 'Cơ sở dữ liệu SQLite đang bị tiến trình khác khóa (máy chủ hoặc một lệnh còn chạy): hãy dừng nó hoặc đợi xong rồi chạy lại. Không có gì bị thay đổi.',
    };
  }
  if (code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_CORRUPT')) {
    return {
      en: 'The file is not a Bình An SQLite database or it is damaged: restore the last good backup (see "restore" in the README).',
      vi: 'Tệp không phải cơ sở dữ liệu SQLite của Bình An hoặc đã bị hỏng: hãy khôi phục bản sao lưu tốt gần nhất (xem "restore" trong README).',
    };
  }
  if (code.startsWith('SQLITE_CANTOPEN')) {
    return {
      en: 'The SQLite database cannot be opened: check that the data folder exists and the server\'s user may read and write it (BINHAN_DATA_DIR).',
      vi: 'Không mở được cơ sở dữ liệu SQLite: hãy kiểm tra thư mục dữ liệu có tồn tại và người dùng chạy máy chủ được đọc, ghi (BINHAN_DATA_DIR).',
    };
  }
  if (code === 'SQLITE_FULL') return { en: 'The disk is full: free some space and run again.', vi: 'Ổ đĩa đã đầy: hãy giải phóng dung lượng rồi chạy lại.' };
  return null;
}

/** The text to print for a failure: Vietnamese first, then English; the stack only when debugging. */
export function explainFailure(error: unknown, context: FailureContext): string {
  if (error instanceof ConfigError || error instanceof KeyError || error instanceof MigrationError) {
    // A message written in English only (a settings file's detail) still opens with a Vietnamese sentence.
    return `${error.vi ?? 'Chưa chạy được: hãy sửa điều ghi dưới đây (tiếng Anh).'}\n${error.message}`;
  }
  // The audit anchors (folder, signing key) name what to fix in English.
  if (error instanceof AnchorError) return `Chưa chạy được: hãy sửa điều ghi dưới đây về nơi lưu mốc kiểm tra nhật ký (tiếng Anh).\n${error.message}`;
  const e = (error instanceof Error ? error : new Error(String(error))) as SystemError;
  const said = postgresFailure(e, context) ?? sqliteFailure(e) ?? fileFailure(e);
  const detail = context.debug ? `\n${e.stack ?? e.message}` : '';
  if (said) return `${said.vi}\n${said.en}${detail}`;
  // Only the kind of error: a database message may echo a stored value.
  const kind = [e.name, e.code].filter(Boolean).join(' ');
  return `Lỗi ngoài dự kiến (${kind}). Đặt LOG_LEVEL=debug để xem chi tiết.\nUnexpected error (${kind}). Set LOG_LEVEL=debug to see the details.${detail}`;
}
