// Turn a flat list of units valid on one date into the province → district → commune → village tree,
// each level in Vietnamese alphabetical order. A unit whose parent is outside the list (the user's
// scope starts below the province) becomes a root.
import { sortVietnamese, type UnitView } from '@binhan/domain';

export interface UnitTreeNode {
  value: string;
  label: string;
  unit: UnitView;
  children: UnitTreeNode[];
}

export function buildUnitTree(units: readonly UnitView[]): UnitTreeNode[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<string | null, UnitView[]>();
  for (const unit of units) {
    const parent = unit.parentId !== null && ids.has(unit.parentId) ? unit.parentId : null;
    const siblings = byParent.get(parent);
    if (siblings) siblings.push(unit);
    else byParent.set(parent, [unit]);
  }
  const build = (parent: string | null, seen: Set<string>): UnitTreeNode[] =>
    sortVietnamese(byParent.get(parent) ?? [], (u) => u.name)
      .filter((u) => !seen.has(u.id))
      .map((unit) => {
        const path = new Set(seen).add(unit.id);
        return { value: unit.id, label: unit.name, unit, children: build(unit.id, path) };
      });
  return build(null, new Set());
}

/** Ids of the nodes to open at first: the top two levels and the path to the selected unit. */
export function initiallyExpanded(nodes: readonly UnitTreeNode[], selectedId: string | null): string[] {
  const open: string[] = [];
  const visit = (list: readonly UnitTreeNode[], depth: number): boolean => {
    let containsSelected = false;
    for (const node of list) {
      const isSelected = node.value === selectedId;
      const below = visit(node.children, depth + 1);
      if ((depth < 2 || below) && node.children.length > 0) open.push(node.value);
      containsSelected ||= isSelected || below;
    }
    return containsSelected;
  };
  visit(nodes, 0);
  return open;
}
