// Load balancer and API access logs (CSL Art. 23(3); GB/T 22239-2019 8.1.3.5, 8.1.4.3): the
// requests that reach a service through its entry points are the other half of the network
// behaviour flow logs record. Each load balancer and API stage the stack creates writes access
// logs. Where they are kept is checked where the retention is set: log-retention-minimum (the
// CloudWatch log group of an API stage, the SLS Logstore of an ALB) and log-bucket-lifecycle-minimum
// (the S3 bucket of a load balancer). Classic SLB access logs have no resource in the provider and
// cannot be declared, so they are not checked.
import type * as alicloud from "@pulumi/alicloud";
import type * as aws from "@pulumi/aws";
import { type PolicyResource, type StackValidationArgs } from "@pulumi/policy";
import { type ControlMetadata, stackControl } from "../shared/control";
import { type Emit, shown } from "../shared/emit";
import { bi } from "../shared/messages";
import { ALI_ALB, AWS_LOAD_BALANCERS as AWS_LBS, awsLoadBalancerType } from "../shared/load-balancers";
import { inputName } from "../shared/properties";
import { Input } from "../shared/reader";
import { knownIds, linkVia } from "./links";

const API_STAGES = ["aws:apigateway/stage:Stage", "aws:apigatewayv2/stage:Stage"];
const ALI_ATTACHMENT = "alicloud:alb/loadBalancerAccessLogConfigAttachment:LoadBalancerAccessLogConfigAttachment";
const ACCESS_LOGS = inputName<aws.lb.LoadBalancerArgs>("accessLogs");
const STAGE_SETTINGS = inputName<aws.apigateway.StageArgs>("accessLogSettings");
const ALB_CONFIG = inputName<alicloud.alb.LoadBalancerArgs>("accessLogConfig");
const ATTACHMENT_LB = inputName<alicloud.alb.LoadBalancerAccessLogConfigAttachmentArgs>("loadBalancerId");

export const metadata: ControlMetadata = {
    name: "access-logs-enabled",
    description: "Load balancers and API stages write access logs, recording the requests that reach the network's entry points.",
    category: "logging",
    bases: ["csl-23-3", "mlps-8.1.3.5", "mlps-8.1.4.3"],
    severity: "medium",
    enforcementLevel: "mandatory",
    remediationSteps:
        "aws.lb.LoadBalancer (application or network): set `accessLogs: { enabled: true, bucket }` (enabled defaults to false even with a bucket); keep the bucket's logs at least 180 days. " +
        "aws.apigateway.Stage / aws.apigatewayv2.Stage: set `accessLogSettings: { destinationArn, format }` to a CloudWatch log group kept at least 180 days. " +
        "alicloud.alb.LoadBalancer: set `accessLogConfig: { logProject, logStore }` or add an alicloud.alb.LoadBalancerAccessLogConfigAttachment, into a Logstore kept at least 180 days. " +
        "Gateway load balancers have no access logs and are not checked. All of these change in place.",
    zh: {
        description: "负载均衡和 API 阶段记录访问日志，留存到达网络入口的请求。",
        remediationSteps:
            "aws.lb.LoadBalancer（应用型或网络型）：设置 `accessLogs: { enabled: true, bucket }`（即使指定了 bucket，enabled 默认也为 false），存储桶内日志至少保留 180 天。" +
            "aws.apigateway.Stage / aws.apigatewayv2.Stage：设置 `accessLogSettings: { destinationArn, format }`，指向至少保留 180 天的 CloudWatch 日志组。" +
            "alicloud.alb.LoadBalancer：设置 `accessLogConfig: { logProject, logStore }` 或添加 alicloud.alb.LoadBalancerAccessLogConfigAttachment，投递到至少保留 180 天的日志库（Logstore）。" +
            "网关型负载均衡没有访问日志，不检查。以上修改均为原地更新。",
    },
    resourceTypes: [...AWS_LBS, ...API_STAGES, ALI_ALB, ALI_ATTACHMENT],
};

const on = (r: PolicyResource) => ({ urn: r.urn, name: r.name });

function checkAwsLb(r: PolicyResource, emit: Emit): void {
    const props = Input.of(r.props);
    const type = awsLoadBalancerType(r);
    if (type.kind === "value" && type.value === "gateway") return;
    const enabled = props.get(ACCESS_LOGS).get("enabled").boolean();
    if (enabled.kind === "value" && enabled.value) return;
    emit({
        kind: bi("Load balancer", "负载均衡"),
        on: on(r),
        found: shown(enabled, { unset: bi("default false", "默认 false") }),
        required: bi("true, with a log bucket", "true，并指定日志存储桶"),
        change: enabled,
        unknown: enabled.kind === "unknown" || type.kind === "unknown",
    });
}

function checkStage(r: PolicyResource, emit: Emit): void {
    const settings = Input.of(r.props).get(STAGE_SETTINGS);
    const destination = settings.get("destinationArn").raw();
    if (destination.kind === "value" || destination.kind === "unknown") return;
    emit({
        kind: bi("API Gateway stage", "API 网关阶段"),
        on: on(r),
        found: bi("no access logs", "未记录访问日志"),
        required: bi("access logs to a CloudWatch log group", "将访问日志写入 CloudWatch 日志组"),
        change: settings,
    });
}

function checkAlb(r: PolicyResource, attachments: readonly PolicyResource[], emit: Emit): void {
    const config = Input.of(r.props).get(ALB_CONFIG);
    const store = config.get("logStore").raw();
    if (store.kind === "value" || store.kind === "unknown") return;
    let unresolved = false;
    for (const a of attachments) {
        const link = linkVia(a, { property: ATTACHMENT_LB, references: (p) => [p.get(ATTACHMENT_LB)] }, [r], (t) => knownIds(t, []));
        if (link.targets.length > 0) return;
        unresolved ||= link.unresolved;
    }
    emit({
        kind: bi("ALB instance", "应用型负载均衡（ALB）实例"),
        on: on(r),
        found: bi("no access logs", "未记录访问日志"),
        required: bi("access logs to an SLS Logstore", "将访问日志投递到日志服务（SLS）日志库（Logstore）"),
        change: config,
        fix: bi("Or add an `alicloud.alb.LoadBalancerAccessLogConfigAttachment` for it.", "或为其添加 `alicloud.alb.LoadBalancerAccessLogConfigAttachment`。"),
        unknown: unresolved,
    });
}

function validate(args: StackValidationArgs, emit: Emit): void {
    const attachments = args.resources.filter((r) => r.type === ALI_ATTACHMENT);
    const checks: Record<string, (r: PolicyResource) => void> = {
        ...Object.fromEntries(AWS_LBS.map((t) => [t, (r: PolicyResource) => checkAwsLb(r, emit)])),
        ...Object.fromEntries(API_STAGES.map((t) => [t, (r: PolicyResource) => checkStage(r, emit)])),
        [ALI_ALB]: (r) => checkAlb(r, attachments, emit),
    };
    for (const r of args.resources) checks[r.type]?.(r);
}

export default stackControl(metadata, validate);
