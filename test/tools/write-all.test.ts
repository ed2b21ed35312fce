// scan writes its output a slice at a time (tools/scan/write-all.ts): the bytes must be exactly
// the text's, whatever the slice boundaries cut, and a reader that goes away must not hang it.
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { chunksOf, concatText, writeAll } from "../../tools/scan/write-all";

/** A stream that takes `highWaterMark` bytes before asking the writer to wait, and drains asynchronously. */
function sink(highWaterMark: number): Writable & { bytes: Buffer[] } {
    const bytes: Buffer[] = [];
    const stream = new Writable({
        highWaterMark,
        write(chunk: Buffer, _enc, done) {
            bytes.push(chunk);
            setImmediate(done);
        },
    });
    return Object.assign(stream, { bytes });
}

describe("writeAll", () => {
    it.each([
        { name: "ASCII over many slices", text: "abcdefghij".repeat(50), slice: 7 },
        { name: "Chinese text (three UTF-8 bytes each)", text: "网络日志留存不少于六个月".repeat(20), slice: 5 },
        { name: "a surrogate pair on every boundary", text: "a😀".repeat(40), slice: 2 },
        { name: "a surrogate pair where a slice ends", text: "abc😀def😀", slice: 4 },
        { name: "one slice", text: "short", slice: 1 << 20 },
        { name: "nothing", text: "", slice: 3 },
    ])("writes exactly the text: $name", async ({ text, slice }) => {
        const out = sink(16);
        await writeAll(out, text, slice);
        // What the stream still buffers goes out before the process exits (here: when it ends).
        await new Promise<void>((resolve) => out.end(resolve));
        expect(Buffer.concat(out.bytes).toString("utf8")).toBe(text);
        expect(Buffer.concat(out.bytes).equals(Buffer.from(text, "utf8"))).toBe(true);
    });

    it("waits for the stream to drain between slices", async () => {
        const out = sink(4);
        const seen: number[] = [];
        const write = out.write.bind(out);
        out.write = ((chunk: string) => {
            seen.push(out.writableLength);
            return write(chunk);
        }) as typeof out.write;
        await writeAll(out, "x".repeat(100), 10);
        // Each slice waited until the last had been taken.
        expect(seen).toEqual(Array.from({ length: 10 }, () => 0));
    });

    it("stops, without waiting forever, when the reader goes away", async () => {
        const out = sink(4);
        out.on("error", () => undefined);
        let writes = 0;
        const write = out.write.bind(out);
        out.write = ((chunk: string) => {
            if (++writes === 3) setImmediate(() => out.destroy());
            return write(chunk);
        }) as typeof out.write;
        await writeAll(out, "y".repeat(1000), 10);
        expect(writes).toBe(3);
    });

    it.each([
        { name: "small pieces joined up to a slice", pieces: ["ab", "cd", "ef", "gh", "i"], slice: 4, chunks: ["abcd", "efgh", "i"] },
        { name: "a piece longer than a slice, sliced", pieces: ["x", "abcdefghij"], slice: 4, chunks: ["xabc", "defg", "hij"] },
        { name: "a surrogate pair inside a piece, where a slice ends", pieces: ["abc😀d"], slice: 4, chunks: ["abc😀", "d"] },
        { name: "no pieces", pieces: [], slice: 4, chunks: [] },
    ])("writes pieces as they come: $name", async ({ pieces, slice, chunks }) => {
        expect([...chunksOf(pieces, slice)]).toEqual(chunks);
        const out = sink(16);
        await writeAll(out, pieces, slice);
        await new Promise<void>((resolve) => out.end(resolve));
        expect(Buffer.concat(out.bytes).toString("utf8")).toBe(pieces.join(""));
    });

    it("makes each text's pieces only when the text before has been read", () => {
        const made: string[] = [];
        const lazy = (name: string): Generator<string> =>
            (function* () {
                made.push(name);
                yield name;
            })();
        const all = concatText(["head ", lazy("a"), lazy("b")])[Symbol.iterator]();
        expect([all.next().value, made]).toEqual(["head ", []]);
        expect([all.next().value, made]).toEqual(["a", ["a"]]);
        expect([all.next().value, made]).toEqual(["b", ["a", "b"]]);
    });
});
