#!/usr/bin/env bash
# Builds the real Pulumi CLI from the Go module proxy into a cache outside the repository and
# prints the binary's path; reuses the cached binary when present. Needs only Go and the proxy.
# Fails with one line naming what is missing.
#
# The CLI's own go.mod replaces the sdk with ../sdk and atotto/clipboard with a fork, so
# `go install …@version` refuses it: a throw-away wrapper module requiring pkg/v3 and sdk/v3 at
# the same version (and repeating the clipboard replace) builds it with plain `go build`.
set -euo pipefail

version="${PULUMI_CLI_VERSION:-3.274.1}"
cache="${CHINA_COMPLIANCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/china-compliance}/pulumi-$version"
bin="$cache/bin/pulumi"
module="github.com/pulumi/pulumi/pkg/v3"

if [[ -x "$bin" ]]; then
    echo "$bin"
    exit 0
fi

fail() {
    echo "test:cli: $*" >&2
    exit 2
}

command -v go >/dev/null 2>&1 || fail "needs Go (1.26 or later on PATH) to build the Pulumi CLI $version; none found"
proxy="$(go env GOPROXY)"
[[ "$proxy" == "off" ]] && fail "needs the Go module proxy to fetch the Pulumi CLI $version, but GOPROXY is off"

mkdir -p "$cache/bin"
work="$(mktemp -d "$cache/build.XXXXXX")"
trap 'rm -rf "$work"' EXIT
log="$work/build.log"
export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod

# Fetching the module first tells a missing proxy apart from a failed build, and gives its go.mod.
if ! (cd "$work" && go mod download -json "$module@v$version") >"$work/download.json" 2>"$log"; then
    # go reports the reason as a JSON string: keep its first line, unescaped.
    reason="$(sed -n 's/^[[:space:]]*"Error": "\(.*\)",*$/\1/p' "$work/download.json" | sed 's/\\n.*//; s/\\"/"/g; s/\\t//g')"
    fail "needs the Go module proxy ($proxy) to fetch $module@v$version: ${reason:-$(tail -1 "$log")}"
fi
gomod="$(sed -n 's/^[[:space:]]*"GoMod": *"\(.*\)",*$/\1/p' "$work/download.json")"
clipboard="$(sed -n 's#^replace github.com/atotto/clipboard => \(.*\)$#\1#p' "$gomod")"

cat >"$work/go.mod" <<MOD
module china-compliance.local/pulumi-cli

go 1.26

require (
	$module v$version
	github.com/pulumi/pulumi/sdk/v3 v$version
)
MOD
[[ -n "$clipboard" ]] && echo "replace github.com/atotto/clipboard => $clipboard" >>"$work/go.mod"

echo "test:cli: building the Pulumi CLI $version from the Go module proxy (once; several minutes)" >&2
if ! (
    cd "$work" &&
        go get "$module/cmd/pulumi@v$version" &&
        go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
            -o "$work/pulumi" "$module/cmd/pulumi"
) >>"$log" 2>&1; then
    fail "building the Pulumi CLI $version failed: $(grep -v '^go: downloading' "$log" | tail -1)"
fi
mv "$work/pulumi" "$bin"
echo "$bin"
