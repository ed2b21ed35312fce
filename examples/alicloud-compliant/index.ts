// Entry point: one module per area, on a shared network.
export * as network from "./network";
export * as logging from "./logging";
export * as encryption from "./encryption";
export * as dataResidency from "./data-residency";
export * as accessControl from "./access-control";
export * as backup from "./backup";
export * as classification from "./classification";
export * as auditRecords from "./audit-records";
export * as identity from "./identity";
export * as threatProtection from "./threat-protection";
