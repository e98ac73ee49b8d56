// Reading workbooks safely: no temporary files left behind, archives that would unpack to far more than
// any real sheet refused before unpacking, and exported text that can never turn into a formula.
import { readdirSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import zlib from 'node:zlib';
import { tmpdir } from 'node:os';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { workbookOf } from '../../test/outreach-fixtures.js';
import { presentImport } from './imports.js';
import { activityExport, checkUnpackedSize, readFirstSheet, sheetsLast } from './workbook.js';

const tmpFiles = () => readdirSync(tmpdir()).filter((f) => f.startsWith('tmp-')).length;

describe('outreach workbooks', () => {
  it('reads the first sheet, dates as dates, without leaving temporary files', async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Hoạt động');
    sheet.addRow(['Ngày', 'Mã']);
    for (let i = 0; i < 50; i++) sheet.addRow([new Date(Date.UTC(2024, 2, 12)), `0217${i % 10}`]);
    sheet.getColumn(1).numFmt = 'dd/mm/yyyy';
    wb.addWorksheet('Danh mục').addRow(['x']);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const before = tmpFiles();
    for (let k = 0; k < 3; k++) {
      const rows = await readFirstSheet(file, 2);
      expect(rows).toHaveLength(50);
      expect(rows[0]).toEqual({ row: 2, cells: [new Date(Date.UTC(2024, 2, 12)), '02170'] });
    }
    await expect(readFirstSheet(await workbookOf([]), 2)).rejects.toMatchObject({ code: 'IMPORT_NO_DATA' });
    expect(tmpFiles()).toBe(before);
  });

  it('refuses an archive that declares more than a real sheet could unpack to, and a truncated archive', async () => {
    const file = await workbookOf([['01/01/2024']]);
    const bomb = Buffer.from(file);
    const eocd = bomb.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    const cd = bomb.readUInt32LE(eocd + 16);
    bomb.writeUInt32LE(900 * 1024 * 1024, cd + 24); // the first entry "unpacks" to 900 MB
    expect(() => sheetsLast(bomb)).toThrow(expect.objectContaining({ code: 'IMPORT_TOO_MANY_ROWS' }));
    await expect(readFirstSheet(bomb, 1)).rejects.toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS' });
    await expect(readFirstSheet(file.subarray(0, file.length - 200), 1)).rejects.toMatchObject({ code: 'IMPORT_NOT_WORKBOOK' });
  });

  it('reads a workbook without a shared-strings part (inline strings) without temporary files', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useSharedStrings: false, useStyles: false });
    const sheet = wb.addWorksheet('Hoạt động');
    sheet.addRow(['Ngày', 'Mã']).commit();
    sheet.addRow(['12/03/2024', '02176']).commit();
    sheet.commit();
    await wb.commit();
    const file = Buffer.concat(chunks);
    const before = tmpFiles();
    expect(await readFirstSheet(file, 2)).toEqual([{ row: 2, cells: ['12/03/2024', '02176'] }]);
    expect(tmpFiles()).toBe(before);
  });

  it('counts what an archive really unpacks to, whatever it declares', async () => {
    const file = await workbookOf([['01/01/2024']]);
    await expect(checkUnpackedSize(file, 1024 * 1024)).resolves.toBeUndefined();
    await expect(checkUnpackedSize(file, 1000)).rejects.toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS' });
    // One entry of 3 MB of zeros that declares 100 bytes.
    const data = zlib.deflateRawSync(Buffer.alloc(3 * 1024 * 1024));
    const name = Buffer.from('xl/worksheets/sheet1.xml');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(100, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(100, 24);
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(46 + name.length, 12);
    end.writeUInt32LE(30 + name.length + data.length, 16);
    const liar = Buffer.concat([local, name, data, central, name, end]);
    await expect(checkUnpackedSize(liar, 1024 * 1024)).rejects.toMatchObject({ code: 'IMPORT_TOO_MANY_ROWS' });
    await expect(checkUnpackedSize(liar, 4 * 1024 * 1024)).resolves.toBeUndefined();
  });

  it('exports dates as dates, and text starting with =, +, - or @ as text with a leading apostrophe, never as a formula (written row by row)', async () => {
    const risky = ['=HYPERLINK("http://x","bấm")', '+1+cmd|calc', '-2+3', '@SUM(A1)'];
    const buffer = await activityExport('vi', [{
      activityDate: '2024-03-12', unitCode: '02176', unitName: risky[0] as string, village: risky[1] as string, format: 'Họp', topic: risky[2] as string,
      language: 'Tiếng Tày', campaign: '', materials: risky[3] as string, basis: 'Người mới', audiences: new Map(), total: 0, imported: false,
    }]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
    const row = (wb.worksheets[0] as ExcelJS.Worksheet).getRow(2);
    expect(row.getCell(1).value).toEqual(new Date(Date.UTC(2024, 2, 12)));
    expect(row.getCell(1).numFmt).toBe('dd/mm/yyyy');
    expect((wb.worksheets[0] as ExcelJS.Worksheet).getRow(1).getCell(2).value).toBe('Mã đơn vị');
    for (const [column, text] of [[3, risky[0]], [4, risky[1]], [6, risky[2]], [9, risky[3]]] as const) {
      expect(row.getCell(column).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(column).value).toBe(`'${text}`);
    }
  });

  it('tells the limit in words when a file checked in the background had too many rows', () => {
    const at = new Date().toISOString();
    const row = {
      id: 'x', created_by: 'u', year: 2024, file_name: 'lon.xlsx', status: 'failed', total_rows: 0, processed_rows: 0, valid_rows: 0, rejected_rows: 0,
      rejections: '[]', warnings: '[]', payload: null, activities_found: 0, imported_activities: 0, failure_code: 'IMPORT_TOO_MANY_ROWS', created_at: at, updated_at: at,
    };
    expect(presentImport(row, 'vi').failure).toBe('Bảng tính có quá 200.000 dòng. Hãy chia thành nhiều tệp.');
    expect(presentImport(row, 'en').failure).toBe('The workbook has more than 200,000 rows. Split it into several files.');
  });
});
