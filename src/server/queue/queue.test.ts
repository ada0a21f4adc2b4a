import { afterAll, describe, expect, it } from "vitest";
import { enqueue, getQueue } from "./queue";

describe("getQueue / enqueue", () => {
  afterAll(async () => (await getQueue()).stop({ graceful: false, wait: true }));

  it("starts one shared pg-boss and creates the queue before sending", async () => {
    const [a, b] = await Promise.all([getQueue(), getQueue()]);
    expect(a).toBe(b);

    // A queue that does not exist yet: pg-boss 10 would reject a plain send to it.
    const name = `queue-test-${process.pid}-${Date.now()}`;
    const id = await enqueue(name, { bookId: "b1" });
    expect(id).toEqual(expect.any(String));
    expect(await a.getQueue(name)).toMatchObject({ name });

    const [job] = await a.fetch<{ bookId: string }>(name);
    expect(job).toMatchObject({ id, data: { bookId: "b1" } });
    await a.complete(name, id!);
    expect((await a.getJobById(name, id!))?.state).toBe("completed");
  });
});
