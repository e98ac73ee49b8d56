import { describe, expect, it } from 'vitest';
import { groupActivityRows, parseCellDate, parseCount, parseMaterials, readActivityRow, type CellValue, type RowContext } from './import-rows.js';

const ctx: RowContext = {
  year: 2024,
  today: '2024-11-20',
  locale: 'vi',
  resolveUnit: (code) => (code === '02176' ? { unitId: 'u1' } : code === '02191' ? { problem: 'unit_out_of_scope' } : { problem: 'unit_unknown' }),
  resolveVillage: (_unitId, name) => (name === 'Bản Cháo' ? 'v1' : null),
};
const good: CellValue[] = ['15/11/2024', '02176', 'Bản Cháo', 'Họp, nói chuyện chuyên đề', 'Luật Phòng, chống BLGĐ', 'Tiếng Tày',
  'Tháng hành động vì bình đẳng giới và phòng ngừa BLG (15/11–15/12)', 'Tờ rơi: 200; Áp phích: 5', 'Người dân', 30, 25, '', 'Người mới', '', ''];

describe('readActivityRow', () => {
  it('reads a row written with labels, short names and Vietnamese numbers', () => {
    const result = readActivityRow(good, 2, ctx);
    expect(result).toMatchObject({ ok: true, value: { activityDate: '2024-11-15', unitId: 'u1', villageId: 'v1', format: 'meeting', language: 'tay', campaign: 'gbv_action_month', group: 'residents', female: 30, male: 25, unknownSex: 0, countingBasis: 'new_people', materials: [{ name: 'Tờ rơi', quantity: 200 }, { name: 'Áp phích', quantity: 5 }] } });
  });

  it('rejects a wrong unit, a negative count, an unknown group and a date outside the year, naming each column', () => {
    const row = [...good];
    row[1] = '99999';
    row[8] = 'Bộ đội biên phòng';
    row[9] = -4;
    const result = readActivityRow(row, 7, ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.column)).toEqual(['B (Mã đơn vị)', 'I (Nhóm đối tượng)', 'J (Số nữ)']);
    expect(result.issues[0]?.message).toBe('Không có đơn vị mã 99999 vào ngày của hoạt động');
    expect(result.issues.every((i) => i.row === 7)).toBe(true);
    const outside = readActivityRow(['03/01/2023', ...good.slice(1)], 3, ctx);
    expect(!outside.ok && outside.issues[0]?.message).toBe('Ngày 03/01/2023 không thuộc năm 2024 đã chọn');
  });

  it('rejects a unit outside the user’s area, text in a count cell and a row with nobody counted', () => {
    const row = [...good];
    row[1] = '02191';
    row[10] = 'ba mươi';
    const result = readActivityRow(row, 4, ctx);
    expect(!result.ok && result.issues.map((i) => i.message)).toEqual(['Đơn vị 02191 nằm ngoài phạm vi quản lý của bạn', 'Số người "ba mươi" không phải là số nguyên']);
    const empty = [...good];
    empty[9] = 0;
    empty[10] = null;
    const nobody = readActivityRow(empty, 5, ctx);
    expect(!nobody.ok && nobody.issues[0]?.message).toBe('Tổng số người tham dự bằng 0');
  });
});

describe('cell readers', () => {
  it('reads dates as Excel gives them and refuses ones that do not exist', () => {
    expect(parseCellDate(new Date(Date.UTC(2024, 10, 15)))).toBe('2024-11-15');
    expect(parseCellDate(45611)).toBe('2024-11-15');
    expect(parseCellDate('5/6/2024')).toBe('2024-06-05');
    expect(parseCellDate('30/02/2024')).toBeNull();
    expect(parseCellDate('hôm qua')).toBeNull();
  });

  it('reads counts: empty is 0, 1.200 is 1200, fractions and negatives are refused', () => {
    expect(parseCount(null)).toEqual({ ok: true, value: 0 });
    expect(parseCount('1.200')).toEqual({ ok: true, value: 1200 });
    expect(parseCount(2.5)).toEqual({ ok: false, key: 'count_not_number' });
    expect(parseCount('-3')).toEqual({ ok: false, key: 'count_negative' });
  });

  it('reads materials with or without quantities', () => {
    expect(parseMaterials('Tờ rơi: 1.000; Loa')).toEqual([{ name: 'Tờ rơi', quantity: 1000 }, { name: 'Loa', quantity: 0 }]);
  });
});

describe('groupActivityRows', () => {
  it('joins rows sharing an activity code and rejects a row that contradicts the first', () => {
    const first = readActivityRow([...good.slice(0, 13), 'HD1', ''], 2, ctx);
    const second = readActivityRow([...good.slice(0, 8), 'Học sinh', 5, 5, 0, 'Người mới', 'hd1', ''], 3, ctx);
    const contradicting = readActivityRow([...good.slice(0, 4), 'Chủ đề khác', ...good.slice(5, 8), 'Cán bộ', 1, 1, 0, 'Người mới', 'HD1', ''], 4, ctx);
    if (!first.ok || !second.ok || !contradicting.ok) throw new Error('rows should read');
    const { activities, issues } = groupActivityRows([first.value, second.value, contradicting.value], 'vi');
    expect(activities).toHaveLength(1);
    expect(activities[0]?.audiences.map((a) => a.group)).toEqual(['residents', 'students']);
    expect(issues).toMatchObject([{ row: 4, column: 'N (Mã hoạt động (nếu nhiều dòng))' }]);
  });
});
