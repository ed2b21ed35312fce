import { describe, expect, it } from "vitest";
import { inOrder } from "../../tools/engine/analyze";

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe("inOrder (Analyze calls in flight at once)", () => {
    it("keeps item order whatever order the calls finish in, with at most `limit` running", async () => {
        let running = 0;
        let most = 0;
        const out = await inOrder([30, 5, 20, 1, 10, 2], 3, async (ms) => {
            running++;
            most = Math.max(most, running);
            await tick(ms);
            running--;
            return ms * 10;
        });
        expect(out).toEqual([300, 50, 200, 10, 100, 20]);
        expect(most).toBe(3);
    });

    it("throws the earliest failing item's error, as a sequential run would stop there", async () => {
        const started: number[] = [];
        const run = inOrder([0, 1, 2, 3, 4, 5, 6, 7], 3, async (i) => {
            started.push(i);
            // Item 2 fails late, item 3 early: the sequential run would have failed on 2.
            await tick(i === 2 ? 30 : 1);
            if (i === 2 || i === 3) throw new Error(`item ${i}`);
            return i;
        });
        await expect(run).rejects.toThrow("item 2");
        // No new call starts once one has failed.
        expect(started).not.toContain(7);
    });

    it("handles no items", async () => {
        expect(await inOrder([], 8, () => Promise.resolve(1))).toEqual([]);
    });
});
