// Validation messages in the user's language. Client-side checks run the same zod schemas as the server,
// so their issues are worded with the same catalogue of issue texts (@binhan/domain ISSUE_MESSAGES); the
// server's own issues arrive already translated and are put next to the field they name.
import { ISSUE_MESSAGES, interpolate } from '@binhan/domain';
import i18n from 'i18next';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { vi } from '../app/i18n/vi';
import { isApiError, type ApiIssue } from './api';

/** The fields of a zod issue that the messages use; everything optional so any zod issue fits. */
interface RawIssue {
  code?: string;
  origin?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  input?: unknown;
  expected?: unknown;
  keys?: unknown;
  format?: unknown;
}

type IssueMessages = (typeof ISSUE_MESSAGES)['vi'] | (typeof ISSUE_MESSAGES)['en'];

function messages(): IssueMessages {
  return i18n.language === 'en' ? ISSUE_MESSAGES.en : ISSUE_MESSAGES.vi;
}

function isEmpty(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === 'string' && input.trim() === '');
}

function sizeMessage(m: IssueMessages, issue: RawIssue, isMin: boolean): string {
  const bound = String(isMin ? issue.minimum : issue.maximum);
  const key = issue.origin === 'number' ? 'number' : issue.origin === 'array' || issue.origin === 'set' ? 'array' : 'string';
  if (isMin) {
    if (key === 'string' && bound === '1') return m.required;
    return interpolate(key === 'number' ? m.too_small_number : key === 'array' ? m.too_small_array : m.too_small_string, { min: bound });
  }
  return interpolate(key === 'number' ? m.too_big_number : key === 'array' ? m.too_big_array : m.too_big_string, { max: bound });
}

/** zod error customiser for form resolvers: `zodResolver(Schema, zodMessages)`. */
function localiseIssue(issue: RawIssue): string {
  const m = messages();
  switch (issue.code) {
    case 'invalid_type':
      return isEmpty(issue.input) ? m.required : interpolate(m.invalid_type, { expected: String(issue.expected) });
    case 'too_small':
      return sizeMessage(m, issue, true);
    case 'too_big':
      return sizeMessage(m, issue, false);
    case 'invalid_format':
      if (isEmpty(issue.input)) return m.required;
      return issue.format === 'uuid' ? m.invalid_uuid : m.invalid_format;
    case 'invalid_value':
    case 'invalid_union':
      return isEmpty(issue.input) ? m.required : m.invalid_value;
    case 'unrecognized_keys':
      return interpolate(m.unrecognized_keys, { keys: Array.isArray(issue.keys) ? issue.keys.join(', ') : '' });
    case undefined:
    default:
      return m.invalid;
  }
}

export const zodMessages = { error: localiseIssue };

function isWebValidationKey(key: string): key is keyof typeof vi.validation {
  return Object.hasOwn(vi.validation, key);
}

function capitalise(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);
}

/**
 * The text shown under a field. Schemas may carry a message key (`username_format`, or a web-only key
 * such as `password_mismatch`); anything else is already a sentence.
 */
export function issueText(message: string | undefined): string | undefined {
  if (message === undefined || message === '') return undefined;
  if (isWebValidationKey(message)) return i18n.t(`validation.${message}`);
  const m = messages() as Record<string, string>;
  return capitalise(m[message] ?? message);
}

/** For Mantine's `error` prop: `error={fieldError(errors.username)}`. */
export function fieldError(error: { message?: string } | undefined): string | undefined {
  return issueText(error?.message);
}

/**
 * Put the server's validation issues on the form fields they name. Returns the issues that matched no
 * field, so the form can list them in its error box instead of losing them.
 */
export function applyServerIssues<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[],
  mapPath: (path: string) => string = (path) => path,
): ApiIssue[] {
  if (!isApiError(error)) return [];
  const leftover: ApiIssue[] = [];
  let isFirst = true;
  for (const issue of error.issues) {
    const field = fields.find((name) => name === mapPath(issue.path));
    if (field === undefined) {
      leftover.push(issue);
      continue;
    }
    setError(field, { type: 'server', message: capitalise(issue.message) }, { shouldFocus: isFirst });
    isFirst = false;
  }
  return leftover;
}
