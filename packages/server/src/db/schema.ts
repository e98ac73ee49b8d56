// Table types for Kysely. Timestamps are ISO-8601 UTC strings and booleans are 0/1 integers on both
// SQLite and PostgreSQL, so rows look the same whichever database runs.
import type { Generated } from 'kysely';

export interface AdminUnitTable {
  id: string;
  code: string;
  name: string;
  name_folded: string;
  kind: string;
  parent_id: string | null;
  valid_from: string;
  valid_to: string | null;
  created_at: string;
}

export interface UnitSuccessionTable {
  from_id: string;
  to_id: string;
  is_part: number;
  /** 1 for the successor that an old unit's records without a known village move to (issue 13). */
  is_main: Generated<number>;
}

/** A dated record found in a unit that did not exist on its date, and where migration 0017 moved it (null: left, to be placed by hand). */
export interface UnitRepairTable {
  table_name: string;
  row_id: string;
  record_date: string;
  from_unit_id: string;
  to_unit_id: string | null;
  repaired_at: string;
}

export interface UserTable {
  id: string;
  username: string;
  display_name: string;
  display_name_folded: string;
  role: string;
  unit_id: string | null;
  organisation: string | null;
  locale: string;
  password_hash: string;
  must_change_password: number;
  totp_secret_enc: string | null;
  totp_enabled: number;
  totp_last_step: number | null;
  is_disabled: number;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
  /** For a service provider's staff: the directory entry whose referrals they handle. */
  provider_id: string | null;
}

export interface RecoveryCodeTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  stage: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  ip_address: string | null;
  user_agent: string | null;
  revoked_at: string | null;
  pending_totp_secret_enc: string | null;
}

export interface AuthThrottleTable {
  key: string;
  window_start: string;
  failures: number;
  locked_until: string | null;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_username: string | null;
  actor_role: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  outcome: string;
  ip_address: string | null;
  details: string;
  prev_hash: string;
  hash: string;
}

export interface KeyCheckTable {
  kid: string;
  probe: string;
  created_at: string;
}

/** The root of the search-index and audit keys, encrypted under the current data key (one row, id 1). */
export interface KeyRootTable {
  id: number;
  root_enc: string;
  created_at: string;
}

export interface CaseSequenceTable {
  unit_code: string;
  year: number;
  last_seq: number;
}

export interface CaseTable {
  id: string;
  code: string;
  unit_id: string;
  village_id: string | null;
  status: string;
  closure_reason: string | null;
  detection_source: string;
  detected_at: string;
  received_by: string;
  assigned_officer_id: string | null;
  is_child: number;
  risk_level: string | null;
  first_risk_level: string | null;
  first_intervention_at: string | null;
  has_service_or_referral: number;
  /** The client's key for the intake draft (Idempotency-Key), so a repeated send opens no second case. */
  client_key: string | null;
  /** sha256 of the request that came with the Idempotency-Key: the same key with another body is refused. */
  client_request_hash: string | null;
  /** A closure the commune officer asked for, waiting for the supervisor. */
  closure_requested_at: string | null;
  closure_requested_by: string | null;
  closure_requested_reason: string | null;
  /** The safety plan agreed with the survivor, encrypted; edited field by field with conflict detection. */
  safety_plan_enc: string | null;
  /** The date of the next planned follow-up, yyyy-mm-dd. */
  next_follow_up_on: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SurvivorTable {
  case_id: string;
  identity_enc: string;
  sex: string;
  age_group: string;
  ethnicity_code: string | null;
  has_disability: number;
}

export interface SurvivorTokenTable {
  case_id: string;
  kind: string;
  token_hash: string;
}

export interface IncidentTable {
  id: string;
  case_id: string;
  occurred_at: string;
  place_type: string;
  unit_id: string;
  acts: string;
  forms: string;
  gbvims_type: string;
  gbvims_suggested: string | null;
  override_reason_enc: string | null;
  context: string;
  injuries: string;
  reported_to_police: number;
  details_enc: string | null;
  created_by: string;
  created_at: string;
}

export interface RiskAssessmentTable {
  id: string;
  case_id: string;
  assessed_at: string;
  assessed_by: string;
  answers: string;
  score: number;
  level: string;
}

export interface CaseEventTable {
  id: string;
  case_id: string;
  at: string;
  actor_id: string | null;
  kind: string;
  details: string;
  note_enc: string | null;
}

export interface ProviderTable {
  id: string;
  name: string;
  name_folded: string;
  service_types: string;
  unit_id: string;
  units_served: string;
  address: string | null;
  phone: string | null;
  hours: string | null;
  languages: string;
  is_public: number;
  is_active: number;
  created_at: string;
  updated_at: string;
}

export interface ConsentTable {
  id: string;
  case_id: string;
  obtained_at: string;
  obtained_by: string;
  given_by: string;
  store_data: number;
  contact: number;
  contact_channels: string;
  share_with: string;
  note_enc: string | null;
  withdrawn_at: string | null;
  withdrawn_by: string | null;
  created_at: string;
}

export interface ReferralTable {
  id: string;
  case_id: string;
  provider_id: string;
  service_type: string;
  urgency: string;
  referred_at: string;
  referred_by: string;
  consent_id: string | null;
  exception_reason: string | null;
  exception_approved_by: string | null;
  shared_enc: string;
  note_enc: string | null;
  status: string;
  responded_at: string | null;
  completed_at: string | null;
  response_note_enc: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProtectionMeasureTable {
  id: string;
  case_id: string;
  type: string;
  issuer: string;
  status: string;
  decision_number: string | null;
  requested_at: string | null;
  decided_at: string | null;
  starts_at: string;
  ends_at: string | null;
  note_enc: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface FollowUpTable {
  id: string;
  case_id: string;
  contacted_at: string;
  method: string;
  survivor_safe: string;
  violence_recurred: number;
  new_needs: string;
  note_enc: string | null;
  next_follow_up_on: string | null;
  created_by: string;
  created_at: string;
}

export interface SupportPlanTable {
  id: string;
  case_id: string;
  version: number;
  status: string;
  needs: string;
  content_enc: string;
  next_due_on: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  decided_at: string | null;
  decided_by: string | null;
  decision_note_enc: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A posting on the roster of gender-equality focal points; one person may hold several over time. */
export interface FocalPointTable {
  id: string;
  person_id: string;
  unit_id: string;
  full_name: string;
  name_folded: string;
  position: string;
  sex: string;
  ethnicity: string | null;
  user_id: string | null;
  from_date: string;
  to_date: string | null;
  end_reason: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A communicator or collaborator of the network; name and phone encrypted. */
export interface NetworkMemberTable {
  id: string;
  unit_id: string;
  village_id: string | null;
  full_name_enc: string;
  sex: string;
  ethnicity: string | null;
  /** JSON array of language codes. */
  languages: string;
  role_kind: string;
  is_core: number;
  is_active: number;
  phone_enc: string | null;
  user_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TrainingCourseTable {
  id: string;
  unit_id: string;
  title: string;
  title_folded: string;
  topic: string;
  start_date: string;
  end_date: string;
  organiser: string;
  venue: string | null;
  trainers: string | null;
  materials: string | null;
  /** JSON array of { group, female, male }. */
  other_attendees: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CourseAttendeeTable {
  id: string;
  course_id: string;
  /** focal_point (ref_id = person_id), user, member. */
  kind: string;
  ref_id: string;
  /** JSON array of yyyy-mm-dd. */
  days_attended: string;
  completed: number;
  score_before: number | null;
  score_after: number | null;
  created_at: string;
  updated_at: string;
}

/** A trusted address; its location and contact are encrypted. */
export interface TrustedAddressTable {
  id: string;
  unit_id: string;
  village_id: string | null;
  kind: string;
  name_enc: string;
  capacity: number;
  status: string;
  contact_person_enc: string | null;
  phone_enc: string | null;
  address_enc: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface CommunityReportTable {
  id: string;
  reference: string;
  unit_id: string;
  village_id: string | null;
  channel: string;
  concerns: string;
  occurred_when: string;
  in_danger_now: string;
  child_involved: string;
  has_contact: number;
  content_enc: string;
  submitted_by: string | null;
  client_key: string | null;
  /** sha256 of the request that came with the Idempotency-Key: the same key with another body is refused. */
  client_request_hash: string | null;
  received_at: string;
  status: string;
  triaged_at: string | null;
  triaged_by: string | null;
  triage_minutes: number | null;
  case_id: string | null;
  close_reason: string | null;
  triage_note_enc: string | null;
}

/** A communication activity (DOMAIN.md §7); its audience lines are in outreach_audiences. */
export interface OutreachActivityTable {
  id: string;
  unit_id: string;
  village_id: string | null;
  /** yyyy-mm-dd */
  activity_date: string;
  format: string;
  topic: string;
  language: string;
  language_other: string | null;
  /** JSON [{ name, quantity }]. */
  materials: string;
  facilitator_member_id: string | null;
  campaign: string | null;
  campaign_note: string | null;
  counting_basis: string;
  audience_total: number;
  note_enc: string | null;
  import_id: string | null;
  created_by: string;
  updated_by: string;
  created_at: string;
  updated_at: string;
}

export interface OutreachAudienceTable {
  activity_id: string;
  audience_group: string;
  female: number;
  male: number;
  unknown_sex: number;
}

export interface PopulationFigureTable {
  id: string;
  unit_id: string;
  year: number;
  audience_group: string;
  total: number;
  female: number | null;
  male: number | null;
  source: string;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

/** A workbook import: validated in the background, then imported (or not) at the user's word. */
export interface OutreachImportTable {
  id: string;
  created_by: string;
  year: number;
  file_name: string | null;
  status: string;
  total_rows: number;
  processed_rows: number;
  valid_rows: number;
  rejected_rows: number;
  rejections: string;
  warnings: string;
  payload: string | null;
  activities_found: number;
  imported_activities: number;
  failure_code: string | null;
  created_at: string;
  updated_at: string;
}

/** A plan (kế hoạch) as data: number, issuer, period and vision year (DOMAIN.md §1). */
export interface PlanTable {
  id: string;
  code: string;
  title_vi: string;
  title_en: string | null;
  issuer: string;
  issuing_unit_id: string | null;
  issued_on: string;
  from_year: number;
  to_year: number;
  vision_year: number | null;
  description: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

/** An indicator of a plan: numerator and denominator by measure key (domain plans/measures.ts). */
export interface PlanIndicatorTable {
  id: string;
  plan_id: string;
  code: string;
  name_vi: string;
  name_en: string;
  definition_vi: string;
  definition_en: string;
  numerator_key: string;
  denominator_key: string | null;
  target_kind: string;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

/** A target of an indicator for one year and one unit (a district's, or a commune's share of it). */
export interface PlanTargetTable {
  id: string;
  indicator_id: string;
  year: number;
  unit_id: string;
  value: number;
  updated_by: string | null;
  updated_at: string;
}

export interface PeriodicReportTable {
  id: string;
  unit_id: string;
  period: string;
  level: string;
  status: string;
  narrative_enc: string;
  /** JSON ReportFigures frozen at approval. */
  approved_figures: string | null;
  return_comment_enc: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  decided_at: string | null;
  decided_by: string | null;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface PeriodicReportEventTable {
  id: string;
  report_id: string;
  at: string;
  actor_id: string | null;
  kind: string;
  comment_enc: string | null;
}

export interface PerpetratorTable {
  id: string;
  code: string;
  unit_id: string;
  identity_enc: string;
  sex: string;
  birth_year: number | null;
  ethnicity_code: string | null;
  substance_use: string;
  weapon_access: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface PerpetratorTokenTable {
  perpetrator_id: string;
  kind: string;
  token_hash: string;
}

export interface PerpetratorLinkTable {
  id: string;
  perpetrator_id: string;
  incident_id: string;
  case_id: string;
  unit_id: string;
  occurred_at: string;
  relationship: string;
  age_years: number | null;
  note_enc: string | null;
  created_by: string;
  created_at: string;
}

export interface RefusalCounterTable {
  kind: string;
  subject: string;
  window_start: string;
  refusals: number;
  last_at: string;
}

/** A link to another commune's perpetrator record, waiting for that commune's consent. */
export interface PerpetratorLinkRequestTable {
  id: string;
  perpetrator_id: string;
  case_id: string;
  incident_id: string;
  unit_id: string;
  owner_unit_id: string;
  occurred_at: string;
  relationship: string;
  age_years: number | null;
  note_enc: string | null;
  status: string;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface PerpetratorCounsellingTable {
  id: string;
  perpetrator_id: string;
  unit_id: string;
  case_id: string | null;
  incident_id: string | null;
  held_on: string;
  counsellor: string;
  topic: string;
  topic_note: string | null;
  attendance: string;
  outcome_enc: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface PerpetratorMeasureTable {
  id: string;
  perpetrator_id: string;
  unit_id: string;
  case_id: string | null;
  incident_id: string | null;
  type: string;
  decided_on: string;
  deciding_body: string;
  deciding_body_note: string | null;
  status: string;
  decision_number: string | null;
  fine_vnd: number | null;
  criminal_stage: string | null;
  notes_enc: string | null;
  rule_override_reason_enc: string | null;
  rule_flag: number;
  protection_measure_id: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** The receipt of one operation a device sent: a repeated send is answered from it, never applied twice. */
export interface SyncOperationTable {
  op_id: string;
  user_id: string;
  device_id: string;
  kind: string;
  case_id: string | null;
  /** 'applied' | 'conflict' | 'refused' */
  status: string;
  code: string | null;
  /** The SyncOpResult given (JSON). */
  result_json: string;
  recorded_at: string;
  created_at: string;
}

/** A field edit that met a newer change of the same field: the three values, encrypted, until someone chooses. */
export interface SyncConflictTable {
  id: string;
  op_id: string;
  case_id: string;
  user_id: string;
  field: string;
  base_value_enc: string | null;
  device_value_enc: string | null;
  server_value_enc: string | null;
  base_version: number;
  /** 'open' | 'resolved' */
  status: string;
  /** 'device' | 'server' */
  resolution: string | null;
  resolved_by: string | null;
  resolved_at: string | null;
  created_at: string;
}

export interface Database {
  admin_units: AdminUnitTable;
  unit_successions: UnitSuccessionTable;
  unit_repairs: UnitRepairTable;
  users: UserTable;
  recovery_codes: RecoveryCodeTable;
  sessions: SessionTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  key_checks: KeyCheckTable;
  key_roots: KeyRootTable;
  case_sequences: CaseSequenceTable;
  cases: CaseTable;
  survivors: SurvivorTable;
  survivor_tokens: SurvivorTokenTable;
  incidents: IncidentTable;
  risk_assessments: RiskAssessmentTable;
  case_events: CaseEventTable;
  providers: ProviderTable;
  consents: ConsentTable;
  referrals: ReferralTable;
  support_plans: SupportPlanTable;
  protection_measures: ProtectionMeasureTable;
  follow_ups: FollowUpTable;
  perpetrators: PerpetratorTable;
  perpetrator_tokens: PerpetratorTokenTable;
  perpetrator_links: PerpetratorLinkTable;
  perpetrator_link_requests: PerpetratorLinkRequestTable;
  refusal_counters: RefusalCounterTable;
  perpetrator_counselling: PerpetratorCounsellingTable;
  perpetrator_measures: PerpetratorMeasureTable;
  plans: PlanTable;
  plan_indicators: PlanIndicatorTable;
  plan_targets: PlanTargetTable;
  community_reports: CommunityReportTable;
  focal_points: FocalPointTable;
  network_members: NetworkMemberTable;
  training_courses: TrainingCourseTable;
  course_attendees: CourseAttendeeTable;
  trusted_addresses: TrustedAddressTable;
  outreach_activities: OutreachActivityTable;
  outreach_audiences: OutreachAudienceTable;
  population_figures: PopulationFigureTable;
  outreach_imports: OutreachImportTable;
  periodic_reports: PeriodicReportTable;
  periodic_report_events: PeriodicReportEventTable;
  sync_operations: SyncOperationTable;
  sync_conflicts: SyncConflictTable;
}

export type { Generated };
