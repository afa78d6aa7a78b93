'use strict';

// The plugin in real CDK synthesis: aws-cdk-lib and the aws-cdk CLI from npm (package-lock.json),
// and the real trustlint binary (env TRUSTLINT_BIN, default ../../target/debug/trustlint).

const test = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { buildApp } = require('./fixtures/app');
const { RULE_IDS, TrustlintValidator } = require('..');

const PACKAGE_DIR = path.resolve(__dirname, '..');
const BINARY = path.resolve(PACKAGE_DIR, process.env.TRUSTLINT_BIN || '../../target/debug/trustlint');
const APP = path.join(__dirname, 'fixtures', 'app.js');
const CDK_CLI = path.join(PACKAGE_DIR, 'node_modules', 'aws-cdk', 'bin', 'cdk');

let skip = false;
if (!fs.existsSync(BINARY)) {
  if (process.env.TRUSTLINT_BIN) {
    throw new Error(`TRUSTLINT_BIN=${process.env.TRUSTLINT_BIN} does not exist`);
  }
  skip = `trustlint binary not found at ${BINARY}: run \`cargo build\` at the repository root or set TRUSTLINT_BIN`;
  console.log(`# SKIP synthesis tests: ${skip}`);
}
// The CDK app's plugin finds the binary the way users configure it: TRUSTLINT_BIN.
process.env.TRUSTLINT_BIN = BINARY;

// An in-process app reports the way it does in unit tests (appMode inmemory): synth() throws an
// error whose message is the whole report.
const IN_MEMORY = { '@aws-cdk/core:appMode': 'inmemory' };

function tempDir(t) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustlint-cdk-synth-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** The trustlint part of the validation-report.json CDK writes into the cloud assembly. */
function trustlintReport(outdir) {
  const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf8'));
  return report.pluginReports.find((r) => r.pluginName === 'trustlint');
}

/** The environment of a child CDK app: no inherited app mode, so it behaves as when run by hand. */
function childEnv(extra = {}) {
  const env = { ...process.env, TRUSTLINT_BIN: BINARY, FORCE_COLOR: '0', NO_COLOR: '1', ...extra };
  delete env.CDK_APP_MODE;
  delete env.NODE_ENV;
  return env;
}

test('ruleIds are the codes `trustlint rules` lists', { skip }, () => {
  const out = spawnSync(BINARY, ['rules'], { encoding: 'utf8' });
  assert.equal(out.status, 0, out.stderr);
  const codes = out.stdout
    .split('\n')
    .map((l) => l.split(/\s+/)[0])
    .filter((c) => /^TL\d{3}$/.test(c));
  assert.deepEqual(codes, RULE_IDS);
});

test('synthesis fails on the unconditioned role, naming TL001 and its construct path', { skip }, (t) => {
  const outdir = tempDir(t);
  const app = buildApp({ outdir, context: IN_MEMORY });
  let error;
  assert.throws(
    () => app.synth(),
    (e) => {
      error = e;
      return true;
    },
  );
  // The error is CDK's validation failure, and its message is the report.
  assert.equal(error.name, 'ValidationFailed');
  assert.equal(error.constructor.name, 'UnscopedValidationError');
  assert.match(error.message, /ERROR role `DeployRole[0-9A-F]{8}` lets .* without an `sts:RoleSessionName` condition/);
  assert.match(error.message, /\(trustlint\)/);
  assert.match(error.message, /BadStack\/DeployRole\/Resource \(DeployRole[0-9A-F]{8}\)/);
  assert.match(error.message, /Acknowledge with 'trustlint::TL001-missing-role-session-name'/);
  assert.match(error.message, /principal\.withConditions\(\{ StringLike: \{ 'sts:RoleSessionName': '\$\{aws:username\}' \} \}\)/);
  assert.doesNotMatch(error.message, /GoodStack/);

  // The JSON report in the cloud assembly: rule, template, logical id → construct path.
  const report = trustlintReport(outdir);
  assert.equal(report.conclusion, 'failure');
  assert.equal(report.violations.length, 1);
  const [violation] = report.violations;
  assert.equal(violation.ruleName, 'TL001 missing-role-session-name');
  assert.equal(violation.severity, 'error');
  assert.equal(violation.violatingConstructs.length, 1);
  const [construct] = violation.violatingConstructs;
  assert.equal(construct.constructPath, 'BadStack/DeployRole/Resource');
  assert.equal(construct.cloudFormationResource.templatePath, 'BadStack.template.json');
  assert.match(construct.cloudFormationResource.logicalId, /^DeployRole[0-9A-F]{8}$/);
  assert.deepEqual(construct.cloudFormationResource.propertyPaths, [
    'Properties.AssumeRolePolicyDocument.Statement.0',
    'line 8',
  ]);
  assert.doesNotMatch(JSON.stringify(report), /GoodStack/);
  // The plugin did not touch the cloud assembly: the templates are still there, unchanged.
  assert.ok(fs.existsSync(path.join(outdir, 'GoodStack.template.json')));
});

test('the same through Validations.of(app).addPlugins()', { skip }, (t) => {
  const outdir = tempDir(t);
  const app = buildApp({ outdir, register: 'addPlugins', context: IN_MEMORY });
  assert.throws(() => app.synth(), /BadStack\/DeployRole\/Resource/);
  assert.equal(trustlintReport(outdir).violations[0].ruleName, 'TL001 missing-role-session-name');
});

test('a role in a nested stack of a nested stack is found and mapped to its construct', { skip }, (t) => {
  const outdir = tempDir(t);
  const app = buildApp({ outdir, kind: 'nested', context: IN_MEMORY });
  assert.throws(() => app.synth(), /ParentStack\/Outer\/Inner\/BadRole\/Resource/);
  const report = trustlintReport(outdir);
  assert.deepEqual(
    report.violations.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath)),
    ['ParentStack/Outer/Inner/BadRole/Resource'],
  );
  assert.match(report.violations[0].violatingConstructs[0].cloudFormationResource.templatePath, /\.nested\.template\.json$/);
});

test('warnings are reported but do not fail synthesis', { skip }, (t) => {
  const outdir = tempDir(t);
  const app = buildApp({ outdir, kind: 'warning-only', context: IN_MEMORY });
  const printed = [];
  t.mock.method(console, 'error', (...args) => printed.push(args.join(' ')));
  app.synth();
  const report = trustlintReport(outdir);
  assert.equal(report.conclusion, 'success');
  assert.deepEqual(
    report.violations.map((v) => [v.ruleName, v.severity, v.violatingConstructs[0].constructPath]),
    [['TL002 weak-role-session-name', 'warning', 'WeakStack/CiRole/Resource']],
  );
  assert.match(printed.join('\n'), /WARNING .*\(trustlint\)/);
});

test('...and fail it with denyWarnings', { skip }, (t) => {
  const outdir = tempDir(t);
  const app = buildApp({ outdir, kind: 'warning-only', plugin: { denyWarnings: true }, context: IN_MEMORY });
  assert.throws(() => app.synth(), /WARNING .*\(trustlint\)[\s\S]*WeakStack\/CiRole\/Resource/);
  assert.equal(trustlintReport(outdir).conclusion, 'failure');
});

test("CDK's acknowledgement of the rule suppresses the violation", { skip }, (t) => {
  const outdir = tempDir(t);
  buildApp({ outdir, kind: 'acknowledged', context: IN_MEMORY }).synth();
  const report = trustlintReport(outdir);
  assert.equal(report.conclusion, 'success');
  assert.deepEqual(report.violations, []);
  assert.equal(report.suppressedViolations[0].violatingConstructs[0].constructPath, 'BreakGlassStack/BreakGlassRole/Resource');
});

test("trustlint's own suppression (resource metadata) works on the synthesized templates", { skip }, (t) => {
  const outdir = tempDir(t);
  const validate = t.mock.method(TrustlintValidator.prototype, 'validate');
  buildApp({ outdir, kind: 'suppressed', context: IN_MEMORY }).synth();
  // trustlint ran, checked the role, and reported nothing; CDK writes no trustlint entry.
  assert.equal(validate.mock.callCount(), 1);
  const result = validate.mock.calls[0].result;
  assert.equal(result.success, true);
  assert.deepEqual(result.violations, []);
  assert.equal(result.metadata['roles checked'], '1');
  assert.equal(trustlintReport(outdir), undefined);
});

test('a trustlint that cannot run fails synthesis with a clear message', (t) => {
  const outdir = tempDir(t);
  const app = buildApp({ outdir, plugin: { binary: path.join(outdir, 'no-such-trustlint') }, context: IN_MEMORY });
  assert.throws(
    () => app.synth(),
    /Validation plugin 'trustlint' failed: cannot run trustlint binary '.*no-such-trustlint': .*ENOENT/,
  );
});

test('`node app.js` (no app mode): the report goes to stderr and synth() throws, exit status 1', { skip }, (t) => {
  const outdir = tempDir(t);
  const run = spawnSync(process.execPath, [APP, outdir], { encoding: 'utf8', env: childEnv() });
  assert.equal(run.status, 1, run.stderr);
  assert.doesNotMatch(run.stdout, /synthesized/);
  assert.match(run.stderr, /BadStack\/DeployRole\/Resource \(DeployRole[0-9A-F]{8}\)/);
  assert.match(run.stderr, /trustlint::TL001-missing-role-session-name/);
  assert.match(run.stderr, /Validation failed\. A copy of this report can be found in: /);
  assert.doesNotMatch(run.stderr, /GoodStack/);
});

test('`cdk synth` fails with trustlint\'s messages', { skip, timeout: 180_000 }, (t) => {
  const project = tempDir(t);
  fs.writeFileSync(path.join(project, 'cdk.json'), JSON.stringify({ app: `"${process.execPath}" "${APP}"` }));
  const run = spawnSync(process.execPath, [CDK_CLI, 'synth', '--no-notices'], {
    cwd: project,
    encoding: 'utf8',
    env: childEnv({
      CDK_HOME: path.join(project, '.cdk-home'),
      CDK_DISABLE_VERSION_CHECK: '1',
      CDK_DISABLE_CLI_TELEMETRY: 'true',
    }),
  });
  const output = `${run.stdout}\n${run.stderr}`;
  assert.equal(run.status, 1, output);
  assert.match(output, /ERROR role `DeployRole[0-9A-F]{8}` lets .* without an `sts:RoleSessionName` condition.*\(trustlint\)/);
  assert.match(output, /Synthesis finished with errors/);
  assert.match(output, /BadStack\/DeployRole\/Resource \(DeployRole[0-9A-F]{8}\)/);
  assert.match(output, /Suggested fix: .*principal\.withConditions/);
  assert.match(output, /trustlint::TL001-missing-role-session-name/);
  assert.doesNotMatch(output, /GoodStack\/DeployRole/);
  assert.equal(trustlintReport(path.join(project, 'cdk.out')).conclusion, 'failure');
});
