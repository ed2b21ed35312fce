// `*` globs, as users write them in config (region allowlists, exemption patterns).
const cache = new Map<string, RegExp>();

/** Compiles a glob where `*` matches any run of characters (including none); everything else is literal. */
export function globToRegExp(glob: string): RegExp {
    let re = cache.get(glob);
    if (!re) {
        const body = glob.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*");
        re = new RegExp(`^${body}$`);
        cache.set(glob, re);
    }
    return re;
}

export function matchesGlob(value: string, glob: string): boolean {
    return globToRegExp(glob).test(value);
}

export function matchesAnyGlob(value: string, globs: readonly string[]): boolean {
    return globs.some((g) => matchesGlob(value, g));
}
