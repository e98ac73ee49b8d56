// The duplicate warning for new perpetrators at intake, as for survivors: on leaving the step, each new
// identity is checked (same CCCD, same phone, same name and birth year); when someone matches, the
// officer chooses that record — so repeat violence is connected — or goes on with a new one.
import { PerpetratorIdentityInput, vietnamDateOf, type PerpetratorDuplicateCheck, type PerpetratorElsewhere, type PerpetratorListItem, type PerpetratorSearchResult } from '@binhan/domain';
import { Button, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useFormContext } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { numberOrUndefined } from '../../cases/draft-resolver';
import { toNewPerpetratorInput, type PerpetratorDraft } from '../../cases/incident/incident-draft';
import { usePersonLine } from '../perpetrator-badges';
import { findPerpetratorDuplicates } from '../perpetrators-api';
import { SearchResults, useMatchedBy } from './search-results';

export interface PerpetratorMatch {
  index: number;
  name: string;
  result: PerpetratorSearchResult;
}

/** What the check sends for a new entry, normalised by the schema (phone, CCCD); null while the identity is not valid. */
export function duplicateCheckOf(entry: PerpetratorDraft, occurredAt: string): PerpetratorDuplicateCheck | null {
  if (entry.mode !== 'new') return null;
  const parsed = PerpetratorIdentityInput.safeParse(toNewPerpetratorInput(entry.newPerpetrator, entry.sex).identity);
  if (!parsed.success) return null;
  const identity = parsed.data;
  const onDate = Number.isNaN(Date.parse(occurredAt)) ? undefined : vietnamDateOf(new Date(occurredAt).toISOString());
  return {
    fullName: identity.fullName,
    dateOfBirth: identity.dateOfBirth,
    ageYears: identity.dateOfBirth === undefined ? numberOrUndefined(entry.ageYears) : undefined,
    onDate,
    phone: identity.phone,
    cccd: identity.cccd,
  };
}

/** Checks the entries one by one; an entry already checked with the same identity is not asked about again. */
export function usePerpetratorDuplicates() {
  const { t } = useTranslation();
  const checked = useRef(new Set<string>());
  const [match, setMatch] = useState<PerpetratorMatch | null>(null);
  const [isChecking, setIsChecking] = useState(false);

  const check = async (entries: readonly PerpetratorDraft[], occurredAt: string): Promise<boolean> => {
    setIsChecking(true);
    try {
      for (const [index, entry] of entries.entries()) {
        const input = duplicateCheckOf(entry, occurredAt);
        if (input === null) continue;
        const key = JSON.stringify(input);
        if (checked.current.has(key)) continue;
        const found = await findPerpetratorDuplicates(input);
        checked.current.add(key);
        if (found.items.length + found.elsewhere.length > 0) {
          setMatch({ index, name: input.fullName, result: found });
          return true;
        }
      }
      return false;
    } catch {
      // The check helps but must not stop a report at night: go on and say it was not done.
      notifications.show({ color: 'yellow', message: t('perpetrators.intake.duplicates.failed') });
      return false;
    } finally {
      setIsChecking(false);
    }
  };

  return { check, match, close: () => setMatch(null), isChecking };
}

interface Props {
  /** Where the entries sit in the form, e.g. "firstIncident.perpetrators". */
  prefix: string;
  match: PerpetratorMatch | null;
  onClose: () => void;
  /** After a choice or "add a new person anyway": go on as the officer asked. */
  onResume: () => void;
}

export function PerpetratorDuplicateModal({ prefix, match, onClose, onResume }: Props) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const personLine = usePersonLine();
  const matchedBy = useMatchedBy();
  const { setValue, clearErrors } = useFormContext();

  const link = (fields: { perpetratorId: string; linkToken: string; chosenLabel: string }) => {
    if (match === null) return;
    const name = `${prefix}.${match.index}`;
    setValue(`${name}.mode`, 'existing', { shouldDirty: true });
    for (const [key, value] of Object.entries(fields)) setValue(`${name}.${key}`, value, { shouldDirty: true });
    clearErrors(name);
    onClose();
    onResume();
  };
  const chooseItem = (item: PerpetratorListItem) =>
    link({ perpetratorId: item.id, linkToken: '', chosenLabel: t('perpetrators.intake.chosen', { code: `${item.code} · ${personLine(item)} · ${item.unit.name}` }) });
  const chooseElsewhere = (elsewhere: PerpetratorElsewhere) =>
    link({ perpetratorId: '', linkToken: elsewhere.linkToken, chosenLabel: t('perpetrators.intake.chosenElsewhere', { by: matchedBy(elsewhere) }) });

  return (
    <Modal opened={match !== null} onClose={onClose} fullScreen={isPhone} title={t('perpetrators.intake.duplicates.title')} closeButtonProps={{ 'aria-label': t('common.close') }}>
      {match && (
        <Stack gap="sm">
          <Text size="sm">{t('perpetrators.intake.duplicates.intro', { n: match.index + 1, name: match.name })}</Text>
          <SearchResults result={match.result} onChoose={chooseItem} onLinkElsewhere={chooseElsewhere} chooseLabel={t('perpetrators.intake.duplicates.useThis')} />
          <Button
            variant="default"
            onClick={() => {
              onClose();
              onResume();
            }}
            data-autofocus
          >
            {t('perpetrators.intake.duplicates.continueNew')}
          </Button>
        </Stack>
      )}
    </Modal>
  );
}
