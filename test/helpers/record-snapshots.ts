/** What createStream's and createChat's controllers have in common: a store. */
interface Store<Snapshot> {
  subscribe(listener: () => void): () => void
  getSnapshot(): Snapshot
}

/** Every snapshot `store` publishes from now on, one per notification, in order. */
export function recordSnapshots<Snapshot>(store: Store<Snapshot>): Snapshot[] {
  const snapshots: Snapshot[] = []
  store.subscribe(() => snapshots.push(store.getSnapshot()))
  return snapshots
}
