// Entry point: one module per area, on a shared network.
export * as network from "./network";
export * as logging from "./logging";
