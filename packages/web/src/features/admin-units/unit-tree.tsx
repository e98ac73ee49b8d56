// The unit tree of one date. Arrow keys move and open branches (Mantine Tree), Enter or a click
// selects a unit and shows its details.
import { Group, Text, Tree, useTree } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../lib/format';
import { initiallyExpanded, type UnitTreeNode } from './build-unit-tree';
import { unitKindLabel } from './unit-label';

interface Props {
  nodes: UnitTreeNode[];
  at: string;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function UnitTree({ nodes, at, selectedId, onSelect }: Props) {
  const { t } = useTranslation();
  const byId = useMemo(() => indexNodes(nodes), [nodes]);
  const tree = useTree({
    initialExpandedState: Object.fromEntries(initiallyExpanded(nodes, selectedId).map((id) => [id, true])),
    selectedState: selectedId ? [selectedId] : [],
    onSelectedStateChange: (selected) => {
      const first = selected[0];
      if (first !== undefined) onSelect(first);
    },
  });

  return (
    <Tree
      data={nodes}
      tree={tree}
      levelOffset="lg"
      selectOnClick
      expandOnClick
      aria-label={t('units.treeLabel', { date: formatDate(at) })}
      onKeyDown={(event) => {
        if (event.key !== 'Enter') return;
        const item = (event.target as HTMLElement).closest<HTMLElement>('[role=treeitem]');
        const value = item?.dataset.value;
        if (value !== undefined) onSelect(value);
      }}
      renderNode={({ node, expanded, hasChildren, elementProps, selected }) => {
        const unit = byId.get(node.value)?.unit;
        return (
          <Group gap={6} wrap="nowrap" py={4} px={4} {...elementProps} style={{ ...elementProps.style, cursor: 'pointer', borderRadius: 4 }} bg={selected ? 'teal.0' : undefined}>
            <Text component="span" size="xs" w={12} c="dimmed" aria-hidden>
              {hasChildren ? (expanded ? '▾' : '▸') : ''}
            </Text>
            <Text component="span" size="sm" fw={selected ? 700 : 400}>
              {unit?.name ?? node.value}
            </Text>
            {unit && (
              <Text component="span" size="xs" c="dimmed">
                {unitKindLabel(unit.kind)} · {unit.code}
              </Text>
            )}
          </Group>
        );
      }}
    />
  );
}

function indexNodes(nodes: readonly UnitTreeNode[]): Map<string, UnitTreeNode> {
  const map = new Map<string, UnitTreeNode>();
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    map.set(node.value, node);
    stack.push(...node.children);
  }
  return map;
}
