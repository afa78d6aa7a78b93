#!/usr/bin/env bash
# Verifies .pre-commit-hooks.yaml for real: installs pre-commit and prek from PyPI into a
# virtual environment, makes a temporary git repository, and runs `try-repo` against this
# repository on a bad commit (the hook must fail with TL001) and a good one (it must pass).
# Also checks that a staged .tf file is linted with its module directory.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
venv=${TRUSTLINT_VENV:-$(mktemp -d)/venv}
[ -x "$venv/bin/pre-commit" ] && [ -x "$venv/bin/prek" ] || {
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q pre-commit prek
}
"$venv/bin/pre-commit" validate-manifest "$repo/.pre-commit-hooks.yaml"
"$venv/bin/prek" validate-manifest "$repo/.pre-commit-hooks.yaml"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q
git config user.email ci@example.invalid
git config user.name ci
mkdir -p iam
cat > iam/main.tf <<'TF'
resource "aws_iam_role" "deploy" {
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
TF
cat > iam/trust.tf <<'TF'
data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}
TF
printf 'name: chart\nversion: [broken\n' > values.yaml
git add -A
git commit -qm bad

passed=0
failed=0
expect() {
  local want=$1 tool=$2
  shift 2
  local out status=0
  out=$("$@" 2>&1) || status=$?
  if [ "$want" = fail ] && [ "$status" -ne 0 ] && grep -q "TL001" <<<"$out" \
     && grep -q "aws_iam_role.deploy" <<<"$out"; then
    echo "ok   $tool fails on the bad commit with TL001"; passed=$((passed + 1))
  elif [ "$want" = pass ] && [ "$status" -eq 0 ]; then
    echo "ok   $tool passes on the good commit"; passed=$((passed + 1))
  else
    echo "FAIL $tool expected to $want (status $status):"; echo "$out" | tail -40; failed=$((failed + 1))
  fi
}
# Only trust.tf is named, as when it alone is staged: the role in main.tf is still found.
expect fail pre-commit "$venv/bin/pre-commit" try-repo "$repo" trustlint --files iam/trust.tf values.yaml
expect fail prek "$venv/bin/prek" try-repo "$repo" trustlint --files iam/trust.tf values.yaml

sed -i 's|identifiers = \["arn:aws:iam::111122223333:root"\]|identifiers = ["arn:aws:iam::111122223333:root"]\n    }\n    condition {\n      test     = "StringLike"\n      variable = "sts:RoleSessionName"\n      values   = ["\&{aws:username}"]|' iam/trust.tf
git add -A
git commit -qm good
expect pass pre-commit "$venv/bin/pre-commit" try-repo "$repo" trustlint --files iam/trust.tf values.yaml
expect pass prek "$venv/bin/prek" try-repo "$repo" trustlint --files iam/trust.tf values.yaml

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
