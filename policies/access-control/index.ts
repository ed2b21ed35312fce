// Access-control controls (docs/policies.md).
import { type Control } from "../shared/control";
import bucketPublicAccessBlocked from "./bucket-public-access-blocked";
import noInternetAdminPorts from "./no-internet-admin-ports";
import noInternetDatabasePorts from "./no-internet-database-ports";
import noPublicBuckets from "./no-public-buckets";
import noPublicDatabases from "./no-public-databases";
import securityGroupRequired from "./security-group-required";
import subnetNetworkAclAssociated from "./subnet-network-acl-associated";
import vswitchNetworkAclBound from "./vswitch-network-acl-bound";

export const accessControlControls: readonly Control[] = [
    noInternetAdminPorts,
    noInternetDatabasePorts,
    securityGroupRequired,
    vswitchNetworkAclBound,
    subnetNetworkAclAssociated,
    noPublicBuckets,
    bucketPublicAccessBlocked,
    noPublicDatabases,
];
