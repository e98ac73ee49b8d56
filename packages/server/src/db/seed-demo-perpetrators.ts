// Synthetic perpetrators for the demo, made through the real API with the cases (seed-demo-cases.ts):
// each case's incident gets a new perpetrator record or, about one time in four, one already recorded
// (sometimes from another commune), so repeat violence across years and communes shows. Many are then
// counselled or handled: written commitments, behaviour-change education, community criticism where the
// law's rule fits, fines, a few criminal proceedings and commune no-contact orders of at most 3 days.
// Names carry "(mẫu)". A generator of its own keeps the cases' random sequence unchanged.
import { criticismRule, vietnamDateOf } from '@binhan/domain';
import type { LightMyRequestResponse } from 'fastify';
import { DEMO_LABEL } from './seed-demo.js';

const FAMILY = ['Nông', 'Hoàng', 'Lường', 'Triệu', 'Ma', 'Bế', 'Hà', 'Lục', 'Đinh', 'Sầm', 'La', 'Vi', 'Lý', 'Dương'];
const GIVEN = ['Văn Tài', 'Văn Sáng', 'Văn Dũng', 'Văn Mạnh', 'Đức Hùng', 'Văn Lợi', 'Văn Thắng', 'Văn Khánh', 'Văn Tuấn', 'Minh Đức', 'Văn Phúc', 'Văn Quý'];
const COUNSELLORS = ['Tổ hòa giải thôn', 'Công an xã', 'Hội Liên hiệp Phụ nữ xã', 'Hội Nông dân xã', 'Cán bộ văn hóa - xã hội xã', 'Hội Cựu chiến binh xã'];
const TOPICS = ['law_on_domestic_violence', 'anger_management', 'alcohol_and_substances', 'family_relations', 'gender_equality'];

type Call = (method: 'POST', url: string, payload: object) => Promise<LightMyRequestResponse>;

interface Known {
  id: string;
  unitId: string;
  birthYear: number;
  incidentsAt: string[];
}

export class DemoPerpetrators {
  private readonly known: Known[] = [];
  private readonly rand: () => number;

  constructor(random: () => number) {
    this.rand = random;
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.rand() * items.length)] as T;
  }

  /** The perpetrator entry of a new case's incident: a new record, or one already recorded. */
  entry(unitId: string, occurredAt: number, survivorAge: number): object {
    const year = Number(vietnamDateOf(new Date(occurredAt).toISOString()).slice(0, 4));
    if (this.known.length > 3 && this.rand() < 0.25) {
      // Mostly someone of the same commune; now and then someone recorded elsewhere in the district.
      const sameUnit = this.known.filter((k) => k.unitId === unitId);
      const person = sameUnit.length > 0 && this.rand() < 0.75 ? this.pick(sameUnit) : this.pick(this.known);
      const age = year - person.birthYear;
      if (age >= 16) {
        return { sex: 'male', ageYears: age, relationship: this.pick(['husband', 'husband', 'former_spouse', 'partner']), perpetratorId: person.id };
      }
    }
    const age = Math.max(18, survivorAge + Math.floor(this.rand() * 8) - 1);
    return {
      sex: 'male', ageYears: age, relationship: 'husband',
      newPerpetrator: {
        identity: { fullName: `${this.pick(FAMILY)} ${this.pick(GIVEN)} ${DEMO_LABEL}`, sex: 'male', ageYears: age, ethnicityCode: this.pick(['02', '02', '07', '01', '09', '08']), occupation: this.pick(['Làm ruộng', 'Làm nương', 'Lao động tự do', 'Khai thác gỗ']) },
        substanceUse: this.pick(['alcohol', 'alcohol', 'none', 'unknown', 'alcohol_and_drugs']),
        weaponAccess: this.pick(['no', 'no', 'unknown', 'yes']),
      },
    };
  }

  /** After the case is open: remember the record, then counsel and handle as a commune would. */
  async handle(call: Call, created: { incidents: Array<{ id: string; occurredAt: string; perpetrators: Array<{ perpetratorId?: string; ageYears?: number }> | null }> }, unitId: string, options: { critical: boolean; now: number }): Promise<void> {
    const incident = created.incidents[0];
    const entry = incident?.perpetrators?.[0];
    if (!incident || !entry?.perpetratorId) return;
    const id = entry.perpetratorId;
    const occurred = Date.parse(incident.occurredAt);
    const year = Number(vietnamDateOf(incident.occurredAt).slice(0, 4));
    let person = this.known.find((k) => k.id === id);
    if (!person) {
      person = { id, unitId, birthYear: year - (entry.ageYears ?? 35), incidentsAt: [] };
      this.known.push(person);
    }
    person.incidentsAt.push(incident.occurredAt);
    const day = (days: number) => vietnamDateOf(new Date(Math.min(occurred + days * 86_400_000, options.now)).toISOString());
    const expect = (response: LightMyRequestResponse, allowed: number[], what: string) => {
      if (!allowed.includes(response.statusCode)) throw new Error(`demo ${what} refused: ${response.statusCode} ${response.body}`);
    };
    const base = `/api/perpetrators/${id}`;
    if (this.rand() < 0.45) {
      expect(await call('POST', `${base}/counselling`, {
        heldOn: day(2 + Math.floor(this.rand() * 10)), counsellor: this.pick(COUNSELLORS), topic: this.pick(TOPICS),
        attendance: this.rand() < 0.85 ? 'attended' : 'absent', incidentId: incident.id,
      }), [201], 'counselling');
    }
    const roll = this.rand();
    const measure = (payload: object) => call('POST', `${base}/measures`, { incidentId: incident.id, ...payload });
    // Community criticism where the law's rule fits (an adult, two acts within 12 months); the server
    // still refuses it if a sanction recorded meanwhile means it no longer fits.
    const fits = criticismRule({ birthYear: person.birthYear, incidentsAt: person.incidentsAt, measures: [] }, day(7)).applies;
    if (fits && this.rand() < 0.7) {
      expect(await measure({ type: 'community_criticism', decidedOn: day(7), decidingBody: 'residential_community', status: 'completed' }), [201, 400, 409], 'criticism');
    } else if (roll < 0.18) {
      expect(await measure({ type: 'written_commitment', decidedOn: day(1), decidingBody: 'commune_police', status: 'completed' }), [201, 409], 'commitment');
    } else if (roll < 0.34) {
      expect(await measure({ type: 'behaviour_change_education', decidedOn: day(5), decidingBody: 'commune_chairman', status: this.rand() < 0.5 ? 'completed' : 'in_progress' }), [201, 409], 'education');
    } else if (roll < 0.44) {
      expect(await measure({
        type: 'administrative_sanction', decidedOn: day(3), decidingBody: 'commune_chairman', decisionNumber: `${1 + Math.floor(this.rand() * 60)}/QĐ-XPHC`,
        fineVnd: this.pick([1_000_000, 2_000_000, 3_000_000, 5_000_000]), status: 'completed',
      }), [201, 409], 'sanction');
    } else if (roll < 0.47) {
      expect(await measure({ type: 'criminal_proceedings', decidedOn: day(4), decidingBody: 'police_or_border_guard', criminalStage: this.pick(['investigation', 'prosecution', 'sentenced']), status: 'in_progress' }), [201, 409], 'proceedings');
    }
    if (options.critical && this.rand() < 0.5) {
      const starts = Math.min(occurred + 6 * 3_600_000, options.now - 3_600_000);
      expect(await measure({
        type: 'no_contact_order', decidedOn: vietnamDateOf(new Date(starts).toISOString()), decidingBody: 'commune_chairman', decisionNumber: `${1 + Math.floor(this.rand() * 40)}/QĐ-UBND`,
        noContact: { startsAt: new Date(starts).toISOString(), endsAt: new Date(starts + 72 * 3_600_000).toISOString() },
      }), [201, 409], 'no-contact order');
    }
  }
}
