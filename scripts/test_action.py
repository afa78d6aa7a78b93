#!/usr/bin/env python3
"""Runs the `run:` steps of this repository's action.yml itself (not a copy) the way a
GitHub runner would, with a simulated GITHUB_* environment, on a bad and a good workspace,
and checks the annotations, the job summary, the SARIF file, the outputs and the exit status.

Usage: python scripts/test_action.py   (needs PyYAML; builds trustlint with cargo install)
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

BAD = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]}
"""
GOOD = """{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
  "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole",
  "Condition": {"StringLike": {"sts:RoleSessionName": "${aws:username}"}}}]}
"""


def expand(value, inputs, outputs):
    """Evaluates the `${{ inputs.X }}` and `${{ steps.S.outputs.X }}` expressions of `env:`."""
    def one(m):
        expr = m.group(1).strip()
        if expr.startswith("inputs."):
            return inputs[expr[len("inputs."):]]
        m2 = re.fullmatch(r"steps\.([\w-]+)\.outputs\.([\w-]+)", expr)
        if m2:
            return outputs.get(m2.group(1), {}).get(m2.group(2), "")
        raise SystemExit(f"unsupported expression {expr!r}")
    return re.sub(r"\$\{\{(.*?)\}\}", one, str(value))


def read_outputs(path):
    values = {}
    with open(path) as f:
        for line in f:
            if "=" in line:
                k, v = line.rstrip("\n").split("=", 1)
                values[k] = v
    return values


def run_action(workspace, tool_cache, overrides):
    with open(os.path.join(REPO, "action.yml")) as f:
        action = yaml.safe_load(f)
    inputs = {k: str(v.get("default", "")) for k, v in action["inputs"].items()}
    inputs.update(overrides)
    for step in action["runs"]["steps"]:
        assert "${{" not in step["run"], f"step {step.get('name')} expands an expression in run:"
    summary = os.path.join(workspace, "..", "summary.md")
    open(summary, "w").close()
    outputs = {}
    status = 0
    stdout = ""
    for step in action["runs"]["steps"]:
        out_file = tempfile.mktemp()
        open(out_file, "w").close()
        env = dict(os.environ)
        env.update({
            "GITHUB_ACTION_PATH": REPO,
            "GITHUB_WORKSPACE": workspace,
            "GITHUB_STEP_SUMMARY": summary,
            "GITHUB_OUTPUT": out_file,
            "GITHUB_ENV": tempfile.mktemp(),
            "GITHUB_PATH": tempfile.mktemp(),
            "RUNNER_TOOL_CACHE": tool_cache,
            "CI": "true",
        })
        for k, v in step.get("env", {}).items():
            env[k] = expand(v, inputs, outputs)
        # The runner's shell for `shell: bash`.
        proc = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]],
                              cwd=workspace, env=env, capture_output=True, text=True)
        sys.stderr.write(proc.stderr[-2000:])
        stdout += proc.stdout
        outputs[step.get("id", "")] = read_outputs(out_file)
        status = proc.returncode
        if status != 0:
            break
    with open(summary) as f:
        return status, stdout, f.read(), outputs


def main():
    tool_cache = tempfile.mkdtemp(prefix="toolcache-")
    failures = []

    def check(cond, what):
        print(("ok   " if cond else "FAIL ") + what)
        if not cond:
            failures.append(what)

    with tempfile.TemporaryDirectory() as tmp:
        bad = os.path.join(tmp, "bad")
        os.makedirs(os.path.join(bad, "iam"))
        with open(os.path.join(bad, "iam", "trust.json"), "w") as f:
            f.write(BAD)
        status, stdout, summary, outputs = run_action(bad, tool_cache, {"sarif-file": "trustlint.sarif"})
        check(status == 1, f"bad workspace fails the step (status {status})")
        check("::error file=iam/trust.json,line=1" in stdout, "an error annotation points at the statement")
        check("| error | TL001 missing-role-session-name | `iam/trust.json` | 1 |" in summary,
              "the job summary lists the finding")
        check(outputs.get("lint", {}).get("exit-code") == "1", "the exit-code output is 1")
        sarif_path = os.path.join(bad, "trustlint.sarif")
        check(os.path.exists(sarif_path), "the SARIF file is written")
        if os.path.exists(sarif_path):
            with open(sarif_path) as f:
                sarif = json.load(f)
            check(sarif["runs"][0]["results"][0]["ruleId"] == "TL001", "SARIF carries the finding")

        good = os.path.join(tmp, "good")
        os.makedirs(good)
        with open(os.path.join(good, "trust.json"), "w") as f:
            f.write(GOOD)
        status, stdout, summary, outputs = run_action(good, tool_cache, {"deny-warnings": "true"})
        check(status == 0, f"good workspace passes (status {status})")
        check("::" not in stdout, "no annotations")
        check("No findings" in summary, "the summary says there is nothing to fix")
        check(outputs.get("lint", {}).get("exit-code") == "0", "the exit-code output is 0")

    print(f"{10 - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
