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
