// Request bodies that tests build again and again: a case as the intake wizard opens it.
export const HOUR = 3_600_000;

/** An ISO instant some hours before now. */
export function hoursAgo(hours: number): string {
  return new Date(Date.now() - hours * HOUR).toISOString();
}

/**
 * A night report about a beating by the husband: detected `detectedHoursAgo` hours ago, the incident an
 * hour before that. `survivor` fields replace the defaults; the result may be changed before sending.
 */
export function caseIntake(unitId: string, options: { detectedAt?: string; survivor?: Record<string, unknown>; detectionSource?: string } = {}) {
  const detectedAt = options.detectedAt ?? hoursAgo(1);
  return {
    unitId,
    detectedAt,
    detectionSource: options.detectionSource ?? 'village_head',
    survivor: { fullName: 'Nguyễn Thị Hoa', sex: 'female', dateOfBirth: '1990-03-15', phone: '+84 912 345 678', ethnicityCode: '02', ...options.survivor },
    firstIncident: {
      occurredAt: new Date(Date.parse(detectedAt) - HOUR).toISOString(),
      placeType: 'shared_home',
      unitId,
      acts: ['a'],
      gbvimsAnswers: { rape: false, sexual_assault: false, physical_assault: true },
      gbvimsType: 'physical_assault',
      context: 'intimate_partner',
      injuries: 'minor',
      reportedToPolice: false,
      perpetrators: [{ sex: 'male', ageYears: 38, relationship: 'husband' }],
      narrative: 'Bị chồng đánh, đang trốn ở nhà chị gái.',
    },
  };
}
