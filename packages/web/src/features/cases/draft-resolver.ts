// Forms of the case module keep a "draft" (what the officer typed: strings, empty fields) and validate
// it with the domain's own schema after turning it into the API's input, so the checks are exactly the
// server's. The schema is built at every validation, so rules about "now" use the current time.
import { toNestErrors } from '@hookform/resolvers';
import type { FieldError, FieldValues, Resolver, UseFormSetError, Path } from 'react-hook-form';
import { CASE_ISSUE_MESSAGES, isCaseIssueKey, isPerpetratorIssueKey, PERPETRATOR_ISSUE_MESSAGES } from '@binhan/domain';
import i18n from 'i18next';
import type { z } from 'zod';
import { vi } from '../../app/i18n/vi';
import { isApiError, type ApiIssue } from '../../lib/api';
import { zodMessages } from '../../lib/form-errors';

/**
 * The case and perpetrator schemas name their issues with keys of CASE_ISSUE_MESSAGES and
 * PERPETRATOR_ISSUE_MESSAGES; the app's issue texts do not know them, so they are worded here. A web
 * wording of the same key (validation.*) wins.
 */
export function caseIssueText(message: string): string {
  const locale = i18n.language === 'en' ? 'en' : 'vi';
  if (Object.hasOwn(vi.validation, message)) return message;
  if (isCaseIssueKey(message)) return CASE_ISSUE_MESSAGES[locale][message];
  if (isPerpetratorIssueKey(message)) return PERPETRATOR_ISSUE_MESSAGES[locale][message];
  return message;
}

export function draftResolver<D extends FieldValues, O>(
  schema: () => z.ZodType<O>,
  toInput: (draft: D) => unknown,
  mapPath: (path: string) => string = (path) => path,
): Resolver<D, unknown, O> {
  return async (values, _context, options) => {
    const result = schema().safeParse(toInput(values), zodMessages);
    if (result.success) return { values: result.data, errors: {} };
    const errors: Record<string, FieldError> = {};
    for (const issue of result.error.issues) {
      const name = mapPath(issue.path.map(String).join('.'));
      errors[name] ??= { type: issue.code, message: caseIssueText(issue.message) };
    }
    return { values: {}, errors: toNestErrors(errors, options) };
  };
}

/** '' and blank text become "not given". */
export function blank(value: string): string | undefined {
  return value.trim() === '' ? undefined : value;
}

/** A number typed in a field; '' is "not given", anything else is passed on for the schema to judge. */
export function numberOrUndefined(value: string | number): number | undefined {
  if (typeof value === 'number') return value;
  return value.trim() === '' ? undefined : Number(value);
}

/**
 * Put the server's issues on the fields of a draft form. Returns the issues no field shows (listed in
 * the error box) and the first path that was placed, so a wizard can open the step that holds it.
 */
export function applyDraftIssues<D extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<D>,
  isShown: (path: string) => boolean,
  mapPath: (path: string) => string = (path) => path,
): { leftover: ApiIssue[]; first: string | null } {
  if (!isApiError(error)) return { leftover: [], first: null };
  const leftover: ApiIssue[] = [];
  let first: string | null = null;
  for (const issue of error.issues) {
    const path = mapPath(issue.path);
    if (path === '' || !isShown(path)) {
      leftover.push(issue);
      continue;
    }
    const message = issue.message.length > 0 ? issue.message.charAt(0).toLocaleUpperCase('vi') + issue.message.slice(1) : issue.message;
    setError(path as Path<D>, { type: 'server', message }, { shouldFocus: first === null });
    first ??= path;
  }
  return { leftover, first };
}
