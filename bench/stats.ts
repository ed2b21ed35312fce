// Small statistics for benchmark rounds.
export function median(xs: readonly number[]): number {
    if (xs.length === 0) return NaN;
    const s = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(s.length / 2);
    return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

export function ratio(value: number, baseline: number): string {
    return `${(value / baseline).toFixed(2)}×`;
}

export function ms(x: number): string {
    return `${x.toFixed(0)} ms`;
}
