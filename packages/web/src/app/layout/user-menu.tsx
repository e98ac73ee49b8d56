// Who is signed in, a link to their account, and sign-out.
import type { Me } from '@binhan/domain';
import { Avatar, Menu, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/** The given name's first letter (Vietnamese names end with the given name); marks like "(mẫu)" are skipped. */
function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter((word) => /^\p{L}/u.test(word));
  const last = words[words.length - 1] ?? '';
  return (last.charAt(0) || '?').toLocaleUpperCase('vi');
}

export function UserMenu({ me, onSignOut }: { me: Me; onSignOut: () => void }) {
  const { t } = useTranslation();
  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('nav.userMenu', { name: me.displayName })}>
          <Avatar color="teal" radius="xl" size={34}>
            {initials(me.displayName)}
          </Avatar>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="sm" fw={600} c="dark">
            {me.displayName}
          </Text>
          <Text size="xs">{t(`roles.${me.role}`)}</Text>
        </Menu.Label>
        <Menu.Item component={Link} to="/account">
          {t('nav.account')}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" onClick={onSignOut}>
          {t('nav.signOut')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
