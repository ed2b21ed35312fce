// Errors that callers must be able to tell apart: bad input is the user's to fix (scan exits 2
// with one line), anything else is a bug or an environment failure.

/** Input the user can fix: a config file, a program, an export, a pack that does not start. */
export class UserInputError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "UserInputError";
    }

    /** One line for a terminal: the first line of the message. */
    get summary(): string {
        return firstLine(this.message);
    }
}

/** The pack process did not come up; `stderr` is the tail of what it wrote there. */
export class PackStartError extends UserInputError {
    constructor(
        readonly reason: string,
        readonly stderr: string,
        /** The pack process, when one was started (it has been killed). */
        readonly pid?: number,
    ) {
        super(stderr ? `${reason}; its stderr:\n${stderr}` : reason);
        this.name = "PackStartError";
    }

    /** The reason plus the line of stderr most likely to say what went wrong. */
    override get summary(): string {
        const clue = mostTellingLine(this.stderr);
        return clue ? `${this.reason}: ${clue}` : this.reason;
    }
}

export function firstLine(text: string): string {
    return (text.split(/\r?\n/, 1)[0] ?? "").trim();
}

/** An error line (`Error: ...`, `TypeError: ...`) beats the last non-empty line. */
export function mostTellingLine(text: string): string | undefined {
    const lines = text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l.length > 0 && !l.startsWith("at "));
    return lines.find((l) => /^[A-Za-z]*Error\b/.test(l)) ?? lines[lines.length - 1];
}
