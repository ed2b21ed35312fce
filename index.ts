// Entry point the Pulumi CLI loads (through package.json `main`, compiled): builds the pack.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./policies";
import { installDeserialiseOnce } from "./policies/shared/deserialise-once";

installDeserialiseOnce();
new PolicyPack("china-compliance", { policies });
