// Entry point the Pulumi CLI loads (through package.json `main`, compiled): builds the pack.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";
import { withBuildOnce } from "./policies/shared/build-once";
import { installDeserialiseOnce } from "./policies/shared/deserialise-once";

installDeserialiseOnce();
withBuildOnce(() => new PolicyPack("china-compliance", { policies }));
