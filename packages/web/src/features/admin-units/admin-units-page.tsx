export function AdminUnitsPage() { return null; }
