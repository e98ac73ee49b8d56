import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AdminUnit, UnitSuccession } from './admin-units.js';
import {
  REFERENCE_FILES, checkReference, parseReferenceSuccessions, parseReferenceUnits, planProvinceLoad, referenceNameAndKind,
  type ReferenceData, type ReferenceProblem,
} from './unit-reference.js';

// A small country: old provinces 06 (district 066 with two communes) and 19 (district 164 with one commune), merged
// into new province 19 with two communes; old 02137 was split between both new communes. Province 01 is elsewhere.
const OLD = `level,code,name,kind,parent_code
province,01,Thành phố Hà Nội,Thành phố Trung ương,
district,001,Quận Ba Đình,Quận,01
commune,00001,Phường Phúc Xá,Phường,001
province,06,Tỉnh Bắc Kạn,Tỉnh,
district,066,Huyện Na Rì,Huyện,06
commune,02137,Xã Văn Vũ,Xã,066
commune,02155,Thị trấn Yến Lạc,Thị trấn,066
province,19,Tỉnh Thái Nguyên,Tỉnh,
district,164,Thành phố Thái Nguyên,Thành phố,19
commune,05440,Phường Quán Triều,Phường,164
district,755,Huyện Côn Đảo,Huyện,19
`;
const NEW = `level,code,name,kind,parent_code
province,01,Thành phố Hà Nội,Thành phố,
commune,00004,Phường Ba Đình,Phường,01
province,19,Tỉnh Thái Nguyên,Tỉnh,
commune,02155,Xã Na Rì,Xã,19
commune,05440,Phường Quan Triều,Phường,19
commune,26732,Đặc khu Côn Đảo,Đặc khu,19
`;
const SUCCESSION = `level,new_code,old_code,old_name,share
province,01,01,Thành phố Hà Nội,full
commune,00004,00001,Phường Phúc Xá,full
province,19,06,Tỉnh Bắc Kạn,full
province,19,19,Tỉnh Thái Nguyên,full
commune,02155,02155,Thị trấn Yến Lạc,full
commune,02155,02137,Xã Văn Vũ,partial
commune,05440,02137,Xã Văn Vũ,partial
commune,05440,05440,Phường Quán Triều,full
commune,26732,755,Huyện Côn Đảo,full
`;

function data(files: { old?: string; current?: string; successions?: string } = {}): { data: ReferenceData; problems: ReferenceProblem[] } {
  const problems: ReferenceProblem[] = [];
  return {
    problems,
    data: {
      old: parseReferenceUnits(REFERENCE_FILES.old, files.old ?? OLD, problems),
      current: parseReferenceUnits(REFERENCE_FILES.current, files.current ?? NEW, problems),
      successions: parseReferenceSuccessions(REFERENCE_FILES.successions, files.successions ?? SUCCESSION, problems),
    },
  };
}

function ids() {
  let n = 0;
  return () => `id${++n}`;
}

function plan(files: Parameters<typeof data>[0] = {}, existing: AdminUnit[] = [], links: UnitSuccession[] = [], province = '19') {
  return planProvinceLoad(data(files).data, existing, links, { province, makeId: ids() });
}

const reasons = (problems: ReferenceProblem[]) => problems.map((p) => `${p.file}:${p.line}: ${p.reason}`);

describe('names and kinds of the national lists', () => {
  it('drop the prefix the kind already says and keep the others', () => {
    expect(referenceNameAndKind({ level: 'commune', name: 'Xã Trần Phú', kind: 'Xã' })).toEqual({ name: 'Trần Phú', kind: 'commune' });
    expect(referenceNameAndKind({ level: 'commune', name: 'Thị trấn Yến Lạc', kind: 'Thị trấn' })).toEqual({ name: 'Yến Lạc', kind: 'town' });
    expect(referenceNameAndKind({ level: 'commune', name: 'Đặc khu Côn Đảo', kind: 'Đặc khu' })).toEqual({ name: 'Côn Đảo', kind: 'special_zone' });
    expect(referenceNameAndKind({ level: 'province', name: 'Tỉnh Thái Nguyên', kind: 'Tỉnh' })).toEqual({ name: 'Thái Nguyên', kind: 'province' });
    expect(referenceNameAndKind({ level: 'province', name: 'Thành phố Hà Nội', kind: 'Thành phố Trung ương' })).toEqual({ name: 'Thành phố Hà Nội', kind: 'province' });
    expect(referenceNameAndKind({ level: 'district', name: 'Quận Ba Đình', kind: 'Quận' })).toEqual({ name: 'Quận Ba Đình', kind: 'district' });
    expect(referenceNameAndKind({ level: 'commune', name: 'Bản Pò', kind: 'Bản' })).toBeNull();
  });
});

describe('planning a province on an empty database', () => {
  it('adds the new province and communes, the old provinces that went into it with their districts and communes, and the successions', () => {
    const p = plan();
    expect(p.problems).toEqual([]);
    const byCode = (code: string, validFrom: string) => p.units.find((u) => u.code === code && u.validFrom === validFrom);
    expect(p.units.map((u) => `${u.code}@${u.validFrom}`).sort()).toEqual([
      '02137@2016-01-01', '02155@2016-01-01', '02155@2025-07-01', '05440@2016-01-01', '05440@2025-07-01',
      '066@2016-01-01', '06@2016-01-01', '164@2016-01-01', '19@2016-01-01', '19@2025-07-01', '26732@2025-07-01', '755@2016-01-01',
    ]);
    expect(byCode('02155', '2016-01-01')).toMatchObject({ name: 'Yến Lạc', kind: 'town', validTo: '2025-06-30', parentId: byCode('066', '2016-01-01')?.id });
    expect(byCode('02155', '2025-07-01')).toMatchObject({ name: 'Na Rì', kind: 'commune', validTo: null, parentId: byCode('19', '2025-07-01')?.id });
    expect(byCode('164', '2016-01-01')).toMatchObject({ name: 'Thành phố Thái Nguyên', kind: 'district' });
    // Hà Nội is another province: not loaded.
    expect(p.units.some((u) => u.code.startsWith('0000'))).toBe(false);
    expect(p.counts).toEqual([
      { generation: 'old', level: 'province', added: 2, existing: 0 },
      { generation: 'old', level: 'district', added: 3, existing: 0 },
      { generation: 'old', level: 'commune', added: 3, existing: 0 },
      { generation: 'new', level: 'province', added: 1, existing: 0 },
      { generation: 'new', level: 'commune', added: 3, existing: 0 },
    ]);
    expect(p.successionsAdded).toBe(7);
  });

  it('names as main the successor that kept the old code, else the first in file order; a whole unit’s one successor is its main one', () => {
    const p = plan();
    const id = (code: string, validFrom: string) => p.units.find((u) => u.code === code && u.validFrom === validFrom)?.id;
    const link = (from: string, to: string) => p.successions.find((s) => s.fromId === id(from, '2016-01-01') && s.toId === id(to, '2025-07-01'));
    expect(link('02137', '02155')).toEqual(expect.objectContaining({ isPart: true, isMain: true }));
    expect(link('02137', '05440')).toEqual(expect.objectContaining({ isPart: true, isMain: false }));
    expect(link('02155', '02155')).toEqual(expect.objectContaining({ isPart: false, isMain: true }));
    const swapped = SUCCESSION.replace('commune,02155,02137,Xã Văn Vũ,partial\ncommune,05440,02137,Xã Văn Vũ,partial', 'commune,05440,02137,Xã Văn Vũ,partial\ncommune,02155,02137,Xã Văn Vũ,partial');
    const r = plan({ old: OLD.replace('commune,02137,', 'commune,02138,'), successions: swapped.replace(/,02137,/g, ',02138,') });
    const rid = (code: string, validFrom: string) => r.units.find((u) => u.code === code && u.validFrom === validFrom)?.id;
    expect(r.successions.find((s) => s.fromId === rid('02138', '2016-01-01') && s.isMain)?.toId).toBe(rid('05440', '2025-07-01'));
  });

  it('takes an island district without communes named at commune level as the predecessor of its special zone', () => {
    const p = plan();
    const from = p.units.find((u) => u.code === '755')?.id;
    const to = p.units.find((u) => u.code === '26732')?.id;
    expect(p.successions).toContainEqual({ fromId: from, toId: to, isPart: false, isMain: true });
  });

  it('starts old units on the date given, not after they end', () => {
    const p = planProvinceLoad(data().data, [], [], { province: '19', oldValidFrom: '2010-01-01', makeId: ids() });
    expect(p.units.filter((u) => u.validTo === '2025-06-30').every((u) => u.validFrom === '2010-01-01')).toBe(true);
    const late = planProvinceLoad(data().data, [], [], { province: '19', oldValidFrom: '2025-07-01', makeId: ids() });
    expect(late).toMatchObject({ units: [], problems: [{ line: 0, reason: expect.stringContaining('old units cannot start after they end') }] });
  });
});

describe('planning against units already in the database', () => {
  const seed: AdminUnit[] = [
    { id: 'bk', code: '06', name: 'Bắc Kạn', kind: 'province', parentId: null, validFrom: '1997-01-01', validTo: '2025-06-30' },
    { id: 'tn', code: '19', name: 'Thái Nguyên', kind: 'province', parentId: null, validFrom: '1997-01-01', validTo: null },
    { id: 'nr', code: '066', name: 'Na Rì', kind: 'district', parentId: 'bk', validFrom: '1997-01-01', validTo: '2025-06-30' },
    { id: 'yl17', code: '02155', name: 'Lương Hạ', kind: 'commune', parentId: 'nr', validFrom: '1997-01-01', validTo: '2020-01-31' },
    { id: 'yl20', code: '02155', name: 'Yến Lạc', kind: 'town', parentId: 'nr', validFrom: '2020-02-01', validTo: '2025-06-30' },
    { id: 'vv17', code: '02137', name: 'Vũ Loan', kind: 'commune', parentId: 'nr', validFrom: '1997-01-01', validTo: '2020-01-31' },
    { id: 'nari', code: '02155', name: 'Na Rì', kind: 'commune', parentId: 'tn', validFrom: '2025-07-01', validTo: null },
  ];
  const seedLinks: UnitSuccession[] = [
    { fromId: 'bk', toId: 'tn', isPart: false, isMain: true },
    { fromId: 'yl20', toId: 'nari', isPart: false, isMain: true },
  ];

  it('reuses a unit of the same code and level valid on 30/6/2025 or 1/7/2025, and adds no succession twice', () => {
    const p = plan({}, seed, seedLinks);
    expect(p.problems).toEqual([]);
    const codes = p.units.map((u) => `${u.code}@${u.validFrom}`);
    expect(codes).not.toContain('02155@2016-01-01');
    expect(codes).not.toContain('02155@2025-07-01');
    expect(codes.filter((c) => c.startsWith('19@') || c.startsWith('06@') || c.startsWith('066@'))).toEqual([]);
    // Old 02137 starts after the unit of that code that ended in 2020 (the richer layer wins).
    expect(p.units.find((u) => u.code === '02137')).toMatchObject({ validFrom: '2020-02-01', validTo: '2025-06-30', parentId: 'nr' });
    expect(p.units.find((u) => u.code === '05440' && u.validTo === null)?.parentId).toBe('tn');
    // Bắc Kạn → Thái Nguyên and Yến Lạc → Na Rì are there; old 19 and new 19 are one unit here.
    expect(p.successions.some((s) => s.fromId === 'bk' || s.fromId === 'yl20' || s.fromId === s.toId)).toBe(false);
    expect(p.successionsExisting).toBe(3);
    expect(p.counts.find((c) => c.generation === 'old' && c.level === 'commune')).toEqual({ generation: 'old', level: 'commune', added: 2, existing: 1 });
  });

  it('plans nothing the second time', () => {
    const first = plan();
    const second = plan({}, first.units, first.successions);
    expect(second).toMatchObject({ problems: [], units: [], successions: [], successionsAdded: 0, successionsExisting: 7 });
  });

  it('adds a second province beside the first', () => {
    const first = plan();
    const second = plan({}, first.units, first.successions, '01');
    expect(second.problems).toEqual([]);
    expect(second.units.map((u) => u.code).sort()).toEqual(['00001', '00004', '001', '01', '01']);
  });

  it('keeps the main successor the database already names', () => {
    const vv20: AdminUnit = { id: 'vv20', code: '02137', name: 'Văn Vũ', kind: 'commune', parentId: 'nr', validFrom: '2020-02-01', validTo: '2025-06-30' };
    const qt: AdminUnit = { id: 'qt', code: '05440', name: 'Quan Triều', kind: 'ward', parentId: 'tn', validFrom: '2025-07-01', validTo: null };
    const p = plan({}, [...seed, vv20, qt], [...seedLinks, { fromId: 'vv20', toId: 'qt', isPart: true, isMain: true }]);
    expect(p.problems).toEqual([]);
    expect(p.successions.filter((s) => s.fromId === 'vv20')).toEqual([{ fromId: 'vv20', toId: 'nari', isPart: true, isMain: false }]);
  });
});

describe('bad reference data is refused with the row and the reason, and nothing is planned', () => {
  it('an unknown parent code', () => {
    const p = plan({ old: OLD.replace('commune,02137,Xã Văn Vũ,Xã,066', 'commune,02137,Xã Văn Vũ,Xã,067') });
    expect(reasons(p.problems)).toEqual([`${REFERENCE_FILES.old}:7: mã cấp trên không rõ / unknown parent code 067 (district)`]);
    expect(p.units).toEqual([]);
    expect(p.successions).toEqual([]);
  });

  it('an unknown old code in the succession', () => {
    const p = plan({ successions: SUCCESSION.replace('commune,05440,05440,', 'commune,05440,05443,') });
    expect(reasons(p.problems)).toEqual([`${REFERENCE_FILES.successions}:9: mã cũ không rõ / unknown old code 05443 (commune, Phường Quán Triều) not in ${REFERENCE_FILES.old}`]);
    expect(p.units).toEqual([]);
  });

  it('a successor that does not exist', () => {
    const p = plan({ successions: SUCCESSION.replace('commune,02155,02155,', 'commune,02158,02155,') });
    expect(reasons(p.problems)).toEqual([`${REFERENCE_FILES.successions}:6: đơn vị kế thừa không tồn tại / successor 02158 (commune) does not exist in ${REFERENCE_FILES.current}`]);
    expect(p.units).toEqual([]);
  });

  it('overlapping validity: the same code twice in one list', () => {
    const p = plan({ current: `${NEW}commune,05440,Phường Quang Trung,Phường,19\n` });
    expect(reasons(p.problems)).toEqual([
      `${REFERENCE_FILES.current}:8: mã 05440 (commune) đã có ở dòng 6: hai đơn vị cùng mã có hiệu lực cùng ngày / code 05440 (commune) already on line 6: overlapping validity`,
    ]);
  });

  it('overlapping validity with a unit already in the database', () => {
    const later: AdminUnit = { id: 'x', code: '05440', name: 'Quan Triều', kind: 'ward', parentId: null, validFrom: '2026-01-01', validTo: null };
    const p = plan({}, [later]);
    expect(p.problems).toHaveLength(1);
    expect(p.problems[0]).toMatchObject({ file: REFERENCE_FILES.current, line: 6, reason: expect.stringContaining('overlapping validity with an existing unit') });
    expect(p.units).toEqual([]);
  });

  it('a cycle in successions', () => {
    const first = plan();
    const id = (code: string, validFrom: string) => first.units.find((u) => u.code === code && u.validFrom === validFrom)?.id as string;
    // The database says new Quan Triều went into old Văn Vũ: the file's Văn Vũ → Quan Triều closes a cycle.
    const existing = first.units;
    const links = first.successions.filter((s) => !(s.fromId === id('02137', '2016-01-01') && s.toId === id('05440', '2025-07-01')));
    links.push({ fromId: id('05440', '2025-07-01'), toId: id('02137', '2016-01-01'), isPart: false });
    const p = plan({}, existing, links);
    expect(reasons(p.problems)).toEqual([`${REFERENCE_FILES.successions}:8: vòng kế thừa / a cycle in successions: 02137 → 05440 leads back to 02137`]);
    expect(p.successions).toEqual([]);
  });

  it('a province code that is not in the list from 1/7/2025', () => {
    expect(reasons(plan({}, [], [], '06').problems)).toEqual([`${REFERENCE_FILES.current}:0: không có tỉnh mã 06 từ 1/7/2025 / no province with code 06 from 1/7/2025`]);
  });

  it('a bad line, an unknown kind and a bad share', () => {
    const { problems } = data({ successions: `${SUCCESSION}commune,05440,02155,Thị trấn Yến Lạc,half\n` });
    expect(reasons(problems)).toEqual([`${REFERENCE_FILES.successions}:11: share phải là full hoặc partial / share must be full or partial, not "half"`]);
    const p = plan({ current: NEW.replace('Phường Quan Triều,Phường', 'Phường Quan Triều,Khu') });
    expect(reasons(p.problems)).toEqual([`${REFERENCE_FILES.current}:6: loại đơn vị không rõ / unknown kind "Khu" for commune`]);
  });

  it('a bad row of another province does not block this one, and is reported as a warning', () => {
    const p = plan({ current: NEW.replace('Phường Ba Đình,Phường', 'Phường Ba Đình,Khu') });
    expect(p.problems).toEqual([]);
    expect(p.units.length).toBeGreaterThan(0);
    expect(p.warnings).toEqual([{ file: REFERENCE_FILES.current, line: 3, reason: 'loại đơn vị không rõ / unknown kind "Khu" for commune', province: '01' }]);
    expect(plan({ current: NEW.replace('Phường Ba Đình,Phường', 'Phường Ba Đình,Khu') }, [], [], '01').problems).toHaveLength(1);
  });
});

describe('the national lists as shipped', () => {
  it('have no problem, and name as predecessors of the 5 island special zones their districts', () => {
    const folder = path.join(import.meta.dirname, '../data/vn-admin-units');
    const { data: national, problems } = data({
      old: fs.readFileSync(path.join(folder, REFERENCE_FILES.old), 'utf8'),
      current: fs.readFileSync(path.join(folder, REFERENCE_FILES.current), 'utf8'),
      successions: fs.readFileSync(path.join(folder, REFERENCE_FILES.successions), 'utf8'),
    });
    expect(problems).toEqual([]);
    expect(national).toMatchObject({ old: { length: 10806 }, current: { length: 3355 }, successions: { length: 10667 } });
    const checked = checkReference(national);
    expect(checked.problems).toEqual([]);
    expect(checked.successions.filter((s) => s.old.level === 'district').map((s) => `${s.old.code}>${s.current.code}`).sort())
      .toEqual(['318>11948', '471>19742', '498>20333', '536>21548', '755>26732']);
    // Every old unit that has successors has exactly one main one.
    const mains = new Map<string, number>();
    for (const s of checked.successions) mains.set(`${s.old.level}:${s.old.code}`, (mains.get(`${s.old.level}:${s.old.code}`) ?? 0) + (s.isMain ? 1 : 0));
    expect([...mains.values()].every((n) => n === 1)).toBe(true);
  });
});
