#!/usr/bin/env bash
# Builds the real Pulumi CLI from the Go module proxy into a cache outside the repository and
# prints the binary's path. Reuses the cached binary when present. Needs only Go and the proxy.
#
# The CLI's own go.mod replaces the sdk with ../sdk and atotto/clipboard with a fork, so
# `go install …@version` refuses it; a throw-away wrapper module requiring pkg/v3 and sdk/v3 at
# the same version (and repeating the clipboard replace) builds it with plain `go build`.
set -euo pipefail

version="${PULUMI_CLI_VERSION:-3.274.1}"
cache="${CHINA_COMPLIANCE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/china-compliance}/pulumi-$version"
bin="$cache/bin/pulumi"

if [[ -x "$bin" ]]; then
    echo "$bin"
    exit 0
fi

if ! command -v go >/dev/null 2>&1; then
    echo "test:cli needs Go (go 1.26 or later on PATH) to build the Pulumi CLI $version" >&2
    exit 2
fi

proxy="$(go env GOPROXY)"
proxy="${proxy%%,*}"
proxy="${proxy%%|*}"
if [[ "$proxy" == "off" || "$proxy" == "direct" ]]; then
    echo "test:cli needs the Go module proxy (GOPROXY is '$proxy') to fetch the Pulumi CLI $version" >&2
    exit 2
fi
if ! curl -fsS --max-time 30 -o /dev/null "$proxy/github.com/pulumi/pulumi/pkg/v3/@v/v$version.info" 2>/dev/null; then
    echo "test:cli needs the Go module proxy: $proxy does not serve github.com/pulumi/pulumi/pkg/v3@v$version" >&2
    exit 2
fi

mkdir -p "$cache/bin"
work="$(mktemp -d "$cache/build.XXXXXX")"
trap 'rm -rf "$work"' EXIT

clipboard="$(curl -fsS --max-time 30 "$proxy/github.com/pulumi/pulumi/pkg/v3/@v/v$version.mod" \
    | sed -n 's#^replace github.com/atotto/clipboard => \(.*\)$#\1#p')"

cat >"$work/go.mod" <<MOD
module china-compliance.local/pulumi-cli

go 1.26

require (
	github.com/pulumi/pulumi/pkg/v3 v$version
	github.com/pulumi/pulumi/sdk/v3 v$version
)
MOD
if [[ -n "$clipboard" ]]; then
    echo "replace github.com/atotto/clipboard => $clipboard" >>"$work/go.mod"
fi

export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
(
    cd "$work"
    go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$version" >&2
    go build -trimpath \
        -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
        -o "$work/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
)
mv "$work/pulumi" "$bin"
echo "$bin"
