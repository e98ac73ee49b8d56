// Reading by a long list of ids: SQLite binds at most 32,766 parameters, so the list is read in slices,
// and rows are appended one by one (spreading an unbounded array into a call overflows the stack).
const IDS_PER_QUERY = 5_000;

export async function readInSlices<T>(ids: Iterable<string>, read: (part: string[]) => Promise<T[]>): Promise<T[]> {
  const all = [...ids];
  const out: T[] = [];
  for (let i = 0; i < all.length; i += IDS_PER_QUERY) for (const row of await read(all.slice(i, i + IDS_PER_QUERY))) out.push(row);
  return out;
}
