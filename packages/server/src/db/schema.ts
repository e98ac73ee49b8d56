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
  /** A closure the commune officer asked for, waiting for the supervisor. */
  closure_requested_at: string | null;
  closure_requested_by: string | null;
  closure_requested_reason: string | null;
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

export interface Database {
  admin_units: AdminUnitTable;
  unit_successions: UnitSuccessionTable;
  users: UserTable;
  recovery_codes: RecoveryCodeTable;
  sessions: SessionTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  key_checks: KeyCheckTable;
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
}

export type { Generated };
