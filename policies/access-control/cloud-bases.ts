// The CIS AWS Foundations Benchmark is cited by access-control policies that cover both clouds;
// a finding on an Alibaba Cloud resource must not cite it.
import { type BasisId } from "../shared/bases";
import { cloudOf } from "../shared/regions";

/** The bases a finding on a resource of `type` rests on: the control's, without the AWS benchmark off AWS. */
export function basesFor(bases: readonly BasisId[], type: string): readonly BasisId[] {
    return cloudOf(type) === "aws" ? bases : bases.filter((b) => b !== "cis-aws");
}
