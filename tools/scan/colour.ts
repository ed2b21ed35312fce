// Colour for text output, with Node's own util.styleText (no dependency). On only when the output
// is a terminal that has colours (tty's hasColors reads TERM, NO_COLOR and FORCE_COLOR), or when
// FORCE_COLOR asks for it; never with NO_COLOR or --no-color, never in a file.
import { styleText } from "util";

export type Style = "red" | "yellow" | "green" | "bold" | "dim";
export type Paint = (style: Style, text: string) => string;

export interface ColourStream {
    isTTY?: boolean;
    hasColors?: () => boolean;
}

export function colourEnabled(stream: ColourStream, env: NodeJS.ProcessEnv = process.env, noColor = false): boolean {
    if (noColor || (env.NO_COLOR !== undefined && env.NO_COLOR !== "")) return false;
    if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false") return true;
    return stream.isTTY === true && typeof stream.hasColors === "function" && stream.hasColors();
}

export function painter(enabled: boolean | undefined): Paint {
    // validateStream: false, as the decision above is made for the stream the text goes to.
    return enabled ? (style, text) => styleText(style, text, { validateStream: false }) : (_style, text) => text;
}
