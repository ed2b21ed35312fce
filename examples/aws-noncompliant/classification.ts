// Data classification: the default provider tags every resource `data-classification: internal`
// (Pulumi.dev.yaml, aws:defaultTags), and the sessions table (backup.ts) is classified higher.
// The Singapore provider (data-residency.ts) has no defaultTags, so what it creates is unclassified.

// BREAKS data-classification-tag on reports-dr: the bucket is created through the Singapore provider, which adds no classification tag.
// FIX: defaultTags: { tags: { "data-classification": "internal" } } on that provider, or tags on the bucket.
export const classificationTagKey = "data-classification";
