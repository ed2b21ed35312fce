// Amazon Resource Names, read once for the pack. Policies meet S3 ARNs where one resource names a
// bucket of another (replication destinations, flow-log and trail destinations).

/** An S3 ARN split into bucket and object key (or prefix); any partition (aws, aws-cn, aws-us-gov, aws-iso-b, …). */
export interface S3Arn {
    bucket: string;
    /** The object key or prefix after the bucket, without the leading `/`; undefined for a bucket ARN. */
    key?: string;
}

// S3 ARNs carry no region or account: `arn:<partition>:s3:::<bucket>[/<key>]`.
const S3_ARN = /^arn:aws(?:-[a-z]+)*:s3:::([a-z0-9][a-z0-9.-]{1,62})(?:\/(.*))?$/;

/** Parses `arn:aws-cn:s3:::logs/flow/` into `{bucket: "logs", key: "flow/"}`; undefined for anything else. */
export function parseS3Arn(arn: unknown): S3Arn | undefined {
    if (typeof arn !== "string") return undefined;
    const m = S3_ARN.exec(arn);
    if (!m?.[1]) return undefined;
    return m[2] === undefined ? { bucket: m[1] } : { bucket: m[1], key: m[2] };
}

/** The region of an ARN (`arn:aws-cn:backup:cn-north-1:123456789012:backup-vault:dr` → `cn-north-1`); undefined for global ARNs and non-ARNs. */
export function arnRegion(arn: unknown): string | undefined {
    if (typeof arn !== "string") return undefined;
    const parts = arn.split(":");
    return parts.length >= 6 && parts[0] === "arn" && parts[3] ? parts[3] : undefined;
}
