#!/usr/bin/env bash
# Synthesize the CDK fixtures under testdata/cdk/ from the small apps in
# scripts/cdk-fixtures/. Needs Node.js (20+) and the npm registry; nothing
# else is contacted (no `cdk` CLI, no AWS: every stack has an explicit env and
# no lookups). Each app calls `app.synth()` itself and is given the context the
# CDK CLI passes to `cdk synth` (CDK_CONTEXT_JSON below).
#
# Output: testdata/cdk/<name>/cdk.out (deleted first; the script is idempotent),
# then testdata/cdk/README.md and testdata/cdk/expected.json are regenerated
# from the assemblies and scripts/cdk-fixtures/expected-codes.json.
#
# Note: creation stack traces hold the absolute path of the apps on the machine
# that ran this script, so running it from another checkout changes those
# strings (and nothing else).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
apps="$root/scripts/cdk-fixtures"
out="$root/testdata/cdk"

(cd "$apps" && npm ci --no-audit --no-fund --loglevel=error)
(cd "$apps/legacy" && npm ci --no-audit --no-fund --loglevel=error)

# A clean, reproducible environment for the apps.
unset CDK_DEBUG CDK_OUTDIR CDK_CONTEXT_JSON CONTEXT_OVERFLOW_LOCATION_ENV \
  CDK_DEFAULT_ACCOUNT CDK_DEFAULT_REGION CDK_DISABLE_STACK_TRACE \
  JSII_HOST_STACK_TRACES CDK_FIXTURE_LIB_DIR NODE_OPTIONS
export CDK_DISABLE_VERSION_CHECK=1
export TZ=UTC LC_ALL=C

# What the CDK CLI's contextFromSettings() passes by default (path metadata,
# asset metadata, version reporting, bundling of all stacks).
cli_context='"aws:cdk:enable-path-metadata":true,"aws:cdk:enable-asset-metadata":true,"aws:cdk:version-reporting":true,"aws:cdk:bundling-stacks":["**"]'

# synth NAME APP [VAR=VALUE...]: run scripts/cdk-fixtures/APP/app.js into
# testdata/cdk/NAME/cdk.out with the extra environment given.
synth() {
  local name="$1" app="$2"
  shift 2
  local dest="$out/$name/cdk.out"
  rm -rf "$dest"
  mkdir -p "$out/$name"
  (cd "$apps/$app" && env "$@" node app.js "$dest")
  # Keep the fixtures small: drop staged asset directories (file assets such as
  # Lambda code); nested stack templates are files (*.nested.template.json) and stay.
  find "$dest" -mindepth 1 -maxdepth 2 -type d -name 'asset.*' -prune -exec rm -rf {} +
  echo "synthesized testdata/cdk/$name/cdk.out"
}

# aws-cdk-lib 2.276.0 records `aws:cdk:creationStack` on every construct unless
# this context key is set (the CLI does not set it; a cdk.json may).
synth roles-no-trace roles \
  CDK_CONTEXT_JSON="{$cli_context,\"aws:cdk:disable-creation-stack-traces\":true}"
# `cdk synth --debug` sets CDK_DEBUG=true.
synth roles-with-trace roles \
  CDK_DEBUG=true CDK_CONTEXT_JSON="{$cli_context}"
# The same app on aws-cdk-lib 2.180.0 (scripts/cdk-fixtures/legacy), which keeps
# metadata inline in manifest.json and whose
# --debug traces are `trace` arrays on the `aws:cdk:logicalId` entries.
synth roles-legacy-trace roles \
  CDK_DEBUG=true CDK_FIXTURE_LIB_DIR="$apps/legacy" CDK_CONTEXT_JSON="{$cli_context}"
# Plain `cdk synth` with 2.276.0 (no --debug): creation stacks are recorded anyway.
synth stage-nested stage-nested CDK_CONTEXT_JSON="{$cli_context}"
synth good-only good-only CDK_CONTEXT_JSON="{$cli_context}"

# Creation traces record absolute paths of this machine: write them as another machine's
# (/home/dev/cdk-fixtures/...), so the fixtures read the same from any checkout. A test copies
# an assembly into a project of its own to show a trace that resolves under the project root.
find "$out" -path '*/cdk.out/*' -type f -name '*.json' \
  -exec sed -i "s#$apps#/home/dev/cdk-fixtures#g" {} +

node "$apps/describe.js" "$out" "$apps/expected-codes.json"
