'use strict';

// The JSON → violations mapping, with a fake trustlint binary (test/fixtures/fake-trustlint.js)
// printing canned reports: no Rust, no CDK needed.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { TrustlintValidator, RULE_IDS } = require('..');
const { jsonLocations, propertyPathAt } = require('../lib/json-locations');

const FAKE = path.join(__dirname, 'fixtures', 'fake-trustlint.js');
// A checkout that lost the executable bit must not fail these tests.
fs.chmodSync(FAKE, 0o755);

// Two roles, laid out the way CDK writes templates (one-space indent), so that the lines
// and columns below are those of the statements' `{`.
const TEMPLATE = {
  Resources: {
    BadRoleA1B2C3D4: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [
            { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' } },
            { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::444455556666:root' } },
          ],
          Version: '2012-10-17',
        },
      },
    },
    WeakRoleE5F6A7B8: {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Statement: [
            {
              Action: 'sts:AssumeRole',
              Condition: { StringLike: { 'sts:RoleSessionName': 'ci-deploy' } },
              Effect: 'Allow',
              Principal: { AWS: 'arn:aws:iam::111122223333:root' },
            },
          ],
          Version: '2012-10-17',
        },
      },
    },
  },
};
const TEMPLATE_TEXT = JSON.stringify(TEMPLATE, undefined, 1);

/** 1-based line and column of the n-th (0-based) occurrence of `needle` in the template. */
function positionOf(needle, n = 0) {
  let at = -1;
  for (let k = 0; k <= n; k += 1) at = TEMPLATE_TEXT.indexOf(needle, at + 1);
  const before = TEMPLATE_TEXT.slice(0, at).split('\n');
  return { line: before.length, column: before[before.length - 1].length + 1 };
}
// Each statement's `{` is the line before its `"Action"`, at the column one less.
function statement(n) {
  const action = positionOf('"Action"', n);
  return { line: action.line - 1, column: action.column - 1 };
}

function finding(overrides) {
  return {
    code: 'TL001',
    rule: 'missing-role-session-name',
    severity: 'error',
    message: 'role `BadRoleA1B2C3D4` lets `arn:aws:iam::111122223333:root` assume it without an `sts:RoleSessionName` condition',
    file: '$FILE0',
    end_line: 1,
    end_column: 1,
    source_kind: 'cloudformation',
    fingerprint: 'x',
    related: [],
    ...overrides,
  };
}

function report(findings) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return {
    version: 1,
    tool: { name: 'trustlint', version: '9.9.9' },
    findings,
    summary: { files_scanned: 1, roles_checked: 2, errors, warnings: findings.length - errors },
  };
}

/** A temporary project: an outdir holding the templates, a scenario and a log for the fake. */
function setup(t, scenario, templates = { 'AppStack.template.json': TEMPLATE_TEXT }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trustlint-cdk-test-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const outdir = path.join(dir, 'cdk.out');
  fs.mkdirSync(outdir);
  const templatePaths = Object.entries(templates).map(([name, text]) => {
    fs.writeFileSync(path.join(outdir, name), text);
    return path.join(outdir, name);
  });
  // A cloud-assembly manifest beside the templates, as in a real cdk.out: the validator must
  // not let trustlint see it.
  fs.writeFileSync(path.join(outdir, 'manifest.json'), JSON.stringify({ version: '55.0.0', artifacts: {} }));
  const scenarioFile = path.join(dir, 'scenario.json');
  fs.writeFileSync(scenarioFile, JSON.stringify(scenario));
  const log = path.join(dir, 'log.json');
  const env = { FAKE_TRUSTLINT_SCENARIO: scenarioFile, FAKE_TRUSTLINT_LOG: log };
  return { dir, outdir, templatePaths, log, env };
}

/** Runs validate() with the fake binary and the scenario's environment. */
function validateWith(env, templatePaths, options = {}) {
  const saved = {};
  for (const [k, v] of Object.entries(env)) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  try {
    return new TrustlintValidator({ binary: FAKE, config: false, ...options }).validate({ templatePaths });
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

test('the plugin describes itself as CDK expects', () => {
  const v = new TrustlintValidator();
  assert.equal(v.name, 'trustlint');
  assert.equal(v.version, require('../package.json').version);
  assert.deepEqual(v.ruleIds, RULE_IDS);
  assert.equal(typeof v.validate, 'function');
});

test('findings become violations with the original template path, logical id and locations', (t) => {
  const first = statement(0);
  const second = statement(1);
  const weak = statement(2);
  const { templatePaths, env, log } = setup(t, {
    status: 1,
    stdout: report([
      finding({ ...first, resource: 'BadRoleA1B2C3D4' }),
      finding({
        ...second,
        resource: 'BadRoleA1B2C3D4',
        message: 'role `BadRoleA1B2C3D4` lets `arn:aws:iam::444455556666:root` assume it without an `sts:RoleSessionName` condition',
      }),
      finding({
        ...weak,
        code: 'TL002',
        rule: 'weak-role-session-name',
        severity: 'warning',
        resource: 'WeakRoleE5F6A7B8',
        message: 'role `WeakRoleE5F6A7B8` binds the session name to the fixed value `ci-deploy`',
      }),
    ]),
  });
  const result = validateWith(env, templatePaths);

  assert.equal(result.success, false);
  assert.equal(result.violations.length, 3);
  const [a, b, w] = result.violations;
  assert.equal(a.ruleName, 'TL001 missing-role-session-name');
  assert.equal(a.severity, 'error');
  assert.match(a.description, /111122223333/);
  assert.match(a.fix, /principal\.withConditions\(\{ StringLike: \{ 'sts:RoleSessionName': '\$\{aws:username\}' \} \}\)/);
  assert.deepEqual(a.violatingResources, [
    {
      resourceLogicalId: 'BadRoleA1B2C3D4',
      templatePath: templatePaths[0],
      locations: ['Properties.AssumeRolePolicyDocument.Statement.0', `line ${first.line}`],
    },
  ]);
  assert.equal(b.ruleName, 'TL001 missing-role-session-name');
  assert.match(b.description, /444455556666/);
  assert.deepEqual(b.violatingResources[0].locations, [
    'Properties.AssumeRolePolicyDocument.Statement.1',
    `line ${second.line}`,
  ]);
  assert.equal(w.ruleName, 'TL002 weak-role-session-name');
  assert.equal(w.severity, 'warning');
  assert.equal(w.violatingResources[0].resourceLogicalId, 'WeakRoleE5F6A7B8');
  assert.deepEqual(w.ruleMetadata, { code: 'TL002', rule: 'weak-role-session-name', explain: 'trustlint explain TL002' });
  assert.equal(result.metadata.errors, '2');
  assert.equal(result.metadata.warnings, '1');

  // trustlint ran on a copy with no manifest.json beside it, with the documented arguments.
  const ran = JSON.parse(fs.readFileSync(log, 'utf8'));
  assert.deepEqual(ran.argv, ['lint', '--format', 'json', '--no-ignore', '0/AppStack.template.json']);
  assert.equal(ran.files.length, 1);
  assert.equal(ran.files[0].manifestBeside, false);
  assert.equal(ran.files[0].text, TEMPLATE_TEXT);
  assert.notEqual(ran.cwd, fs.realpathSync(path.dirname(templatePaths[0])));
  // …and the temporary directory is gone.
  assert.equal(fs.existsSync(ran.cwd), false);
});

test('findings with the same code and message are one violation; one resource keeps all its locations', (t) => {
  const first = statement(0);
  const second = statement(1);
  const sameMessage = 'role lets `*` assume it without an `sts:RoleSessionName` condition';
  const { templatePaths, env } = setup(t, {
    status: 1,
    stdout: report([
      finding({ ...first, resource: 'BadRoleA1B2C3D4', message: sameMessage }),
      finding({ ...second, resource: 'BadRoleA1B2C3D4', message: sameMessage }),
      finding({ ...statement(2), resource: 'WeakRoleE5F6A7B8', message: sameMessage }),
    ]),
  });
  const { violations } = validateWith(env, templatePaths);
  assert.equal(violations.length, 1);
  assert.deepEqual(
    violations[0].violatingResources.map((r) => [r.resourceLogicalId, r.locations]),
    [
      [
        'BadRoleA1B2C3D4',
        [
          'Properties.AssumeRolePolicyDocument.Statement.0',
          `line ${first.line}`,
          'Properties.AssumeRolePolicyDocument.Statement.1',
          `line ${second.line}`,
        ],
      ],
      ['WeakRoleE5F6A7B8', ['Properties.AssumeRolePolicyDocument.Statement.0', `line ${statement(2).line}`]],
    ],
  );
});

test('several templates: each finding maps back to its own template', (t) => {
  const { templatePaths, env, log } = setup(
    t,
    {
      status: 1,
      stdout: report([
        finding({ ...statement(0), resource: 'BadRoleA1B2C3D4', file: '$FILE1' }),
        finding({ ...statement(0), resource: 'BadRoleA1B2C3D4', file: '$FILE0', message: 'other' }),
      ]),
    },
    { 'One.template.json': TEMPLATE_TEXT, 'Two.template.json': TEMPLATE_TEXT },
  );
  const { violations } = validateWith(env, templatePaths);
  assert.deepEqual(
    violations.map((v) => v.violatingResources[0].templatePath),
    [templatePaths[1], templatePaths[0]],
  );
  assert.deepEqual(JSON.parse(fs.readFileSync(log, 'utf8')).argv.slice(-2), [
    '0/One.template.json',
    '1/Two.template.json',
  ]);
});

test('warnings alone pass; exit status 1 (deny-warnings) fails', (t) => {
  const warning = finding({
    ...statement(2),
    code: 'TL002',
    rule: 'weak-role-session-name',
    severity: 'warning',
    resource: 'WeakRoleE5F6A7B8',
  });
  const passing = setup(t, { status: 0, stdout: report([warning]) });
  const ok = validateWith(passing.env, passing.templatePaths);
  assert.equal(ok.success, true);
  assert.equal(ok.violations.length, 1);
  assert.equal(ok.violations[0].severity, 'warning');

  const denied = setup(t, { status: 1, stdout: report([warning]) });
  const failed = validateWith(denied.env, denied.templatePaths, { denyWarnings: true });
  assert.equal(failed.success, false);
  assert.ok(JSON.parse(fs.readFileSync(denied.log, 'utf8')).argv.includes('--deny-warnings'));
});

test('no findings: success with no violations', (t) => {
  const { templatePaths, env } = setup(t, { status: 0, stdout: report([]) });
  assert.deepEqual(
    { ...validateWith(env, templatePaths), metadata: undefined, pluginVersion: undefined },
    { success: true, violations: [], metadata: undefined, pluginVersion: undefined },
  );
});

test('TL000 has no resource: reported against the whole template, temporary paths restored', (t) => {
  const { templatePaths, env } = setup(t, {
    status: 1,
    stdout: report([
      finding({
        code: 'TL000',
        rule: 'parse-error',
        resource: null,
        line: 3,
        column: 3,
        message: 'cannot parse $FILE0: duplicate key',
      }),
    ]),
  });
  const { violations } = validateWith(env, templatePaths);
  assert.equal(violations[0].ruleName, 'TL000 parse-error');
  assert.equal(violations[0].description, `cannot parse ${templatePaths[0]}: duplicate key`);
  assert.deepEqual(violations[0].violatingResources, [
    { resourceLogicalId: '(template)', templatePath: templatePaths[0], locations: ['Resources.BadRoleA1B2C3D4', 'line 3'] },
  ]);
});

test('options become trustlint arguments; a trustlint.toml above the templates is passed as --config', (t) => {
  const { dir, templatePaths, env, log } = setup(t, { status: 0, stdout: report([]) });
  fs.writeFileSync(path.join(dir, 'trustlint.toml'), 'ignore = ["TL005"]\n');
  validateWith(env, templatePaths, {
    config: undefined,
    select: ['TL001', 'TL002'],
    ignore: ['TL003'],
    extraArgs: ['--jobs', '1'],
  });
  assert.deepEqual(JSON.parse(fs.readFileSync(log, 'utf8')).argv, [
    'lint',
    '--format',
    'json',
    '--no-ignore',
    '--config',
    path.join(dir, 'trustlint.toml'),
    '--select',
    'TL001,TL002',
    '--ignore',
    'TL003',
    '--jobs',
    '1',
    '0/AppStack.template.json',
  ]);
});

test('nested stack templates listed in the stack asset manifest are linted too', (t) => {
  const nested = 'AppStackInner1234ABCD.nested.template.json';
  const { outdir, templatePaths, env, log } = setup(
    t,
    {
      status: 1,
      stdout: report([finding({ ...statement(0), resource: 'BadRoleA1B2C3D4', file: '$FILE1' })]),
    },
    { 'AppStack.template.json': '{"Resources":{}}', [nested]: TEMPLATE_TEXT },
  );
  fs.writeFileSync(
    path.join(outdir, 'AppStack.assets.json'),
    JSON.stringify({
      version: '55.0.0',
      files: {
        a: { source: { path: nested, packaging: 'file' } },
        b: { source: { path: 'AppStack.template.json', packaging: 'file' } },
      },
    }),
  );
  // CDK passes only the stack's own template.
  const { violations } = validateWith(env, [templatePaths[0]]);
  assert.deepEqual(JSON.parse(fs.readFileSync(log, 'utf8')).argv.slice(-2), ['0/AppStack.template.json', `1/${nested}`]);
  assert.equal(violations[0].violatingResources[0].templatePath, path.join(outdir, nested));

  validateWith(env, [templatePaths[0]], { nestedStacks: false });
  assert.deepEqual(JSON.parse(fs.readFileSync(log, 'utf8')).argv.slice(-2), ['--no-ignore', '0/AppStack.template.json']);
});

test('exit status 2 throws with trustlint\'s message', (t) => {
  const { templatePaths, env } = setup(t, { status: 2, stdout: '', stderr: '\u001b[31m× unknown rule `TL999`\u001b[0m\n' });
  assert.throws(() => validateWith(env, templatePaths), {
    message: 'trustlint exited with status 2: × unknown rule `TL999`',
  });
});

test('a binary that cannot be started throws, naming it and how to set it', (t) => {
  const { templatePaths, env } = setup(t, { status: 0, stdout: report([]) });
  assert.throws(() => validateWith(env, templatePaths, { binary: path.join(os.tmpdir(), 'no-such-trustlint') }), {
    message: /^cannot run trustlint binary '.*no-such-trustlint': .*ENOENT.*TRUSTLINT_BIN/,
  });
});

test('the binary comes from the option, else TRUSTLINT_BIN', (t) => {
  const { templatePaths, env, log } = setup(t, { status: 0, stdout: report([]) });
  validateWith({ ...env, TRUSTLINT_BIN: FAKE }, templatePaths, { binary: undefined });
  assert.ok(fs.existsSync(log));
});

test('output that is not a version 1 report throws', (t) => {
  const garbage = setup(t, { status: 0, stdout: 'not json' });
  assert.throws(() => validateWith(garbage.env, garbage.templatePaths), /trustlint printed no JSON report/);
  const future = setup(t, { status: 0, stdout: { version: 2, findings: [] } });
  assert.throws(() => validateWith(future.env, future.templatePaths), /unsupported report \(version 2\)/);
  const silent = setup(t, { status: 1, stdout: report([]) });
  assert.throws(() => validateWith(silent.env, silent.templatePaths), /status 1 but reported no findings/);
});

test('a missing template throws', () => {
  assert.throws(
    () => new TrustlintValidator({ binary: FAKE }).validate({ templatePaths: [path.join(os.tmpdir(), 'nope.template.json')] }),
    /nope\.template\.json does not exist/,
  );
});

test('no templates: nothing to run', () => {
  assert.deepEqual(new TrustlintValidator({ binary: '/nonexistent' }).validate({ templatePaths: [] }), {
    success: true,
    violations: [],
  });
});

test('JSON locations: keys and values, columns in characters', () => {
  const text = '{\n "a": [\n  {"b": "é😀", "c": 1}\n ]\n}';
  const locations = jsonLocations(text);
  assert.deepEqual(locations.get('1:1'), []);
  assert.deepEqual(locations.get('2:2'), ['a']);
  assert.deepEqual(locations.get('2:7'), ['a']);
  assert.deepEqual(locations.get('3:3'), ['a', 0]);
  assert.deepEqual(locations.get('3:4'), ['a', 0, 'b']);
  assert.deepEqual(locations.get('3:15'), ['a', 0, 'c']);
  assert.equal(propertyPathAt(locations, 'x', 3, 3), 'a.0');
  assert.equal(propertyPathAt(locations, 'x', 9, 9), undefined);
  assert.equal(jsonLocations('{"a": }'), null);
  assert.equal(propertyPathAt(null, 'x', 1, 1), undefined);
});
