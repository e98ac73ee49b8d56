// One "label: value" row of a vertical details table (profile, account, identity panels).
import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export function DetailRow({ label, value, labelWidth = '40%' }: { label: string; value: ReactNode; labelWidth?: string }) {
  return (
    <Table.Tr>
      <Table.Th w={labelWidth}>
        <Text size="sm">{label}</Text>
      </Table.Th>
      <Table.Td>
        <Text size="sm" component="div" style={{ wordBreak: 'break-word' }}>
          {value}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
