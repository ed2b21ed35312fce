// scan's output to stdout. A large report (20,000 resources: about 25 MB of JSON) written in one
// call is encoded whole and held until a pipe takes it: tens of MB more at the scan's peak.

/** Characters per write. */
export const SLICE = 1 << 20;

export interface OutputStream {
    readonly destroyed: boolean;
    write(text: string): boolean;
    on(event: "drain" | "close", listener: () => void): unknown;
    off(event: "drain" | "close", listener: () => void): unknown;
}

/** Writes `text` a slice at a time, waiting for the stream to drain; stops if the reader has gone. */
export async function writeAll(stream: OutputStream, text: string, slice = SLICE): Promise<void> {
    for (let i = 0; i < text.length && !stream.destroyed; ) {
        let end = Math.min(i + slice, text.length);
        // Never between the two halves of a surrogate pair, which would be encoded as two U+FFFD.
        const last = text.charCodeAt(end - 1);
        if (end < text.length && last >= 0xd800 && last <= 0xdbff) end++;
        const flushed = stream.write(text.slice(i, end));
        i = end;
        if (!flushed && !stream.destroyed) await drained(stream);
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
