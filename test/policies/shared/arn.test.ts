import { describe, expect, it } from "vitest";
import { parseS3Arn } from "../../../policies/shared/arn";

describe("parseS3Arn", () => {
    it.each([
        ["arn:aws:s3:::my-bucket", { bucket: "my-bucket" }],
        ["arn:aws-cn:s3:::logs.example", { bucket: "logs.example" }],
        ["arn:aws-us-gov:s3:::b1", { bucket: "b1" }],
        ["arn:aws-iso-b:s3:::b1", { bucket: "b1" }],
        ["arn:aws:s3:::my-bucket/key", { bucket: "my-bucket", key: "key" }],
        ["arn:aws-cn:s3:::logs/flow/", { bucket: "logs", key: "flow/" }],
        ["arn:aws:s3:::logs/", { bucket: "logs", key: "" }],
        // Not S3, or not a bucket ARN: S3 ARNs have no region and no account.
        ["arn:aws:s3:us-east-1::b", undefined],
        ["arn:aws-cn:logs:cn-north-1:1:log-group:x", undefined],
        ["arn:aws:s3:::Upper", undefined],
        ["arn:aws:s3:::", undefined],
        ["arn:azure:s3:::b1", undefined],
        ["my-bucket", undefined],
        [7, undefined],
        [undefined, undefined],
    ])("%j → %j", (arn, expected) => {
        expect(parseS3Arn(arn)).toEqual(expected);
    });
});
