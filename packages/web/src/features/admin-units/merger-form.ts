// The merger form's values and their check. The target is either an existing unit or a new one; the
// schema of the chosen branch is checked directly so each mistake is reported on its own field rather
// than as "none of the options matched".
import { MergerInput, type UnitKind } from '@binhan/domain';
import type { FieldErrors, Resolver } from 'react-hook-form';
import { zodMessages } from '../../lib/form-errors';

export interface MergerFormValues {
  effectiveDate: string;
  sources: Array<{ id: string; isPart: boolean }>;
  targetMode: 'existing' | 'new';
  existingId: string;
  code: string;
  name: string;
  kind: UnitKind | null;
  parentId: string;
}

const [ExistingTarget, NewTarget] = MergerInput.shape.target.options;

export function toMergerPayload(values: MergerFormValues): unknown {
  return {
    effectiveDate: values.effectiveDate,
    sources: values.sources,
    target:
      values.targetMode === 'existing'
        ? { existingId: values.existingId }
        : { code: values.code, name: values.name, kind: values.kind ?? undefined, parentId: values.parentId },
  };
}

/** Where an issue of the payload (zod path or the server's dotted path) is shown in the form. */
export function mergerField(path: string): keyof MergerFormValues | undefined {
  const [head, second] = path.split('.');
  if (head === 'effectiveDate') return 'effectiveDate';
  if (head === 'sources') return 'sources';
  if (head === 'target') {
    if (second === 'existingId' || second === 'code' || second === 'name' || second === 'kind' || second === 'parentId') return second;
    return undefined;
  }
  return undefined;
}

export const mergerResolver: Resolver<MergerFormValues, unknown, MergerInput> = (values) => {
  const schema = MergerInput.extend({ target: values.targetMode === 'existing' ? ExistingTarget : NewTarget });
  const result = schema.safeParse(toMergerPayload(values), zodMessages);
  if (result.success) return { values: result.data, errors: {} };
  const errors: FieldErrors<MergerFormValues> = {};
  for (const issue of result.error.issues) {
    const field = mergerField(issue.path.map(String).join('.')) ?? 'effectiveDate';
    if (errors[field] === undefined) errors[field] = { type: issue.code, message: issue.message };
  }
  return { values: {}, errors };
};
