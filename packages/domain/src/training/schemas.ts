// Input and view schemas of the officials roster, training courses, the communicators' network and
// trusted addresses. The server validates with them; the web app's forms and types come from them.
import { z } from 'zod';
import { UnitRef } from '../schemas/auth.js';
import { Id, IsoDate, optionalText, text } from '../schemas/common.js';
import { ETHNICITY_CODES } from '../cases/identity.js';
import { WHEN_FIELDS_VALID, hasDuplicates } from '../cases/refine.js';
import { normaliseMobile } from '../identity.js';
import {
  NETWORK_LANGUAGES, NETWORK_MEMBER_KINDS, STAFF_SEXES, TRAINING_ATTENDEE_GROUPS, TRAINING_TOPICS, TRUSTED_ADDRESS_KINDS,
  TRUSTED_ADDRESS_STATUSES,
} from './labels.js';

/** A course lasts at most this many days (attendance is taken per day). */
export const MAX_COURSE_DAYS = 60;

const issue = (ctx: z.RefinementCtx, path: string, key: string) => ctx.addIssue({ code: 'custom', path: [path], message: key });

/** A mobile number, normalised (0xxxxxxxxx); empty text means none. */
const Phone = z.string().trim().max(20).transform((value, ctx) => {
  if (value === '') return null;
  const mobile = normaliseMobile(value);
  if (mobile === null) {
    ctx.addIssue({ code: 'custom', message: 'phone_format' });
    return z.NEVER;
  }
  return mobile;
});

// ---------------------------------------------------------------- roster

export const FocalPointInput = z.strictObject({
  unitId: Id,
  fullName: text(120),
  position: text(160),
  sex: z.enum(STAFF_SEXES),
  ethnicityCode: z.enum(ETHNICITY_CODES).nullable().default(null),
  fromDate: IsoDate,
  toDate: IsoDate.nullable().default(null),
  /** The person's user account, when they have one. */
  userId: Id.nullable().default(null),
  /** On creation: a new posting of a person already on the roster (they moved post). */
  personId: Id.optional(),
}).superRefine((v, ctx) => {
  if (v.toDate !== null && v.toDate < v.fromDate) issue(ctx, 'toDate', 'date_before_start');
}, WHEN_FIELDS_VALID);
export type FocalPointInput = z.infer<typeof FocalPointInput>;

export const FocalPointEnd = z.strictObject({
  toDate: IsoDate,
  reason: optionalText(300),
});
export type FocalPointEnd = z.infer<typeof FocalPointEnd>;

export const RosterQuery = z.strictObject({
  unitId: Id.optional(),
  q: optionalText(100),
  status: z.enum(['active', 'ended', 'all']).default('active'),
});

export const FocalPointView = z.object({
  id: z.string(),
  personId: z.string(),
  fullName: z.string(),
  position: z.string(),
  unit: UnitRef,
  sex: z.enum(STAFF_SEXES),
  ethnicityCode: z.string().nullable(),
  fromDate: z.string(),
  toDate: z.string().nullable(),
  endReason: z.string().nullable(),
  userId: z.string().nullable(),
  /** The posting lasts today. */
  isActive: z.boolean(),
  /** Last day of the latest GBV course the person completed, if any. */
  gbvTrainedOn: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type FocalPointView = z.infer<typeof FocalPointView>;

// ---------------------------------------------------------------- courses

export const OtherAttendeeCount = z.strictObject({
  group: z.enum(TRAINING_ATTENDEE_GROUPS),
  female: z.number().int().min(0).max(10000),
  male: z.number().int().min(0).max(10000),
});
export type OtherAttendeeCount = z.infer<typeof OtherAttendeeCount>;

export const CourseInput = z.strictObject({
  /** The organising unit: the course belongs to its area. */
  unitId: Id,
  title: text(200),
  topic: z.enum(TRAINING_TOPICS),
  startDate: IsoDate,
  endDate: IsoDate,
  organiser: text(200),
  venue: optionalText(200),
  trainers: optionalText(500),
  materials: optionalText(1000),
  otherAttendees: z.array(OtherAttendeeCount).max(TRAINING_ATTENDEE_GROUPS.length).default([]),
}).superRefine((v, ctx) => {
  if (v.endDate < v.startDate) issue(ctx, 'endDate', 'date_before_start');
  else if ((Date.parse(v.endDate) - Date.parse(v.startDate)) / 86_400_000 + 1 > MAX_COURSE_DAYS) issue(ctx, 'endDate', 'course_too_long');
  if (hasDuplicates(v.otherAttendees.map((o) => o.group))) issue(ctx, 'otherAttendees', 'duplicate_items');
}, WHEN_FIELDS_VALID);
export type CourseInput = z.infer<typeof CourseInput>;

export const CourseQuery = z.strictObject({
  unitId: Id.optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  q: optionalText(100),
});

export const CourseListItem = z.object({
  id: z.string(),
  title: z.string(),
  topic: z.enum(TRAINING_TOPICS),
  isGbv: z.boolean(),
  unit: UnitRef,
  startDate: z.string(),
  endDate: z.string(),
  organiser: z.string(),
  venue: z.string().nullable(),
  /** Named attendees (roster, users, network members). */
  attendeeCount: z.number(),
  completedCount: z.number(),
  /** Attendees counted by group. */
  otherAttendeeCount: z.number(),
  /** Average of (score after − score before) over attendees with both scores. */
  averageGain: z.number().nullable(),
});
export type CourseListItem = z.infer<typeof CourseListItem>;

export const ATTENDEE_KINDS = ['focal_point', 'user', 'member'] as const;
export type AttendeeKind = (typeof ATTENDEE_KINDS)[number];

export const AttendeeView = z.object({
  id: z.string(),
  kind: z.enum(ATTENDEE_KINDS),
  /** Roster person, user or network member id. */
  refId: z.string(),
  fullName: z.string(),
  detail: z.string().nullable(),
  unit: UnitRef.nullable(),
  daysAttended: z.array(z.string()),
  completed: z.boolean(),
  scoreBefore: z.number().nullable(),
  scoreAfter: z.number().nullable(),
});
export type AttendeeView = z.infer<typeof AttendeeView>;

export const CourseDetail = CourseListItem.extend({
  trainers: z.string().nullable(),
  materials: z.string().nullable(),
  otherAttendees: z.array(OtherAttendeeCount),
  days: z.array(z.string()),
  /** Named attendees the user may see: all of them, or (a course held outside the user's area) those of the area. */
  attendees: z.array(AttendeeView),
  /** Named attendees from outside the user's area, counted but not named. */
  hiddenAttendeeCount: z.number(),
  /** Whether the user may change this course (it lies in their area and they manage training). */
  canManage: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CourseDetail = z.infer<typeof CourseDetail>;

export const AttendeeAdd = z.strictObject({
  kind: z.enum(ATTENDEE_KINDS),
  refId: Id,
});
export type AttendeeAdd = z.infer<typeof AttendeeAdd>;

const Score = z.number().min(0).max(100).nullable();

export const AttendanceUpdate = z.strictObject({
  daysAttended: z.array(IsoDate).max(MAX_COURSE_DAYS),
  completed: z.boolean(),
  scoreBefore: Score,
  scoreAfter: Score,
}).superRefine((v, ctx) => {
  if (hasDuplicates(v.daysAttended)) issue(ctx, 'daysAttended', 'duplicate_items');
}, WHEN_FIELDS_VALID);
export type AttendanceUpdate = z.infer<typeof AttendanceUpdate>;

export const AttendeeCandidate = z.object({
  kind: z.enum(ATTENDEE_KINDS),
  refId: z.string(),
  fullName: z.string(),
  detail: z.string().nullable(),
  unit: UnitRef.nullable(),
});
export type AttendeeCandidate = z.infer<typeof AttendeeCandidate>;

export const UntrainedFocalPoint = z.object({
  postingId: z.string(),
  personId: z.string(),
  fullName: z.string(),
  position: z.string(),
  unit: UnitRef,
});

/** T3's answer: the value, and (for roles that read the roster) who is not yet trained. */
export const T3Value = z.object({
  code: z.literal('T3'),
  numerator: z.number(),
  denominator: z.number(),
  value: z.number().nullable(),
  from: z.string(),
  to: z.string(),
  unitId: z.string().nullable(),
  trainedFrom: z.string(),
  untrained: z.array(UntrainedFocalPoint).nullable(),
});
export type T3Value = z.infer<typeof T3Value>;

export const T3Query = z.strictObject({
  unitId: Id.optional(),
  from: IsoDate,
  to: IsoDate,
  /** Start of the plan period from which a course counts; defaults to `from`. */
  trainedFrom: IsoDate.optional(),
});

// ---------------------------------------------------------------- network

export const NetworkMemberInput = z.strictObject({
  unitId: Id,
  villageId: Id.nullable().default(null),
  fullName: text(120),
  sex: z.enum(STAFF_SEXES),
  ethnicityCode: z.enum(ETHNICITY_CODES).nullable().default(null),
  languages: z.array(z.enum(NETWORK_LANGUAGES)).min(1).max(NETWORK_LANGUAGES.length),
  kind: z.enum(NETWORK_MEMBER_KINDS),
  isCore: z.boolean().default(false),
  isActive: z.boolean().default(true),
  /** Absent on a change: kept as it is; empty text: removed. */
  phone: Phone.optional(),
  /** A user account with the communicator role. */
  userId: Id.nullable().default(null),
}).superRefine((v, ctx) => {
  if (hasDuplicates(v.languages)) issue(ctx, 'languages', 'duplicate_items');
}, WHEN_FIELDS_VALID);
export type NetworkMemberInput = z.infer<typeof NetworkMemberInput>;

export const NetworkMemberQuery = z.strictObject({
  unitId: Id.optional(),
  q: optionalText(100),
  activeOnly: z.enum(['true', 'false']).default('false'),
  coreOnly: z.enum(['true', 'false']).default('false'),
});

export const NetworkMemberView = z.object({
  id: z.string(),
  fullName: z.string(),
  sex: z.enum(STAFF_SEXES),
  ethnicityCode: z.string().nullable(),
  languages: z.array(z.enum(NETWORK_LANGUAGES)),
  kind: z.enum(NETWORK_MEMBER_KINDS),
  /** Same as kind; the name the contract with the outreach module uses. */
  roleKind: z.enum(NETWORK_MEMBER_KINDS),
  isCore: z.boolean(),
  isActive: z.boolean(),
  unit: UnitRef,
  village: UnitRef.nullable(),
  userId: z.string().nullable(),
  hasPhone: z.boolean(),
  trainingsAttended: z.number(),
  activitiesLed: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type NetworkMemberView = z.infer<typeof NetworkMemberView>;

export const MemberReveal = z.object({ phone: z.string().nullable() });

export const TrustedAddressInput = z.strictObject({
  unitId: Id,
  villageId: Id.nullable().default(null),
  kind: z.enum(TRUSTED_ADDRESS_KINDS),
  /** A name that does not give the location away ("Hộ tin cậy số 2", "Chi hội phụ nữ thôn"). */
  name: text(200),
  capacity: z.number().int().min(0).max(100),
  status: z.enum(TRUSTED_ADDRESS_STATUSES),
  /** Protected fields: absent on a change keeps them; empty text removes them. */
  contactPerson: optionalText(120),
  phone: Phone.optional(),
  address: optionalText(300),
});
export type TrustedAddressInput = z.infer<typeof TrustedAddressInput>;

export const TrustedAddressQuery = z.strictObject({
  unitId: Id.optional(),
  status: z.enum([...TRUSTED_ADDRESS_STATUSES, 'all']).default('all'),
});

export const TrustedAddressView = z.object({
  id: z.string(),
  kind: z.enum(TRUSTED_ADDRESS_KINDS),
  name: z.string(),
  unit: UnitRef,
  village: UnitRef.nullable(),
  capacity: z.number(),
  status: z.enum(TRUSTED_ADDRESS_STATUSES),
  hasContact: z.boolean(),
  hasLocation: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TrustedAddressView = z.infer<typeof TrustedAddressView>;

export const TrustedAddressReveal = z.object({
  contactPerson: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});
export type TrustedAddressReveal = z.infer<typeof TrustedAddressReveal>;

export const CoverageQuery = z.strictObject({
  unitId: Id.optional(),
  from: IsoDate,
  to: IsoDate,
});

export const CoverageRow = z.object({
  unit: UnitRef,
  members: z.number(),
  activeMembers: z.number(),
  coreMembers: z.number(),
  villages: z.number(),
  villagesWithoutMember: z.array(UnitRef),
  /** Communication activities recorded in the commune's area in the period. */
  activities: z.number(),
  /** Of those, the ones led by a member of the network. */
  activitiesLed: z.number(),
  /** Activities led by members in the period per active member; null without active members. */
  activitiesPerMember: z.number().nullable(),
  /** Active trusted addresses; null for those who do not manage them (their existence is protected too). */
  trustedAddresses: z.number().nullable(),
});
export type CoverageRow = z.infer<typeof CoverageRow>;

export const NetworkCoverage = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(CoverageRow),
});
export type NetworkCoverage = z.infer<typeof NetworkCoverage>;
