// What the activity form holds while the user types (strings, empty fields), and its conversion to the
// API's input, checked with the domain's own schema so the form says exactly what the server would.
import { OutreachActivityInput, type OutreachActivityView } from '@binhan/domain';
import { zodMessages, issueText } from '../../lib/form-errors';

export interface AudienceDraft {
  group: string | null;
  female: number | string;
  male: number | string;
  unknownSex: number | string;
}

export interface ActivityDraft {
  activityDate: string;
  unitId: string | null;
  villageId: string | null;
  format: string | null;
  topic: string;
  language: string | null;
  languageOther: string;
  campaign: string | null;
  campaignNote: string;
  facilitatorMemberId: string | null;
  countingBasis: string;
  audiences: AudienceDraft[];
  materials: Array<{ name: string; quantity: number | string }>;
  note: string;
}

export function emptyDraft(today: string, unitId: string | null): ActivityDraft {
  return {
    activityDate: today, unitId, villageId: null, format: null, topic: '', language: 'vi', languageOther: '', campaign: null, campaignNote: '',
    facilitatorMemberId: null, countingBasis: 'new_people', audiences: [{ group: 'residents', female: '', male: '', unknownSex: '' }], materials: [], note: '',
  };
}

export function draftOf(a: OutreachActivityView): ActivityDraft {
  return {
    activityDate: a.activityDate, unitId: a.unit.id, villageId: a.village?.id ?? null, format: a.format, topic: a.topic, language: a.language,
    languageOther: a.languageOther ?? '', campaign: a.campaign, campaignNote: a.campaignNote ?? '', facilitatorMemberId: a.facilitatorMemberId,
    countingBasis: a.countingBasis, audiences: a.audiences.map((x) => ({ ...x })), materials: a.materials.map((m) => ({ ...m })), note: a.note ?? '',
  };
}

/** An empty number field counts as 0 people; anything else goes to the schema as typed. */
function count(value: number | string): number {
  if (typeof value === 'number') return value;
  return value.trim() === '' ? 0 : Number(value);
}

export function toInput(d: ActivityDraft): unknown {
  return {
    activityDate: d.activityDate,
    unitId: d.unitId ?? '',
    villageId: d.villageId,
    format: d.format ?? '',
    topic: d.topic,
    language: d.language ?? '',
    ...(d.language === 'other' ? { languageOther: d.languageOther } : {}),
    materials: d.materials.filter((m) => m.name.trim() !== '' || String(m.quantity).trim() !== '').map((m) => ({ name: m.name, quantity: count(m.quantity) })),
    facilitatorMemberId: d.facilitatorMemberId,
    campaign: d.campaign,
    ...(d.campaign === 'other' && d.campaignNote.trim() !== '' ? { campaignNote: d.campaignNote } : {}),
    countingBasis: d.countingBasis,
    audiences: d.audiences.map((a) => ({ group: a.group ?? '', female: count(a.female), male: count(a.male), unknownSex: count(a.unknownSex) })),
    ...(d.note.trim() !== '' ? { note: d.note } : {}),
  };
}

/** Check the draft; errors by field path ("audiences.0.female"), worded in the user's language. */
export function checkDraft(d: ActivityDraft): { input: OutreachActivityInput | null; errors: Record<string, string> } {
  const result = OutreachActivityInput.safeParse(toInput(d), zodMessages);
  if (result.success) return { input: toInput(d) as OutreachActivityInput, errors: {} };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String).join('.');
    errors[path] ??= issueText(issue.message) ?? issue.message;
  }
  return { input: null, errors };
}

export function audienceTotal(d: ActivityDraft): number {
  return d.audiences.reduce((sum, a) => sum + [a.female, a.male, a.unknownSex].reduce<number>((s, v) => s + (Number.isFinite(count(v)) ? count(v) : 0), 0), 0);
}
