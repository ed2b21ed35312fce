// Where a copy-making resource sends its data: the reading helpers shared by the general copy
// table (copy-destination-allowed-regions.ts) and the backup-copy rows (backup-copies.ts).
import { type Input } from "../shared/reader";
import { zoneToRegion } from "../shared/regions";

/** One place data is copied to: the input path, and the region read there. */
export interface Destination {
    property: string;
    /** A region name (or an unreadable value, judged as such). */
    region: unknown;
    /** The value was present but names no known region (e.g. an OSS location of an unknown region). */
    unplaced?: boolean;
    /** The input does not have the documented shape (e.g. a list input that is not a list). */
    unreadable?: boolean;
    /** The region is the provider's: the fix is on the provider, not on this resource. */
    viaProvider?: boolean;
    /** The value is unknown until deployment. */
    unknown?: boolean;
}

/** The copy is created in the resource's own (effective) region: the destination is where the resource is. */
export const EFFECTIVE = "effective" as const;

export type Reader = ((props: Input) => Destination[]) | typeof EFFECTIVE;

/** A destination read at `input`: unset and "" are no destination; `toRegion` maps zones and locations to regions. */
export function destinationAt(input: Input, toRegion?: (v: unknown) => string | undefined): Destination[] {
    const read = input.raw();
    if (read.kind === "unknown") return [{ property: read.path, region: undefined, unknown: true }];
    if (read.kind !== "value" || read.value === "") return [];
    if (!toRegion) return [{ property: read.path, region: read.value }];
    const region = toRegion(read.value);
    return [{ property: read.path, region: region ?? read.value, unplaced: region === undefined }];
}

/** Every element of a list input; a non-list value is one unreadable destination. */
export function eachOf(list: Input, read: (item: Input) => Destination[]): Destination[] {
    const items = list.items();
    if (items.kind === "unknown") return [{ property: items.path, region: undefined, unknown: true }];
    if (items.kind === "invalid") return items.raw === "" ? [] : [{ property: items.path, region: items.raw, unreadable: true }];
    return items.kind === "value" ? items.value.flatMap(read) : [];
}

export const regionAt = (props: Input, key: string) => destinationAt(props.get(key));
export const zoneAt = (props: Input, key: string) => destinationAt(props.get(key), zoneToRegion);
