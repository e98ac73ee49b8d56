// What a district sets for its public page: the hotlines shown as tap-to-call links, where quick exit
// goes, the area's name, and the limits that keep a flood of reports from filling the disk.
import fs from 'node:fs';
import { z } from 'zod';

const Bilingual = z.strictObject({ vi: z.string().trim().min(1).max(120), en: z.string().trim().min(1).max(120) });

const Hotline = z.strictObject({
  /** As dialled: digits, spaces allowed for reading ("1900 969 680"). */
  number: z.string().trim().regex(/^\+?[0-9 ]{3,20}$/, 'digits and spaces only'),
  name: Bilingual,
  /** Free of charge, 24 hours: said next to the number. */
  note: Bilingual.optional(),
  /** Shown first when a child is involved. */
  forChildren: z.boolean().default(false),
});
export type Hotline = z.infer<typeof Hotline>;

/** An absolute http(s) address, or a path on this site (tests, or a local neutral page). */
const NeutralUrl = z.string().trim().refine((value) => {
  if (/^\/[^/\\]/.test(value)) return true;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}, 'an https:// address or a path starting with /');

export const PublicPageFile = z.strictObject({
  areaName: Bilingual.optional(),
  hotlines: z.array(Hotline).min(1).max(12).optional(),
  quickExitUrl: NeutralUrl.optional(),
  /** Report submissions one address may make in 10 minutes (mobile carriers share addresses: keep it generous). */
  reportsPerAddressPer10Minutes: z.number().int().min(1).max(1000).optional(),
  /** Reports accepted from the public page per hour about one commune; beyond it visitors are asked to call. */
  reportsPerCommunePerHour: z.number().int().min(1).max(100000).optional(),
  /** Reports accepted from the public page per hour in total, all communes together (protects the disk). */
  reportsPerHour: z.number().int().min(1).max(100000).optional(),
});

export interface PublicPageSettings {
  areaName: { vi: string; en: string };
  hotlines: Hotline[];
  quickExitUrl: string;
  reportsPerAddressPer10Minutes: number;
  reportsPerCommunePerHour: number;
  reportsPerHour: number;
}

export const DEFAULT_PUBLIC_PAGE: PublicPageSettings = {
  areaName: { vi: 'Na Rì', en: 'Na Ri' },
  hotlines: [
    { number: '111', name: { vi: 'Tổng đài quốc gia bảo vệ trẻ em', en: 'National child protection hotline' }, note: { vi: 'miễn phí, 24/7', en: 'free, 24/7' }, forChildren: true },
    { number: '113', name: { vi: 'Công an', en: 'Police' }, note: { vi: 'khẩn cấp', en: 'emergency' }, forChildren: false },
    { number: '115', name: { vi: 'Cấp cứu y tế', en: 'Ambulance' }, note: { vi: 'khẩn cấp', en: 'emergency' }, forChildren: false },
  ],
  // A weather search: an ordinary thing to have open on a phone.
  quickExitUrl: 'https://www.google.com/search?q=th%E1%BB%9Di+ti%E1%BA%BFt',
  reportsPerAddressPer10Minutes: 10,
  reportsPerCommunePerHour: 30,
  reportsPerHour: 2000,
};

/** Read the settings file named by BINHAN_PUBLIC_PAGE; the defaults fill what it leaves out. */
export function loadPublicPageSettings(file: string | undefined, fail: (message: string) => Error): PublicPageSettings {
  if (file === undefined || file.trim() === '') return DEFAULT_PUBLIC_PAGE;
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw fail(`BINHAN_PUBLIC_PAGE: cannot read ${file} as JSON (${(error as Error).message})`);
  }
  const parsed = PublicPageFile.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw fail(`BINHAN_PUBLIC_PAGE: ${file} is not valid:\n${lines.join('\n')}`);
  }
  const p = parsed.data;
  return {
    areaName: p.areaName ?? DEFAULT_PUBLIC_PAGE.areaName,
    hotlines: p.hotlines ?? DEFAULT_PUBLIC_PAGE.hotlines,
    quickExitUrl: p.quickExitUrl ?? DEFAULT_PUBLIC_PAGE.quickExitUrl,
    reportsPerAddressPer10Minutes: p.reportsPerAddressPer10Minutes ?? DEFAULT_PUBLIC_PAGE.reportsPerAddressPer10Minutes,
    reportsPerCommunePerHour: p.reportsPerCommunePerHour ?? DEFAULT_PUBLIC_PAGE.reportsPerCommunePerHour,
    reportsPerHour: p.reportsPerHour ?? DEFAULT_PUBLIC_PAGE.reportsPerHour,
  };
}
