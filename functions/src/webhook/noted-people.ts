// Which people/ documents one function instance knows exist (it wrote them,
// or a read found them), so a person's later codes cost no read. Never
// listened to: the collection grows with every first-time person, and a
// listener on a collection the webhook writes to made each first code wait
// on the listener's snapshot (on Google's emulator, 55 codes/s instead of
// hundreds; see docs/webhook.md#people).
//
// What it may get wrong: a people/ document deleted by hand is not written
// again by an instance that remembers it; a fresh instance (or this one after
// MAX_REMEMBERED others) notes the person again at their next code.

/** Ids remembered before the memory starts over (about 60 bytes each). */
export const MAX_REMEMBERED = 20_000;

export class NotedPeople {
  private readonly ids = new Set<string>();

  constructor(private readonly max: number = MAX_REMEMBERED) {}

  has(id: string): boolean {
    return this.ids.has(id);
  }

  remember(id: string): void {
    // Starting over is cheaper than an LRU and costs at most one read per
    // person afterwards.
    if (this.ids.size >= this.max) this.ids.clear();
    this.ids.add(id);
  }
}
