import { describe, expect, it } from "vitest";
import { type BatchResult, createKeyHitBatcher } from "./key-hit-batcher";

/** A fake statement: records each batch, counts like the bucket row, answers when released. */
function fakeStatement(options: { refuse?: Set<string>; fail?: Set<number> } = {}) {
  const counts = new Map<string, number>();
  const batches: { keyHash: string; n: number; now: Date }[] = [];
  const pending: (() => void)[] = [];
  const run = (keyHash: string, n: number, now: Date) =>
    new Promise<BatchResult<{ keyHash: string }>>((resolve, reject) => {
      const index = batches.push({ keyHash, n, now }) - 1;
      pending.push(() => {
        if (options.fail?.has(index)) return reject(new Error(`batch ${index} failed`));
        if (options.refuse?.has(keyHash)) return resolve({ row: { keyHash }, count: null });
        const count = (counts.get(keyHash) ?? 0) + n;
        counts.set(keyHash, count);
        resolve({ row: { keyHash }, count });
      });
    });
  /** Answers every statement in flight, in order. */
  const release = async () => {
    for (const answer of pending.splice(0)) answer();
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { run, batches, release };
}

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);

describe("createKeyHitBatcher", () => {
  it("sends an idle key's call at once, alone", async () => {
    const statement = fakeStatement();
    const batcher = createKeyHitBatcher(statement.run);
    const hit = batcher.hit("a", at(0));
    expect(statement.batches).toEqual([{ keyHash: "a", n: 1, now: at(0) }]);
    await statement.release();
    expect(await hit).toEqual({ row: { keyHash: "a" }, count: 1, now: at(0) });
    expect(batcher.pending).toBe(0);
  });

  it("sends the calls that arrive while one is in flight as one statement, each with its own count", async () => {
    const statement = fakeStatement();
    const batcher = createKeyHitBatcher(statement.run);
    const first = batcher.hit("a", at(0));
    const waiting = [batcher.hit("a", at(3)), batcher.hit("a", at(1)), batcher.hit("a", at(2))];
    expect(statement.batches).toHaveLength(1);
    await statement.release();
    expect((await first).count).toBe(1);
    // The three waiting calls went together, checked at the latest arrival.
    expect(statement.batches[1]).toEqual({ keyHash: "a", n: 3, now: at(3) });
    await statement.release();
    const hits = await Promise.all(waiting);
    expect(hits.map((h) => h.count)).toEqual([2, 3, 4]); // arrival order
    expect(hits.every((h) => h.now.getTime() === at(3).getTime())).toBe(true);
    expect(batcher.pending).toBe(0);
  });

  it("keeps keys apart", async () => {
    const statement = fakeStatement();
    const batcher = createKeyHitBatcher(statement.run);
    const hits = [batcher.hit("a", at(0)), batcher.hit("b", at(0)), batcher.hit("a", at(0)), batcher.hit("b", at(0))];
    expect(statement.batches.map((b) => [b.keyHash, b.n])).toEqual([
      ["a", 1],
      ["b", 1],
    ]);
    await statement.release();
    await statement.release();
    expect((await Promise.all(hits)).map((h) => `${h.row?.keyHash}${h.count}`)).toEqual(["a1", "b1", "a2", "b2"]);
  });

  it("answers every call of a refused key with its row and no count", async () => {
    const statement = fakeStatement({ refuse: new Set(["revoked"]) });
    const batcher = createKeyHitBatcher(statement.run);
    const hits = [batcher.hit("revoked", at(0)), batcher.hit("revoked", at(0)), batcher.hit("revoked", at(0))];
    await statement.release();
    await statement.release();
    expect((await Promise.all(hits)).map((h) => h.count)).toEqual([null, null, null]);
  });

  it("fails every call of a failed statement, and the next calls still go", async () => {
    const statement = fakeStatement({ fail: new Set([1]) });
    const batcher = createKeyHitBatcher(statement.run);
    const first = batcher.hit("a", at(0));
    const failing = [batcher.hit("a", at(0)), batcher.hit("a", at(0))];
    const settled = Promise.allSettled(failing);
    await statement.release();
    await statement.release();
    expect((await settled).map((s) => s.status)).toEqual(["rejected", "rejected"]);
    expect((await first).count).toBe(1);
    const after = batcher.hit("a", at(0));
    await statement.release();
    expect((await after).count).toBe(2);
    expect(batcher.pending).toBe(0);
  });

  it("caps a statement at 256 calls and sends the rest next", async () => {
    const statement = fakeStatement();
    const batcher = createKeyHitBatcher(statement.run);
    const first = batcher.hit("a", at(0));
    const many = Array.from({ length: 300 }, () => batcher.hit("a", at(0)));
    await statement.release();
    await statement.release();
    await statement.release();
    expect(statement.batches.map((b) => b.n)).toEqual([1, 256, 44]);
    expect((await Promise.all([first, ...many])).map((h) => h.count)).toEqual(
      Array.from({ length: 301 }, (_, i) => i + 1),
    );
  });
});
