// scan's output, to stdout or a file. A large report (20,000 resources: about 25 MB of JSON) held
// as one string, encoded whole and held again until a pipe takes it, was tens of MB at the scan's
// peak; reports are written as they are made, about a megabyte at a time.

/** Characters per write. */
export const SLICE = 1 << 20;

/** A report: one string, or pieces made as they are read (json-text.ts). */
export type Text = string | Iterable<string>;

export interface OutputStream {
    readonly destroyed: boolean;
    write(text: string): boolean;
    on(event: "drain" | "close", listener: () => void): unknown;
    off(event: "drain" | "close", listener: () => void): unknown;
}

/** The whole text, for callers that want it as one string. */
export function textOf(text: Text): string {
    return typeof text === "string" ? text : [...text].join("");
}

/** Several texts as one, each made only when the one before has been read. */
export function* concatText(texts: readonly Text[]): Generator<string> {
    for (const t of texts) yield* typeof t === "string" ? [t] : t;
}

/** A string in slices of `slice` characters, never between the two halves of a surrogate pair (two U+FFFD once encoded). */
function* slices(text: string, slice: number): Generator<string> {
    for (let i = 0; i < text.length; ) {
        let end = Math.min(i + slice, text.length);
        const last = text.charCodeAt(end - 1);
        if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
        yield text.slice(i, end);
        i = end;
    }
}

/** `text` in writes of about `slice` characters: pieces are joined up to that size, a longer one is sliced. */
export function* chunksOf(text: Text, slice = SLICE): Generator<string> {
    if (typeof text === "string") {
        yield* slices(text, slice);
        return;
    }
    let parts: string[] = [];
    let size = 0;
    for (const piece of text) {
        parts.push(piece);
        size += piece.length;
        if (size >= slice) {
            yield* slices(parts.join(""), slice);
            parts = [];
            size = 0;
        }
    }
    if (size > 0) yield* slices(parts.join(""), slice);
}

/** Writes `text` a chunk at a time, waiting for the stream to drain; stops if the reader has gone. */
export async function writeAll(stream: OutputStream, text: Text, slice = SLICE): Promise<void> {
    for (const chunk of chunksOf(text, slice)) {
        if (stream.destroyed) return;
        if (!stream.write(chunk) && !stream.destroyed) await drained(stream);
    }
}

function drained(stream: OutputStream): Promise<void> {
    return new Promise<void>((resolve) => {
        const done = (): void => {
            stream.off("drain", done);
            stream.off("close", done);
            resolve();
        };
        stream.on("drain", done);
        stream.on("close", done);
    });
}
