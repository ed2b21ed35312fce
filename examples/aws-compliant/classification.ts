// Data classification: every provider tags what it creates `data-classification: internal`
// (aws:defaultTags in Pulumi.dev.yaml; defaultTags on the ningxia provider), and a resource's own
// tags raise the level where it holds more (the sessions table in backup.ts).
export const classificationTagKey = "data-classification";
