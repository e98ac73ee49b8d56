// The unit graph cache: one read shared by the requests that arrive while it runs, a write in this process
// (invalidate) never answered by a read begun before it, and each unit's scope computed once per graph.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnitGraphCache } from './deps.js';
import { createTestApp, DATABASES, type TestApp } from './test/test-app.js';

describe.each(DATABASES)('unit graph cache on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => t.close());

  it('shares one read between concurrent requests, and keeps the graph until the TTL or a write', async () => {
    const cache = new UnitGraphCache(t.deps.db);
    const [a, b] = await Promise.all([cache.graph(), cache.graph()]);
    expect(a).toBe(b);
    expect(await cache.graph()).toBe(a);
    cache.invalidate();
    expect(await cache.graph()).not.toBe(a);
  });

  it('does not cache a read begun before invalidate', async () => {
    const cache = new UnitGraphCache(t.deps.db);
    const before = cache.graph();
    cache.invalidate();
    const after = await cache.graph();
    expect(after).not.toBe(await before);
    expect(await cache.graph()).toBe(after);
  });

  it('computes a unit’s scope once per graph', async () => {
    const graph = await new UnitGraphCache(t.deps.db).graph();
    const district = await t.unitId('066', '1997-01-01');
    const scope = graph.scopeOf(district);
    expect(scope.size).toBeGreaterThan(30);
    expect(graph.scopeOf(district)).toBe(scope);
  });
});
