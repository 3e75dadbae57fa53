/**
 * Group commit: deliveries that arrive in the same turn of the event loop share one SQLite transaction. Under
 * load HubSpot keeps several requests in flight per account (hubspot-platform.md §4.2: 10 by default), and with
 * WAL every commit writes each page it dirtied; one commit for several deliveries writes shared index pages once.
 * When idle a delivery waits for nothing but setImmediate. Each caller still gets its own result — or the error,
 * in which case nothing of the group was stored and every delivery is answered 5xx, so HubSpot retries them.
 */
export function createGroupCommit<I, O>(commitAll: (items: readonly I[]) => O[]) {
  let pending: { item: I; resolve: (o: O) => void; reject: (err: unknown) => void }[] = [];

  function flush(): void {
    const group = pending;
    pending = [];
    let results: O[];
    try {
      results = commitAll(group.map((p) => p.item));
    } catch (err) {
      for (const p of group) p.reject(err);
      return;
    }
    for (const [i, p] of group.entries()) p.resolve(results[i]!);
  }

  return (item: I): Promise<O> =>
    new Promise<O>((resolve, reject) => {
      if (pending.length === 0) setImmediate(flush);
      pending.push({ item, resolve, reject });
    });
}
