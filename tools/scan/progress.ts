// Progress on stderr for runs that take more than a few seconds (a program importing the provider
// SDKs takes several): one line, rewritten in place, only on a terminal, cleared at the end. Pipes
// and CI logs get nothing, so stderr stays the channel for errors.

export interface ProgressStream {
    isTTY?: boolean;
    write(text: string): unknown;
}

export interface Progress {
    /** A new phase, drawn at once when the line is showing. */
    phase(text: string): void;
    /** A frequent update (one per resource): shown at the next redraw, so the terminal gets at most one write a second. */
    update(text: string): void;
    stop(): void;
}

export const NO_PROGRESS: Progress = { phase: () => undefined, update: () => undefined, stop: () => undefined };

export function startProgress(stream: ProgressStream, options: { delayMs?: number; everyMs?: number; now?: () => number } = {}): Progress {
    if (stream.isTTY !== true) return NO_PROGRESS;
    const now = options.now ?? Date.now;
    const started = now();
    const delay = options.delayMs ?? 3000;
    let phase = "starting";
    let shown = false;
    const draw = (): void => {
        if (now() - started < delay) return;
        stream.write(`\r\x1b[Kscan: ${phase}… ${Math.floor((now() - started) / 1000)} s`);
        shown = true;
    };
    const timer = setInterval(draw, options.everyMs ?? 1000);
    timer.unref();
    return {
        phase(text: string) {
            phase = text;
            if (shown) draw();
        },
        update(text: string) {
            phase = text;
        },
        stop() {
            clearInterval(timer);
            if (shown) stream.write("\r\x1b[K");
        },
    };
}
