// Copy to the clipboard. The Clipboard API only exists on HTTPS or localhost; on a plain-HTTP district
// server the old execCommand path still works, so officers can always copy a password or codes.
import { Button, type ButtonProps } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

async function copyText(text: string): Promise<boolean> {
  if (navigator.clipboard && window.isSecureContext) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // Fall through to the legacy path (permission refused, document not focused…).
    }
  }
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const isCopied = document.execCommand('copy');
  document.body.removeChild(area);
  return isCopied;
}

export function CopyButton({ value, label, ...props }: { value: string; label?: string } & ButtonProps) {
  const { t } = useTranslation();
  const [isCopied, setIsCopied] = useState(false);
  useEffect(() => {
    if (!isCopied) return undefined;
    const timer = window.setTimeout(() => setIsCopied(false), 2000);
    return () => window.clearTimeout(timer);
  }, [isCopied]);
  return (
    <Button
      variant="light"
      {...props}
      color={isCopied ? 'teal' : props.color}
      onClick={() => void copyText(value).then(setIsCopied)}
      aria-live="polite"
    >
      {isCopied ? t('common.copied') : (label ?? t('common.copy'))}
    </Button>
  );
}
