'use strict';

/**
 * trustlint as a CDK policy validation plugin: `cdk synth` fails when a role's trust policy
 * lets principals assume it without an `sts:RoleSessionName` condition.
 *
 *   new App({ policyValidationBeta1: [new TrustlintValidator()] })
 *
 * Implements `IPolicyValidationPluginBeta1` (and, structurally, the newer
 * `IPolicyValidationPlugin` of `Validations.of(app).addPlugins()`).
 */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { jsonLocations, propertyPathAt } = require('./lib/json-locations');
const { version: PACKAGE_VERSION } = require('./package.json');

/** The rule codes trustlint reports (`trustlint rules`). */
const RULE_IDS = ['TL000', 'TL001', 'TL002', 'TL003', 'TL004', 'TL005', 'TL006'];

const CONFIG_FILE_NAMES = ['trustlint.toml', '.trustlint.toml'];

/** How to fix each rule, in CDK terms (`trustlint explain CODE` has the whole story). */
const FIXES = {
  TL000: 'trustlint could not parse the synthesized template; CDK writes valid JSON, so please report this as a trustlint bug.',
  TL001:
    "Bind the session name to the caller: principal.withConditions({ StringLike: { 'sts:RoleSessionName': '${aws:username}' } }) " +
    "(${aws:username} serves IAM users only; for SSO, federated or role sessions use '${aws:PrincipalTag/email}' or sts:SourceIdentity).",
  TL002:
    "Use a positive operator and a binding value: principal.withConditions({ StringLike: { 'sts:RoleSessionName': '${aws:username}' } }) " +
    "(no fixed names, '*'/'?' wildcards, defaults or ForAllValues:).",
  TL003:
    "Bind the session name to something the trusted role sessions carry: principal.withConditions({ StringLike: { 'sts:RoleSessionName': '${aws:PrincipalTag/email}' } }) or sts:SourceIdentity.",
  TL004: 'Write the trust policy literally in the app (an iam principal, not a parameter, import or unresolved token) so it can be checked.',
  TL005: "Add Version: '2012-10-17' to the trust policy document so IAM resolves its policy variables.",
  TL006:
    "Trust the service and the AWS principals in separate statements: new iam.CompositePrincipal(new iam.ServicePrincipal('…'), " +
    "new iam.AccountPrincipal('…').withConditions({ StringLike: { 'sts:RoleSessionName': '${aws:username}' } })).",
};

function fixFor(code) {
  return `${FIXES[code] ?? ''} See \`trustlint explain ${code}\`.`.trim();
}

/**
 * @typedef {object} TrustlintValidatorOptions
 * @property {string} [binary] the trustlint executable (default: env `TRUSTLINT_BIN`, else `trustlint` on PATH)
 * @property {string | false} [config] a trustlint.toml to use; `false` for none (default: the
 *   `trustlint.toml`/`.trustlint.toml` found in the first template's directory or above, else in
 *   the current directory or above, as `trustlint lint cdk.out` would find it)
 * @property {string[]} [select] rules to enable (`--select`), by code or name
 * @property {string[]} [ignore] rules to disable (`--ignore`), by code or name
 * @property {boolean} [denyWarnings] fail synthesis on warnings too (`--deny-warnings`)
 * @property {string[]} [extraArgs] further `trustlint lint` arguments
 * @property {boolean} [nestedStacks] also lint the templates of nested stacks (default: true)
 */

class TrustlintValidator {
  /** @param {TrustlintValidatorOptions} [options] */
  constructor(options = {}) {
    /** The name CDK shows in its report. */
    this.name = 'trustlint';
    /** This package's version (CDK's analytics). */
    this.version = PACKAGE_VERSION;
    /** The rules trustlint evaluates. */
    this.ruleIds = [...RULE_IDS];
    this._options = { ...options };
  }

  /**
   * Runs trustlint on the synthesized templates and returns its findings as violations.
   *
   * Throws when trustlint cannot run or fails (exit status 2); CDK turns a throwing plugin into
   * a failed report ("Validation plugin 'trustlint' failed: …") and fails synthesis.
   *
   * @param {{ templatePaths: string[] }} context
   * @returns {{ success: boolean, violations: object[], metadata?: Record<string, string> }}
   */
  validate(context) {
    const templates = withNestedTemplates(context.templatePaths ?? [], this._options.nestedStacks !== false);
    if (templates.length === 0) return { success: true, violations: [] };

    const binary = resolveBinary(this._options.binary || process.env.TRUSTLINT_BIN || 'trustlint');
    // A fresh directory with no cloud-assembly manifest.json: trustlint reads each copy as a
    // plain CloudFormation template and reports logical ids, which CDK maps to construct paths.
    const workDir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'trustlint-cdk-')));
    try {
      const copies = new Map();
      const relativePaths = templates.map((template, index) => {
        const relative = `${index}/${path.basename(template)}`;
        fs.mkdirSync(path.join(workDir, String(index)));
        fs.copyFileSync(template, path.join(workDir, relative));
        copies.set(path.join(workDir, relative), template);
        return relative;
      });

      const args = ['lint', '--format', 'json', '--no-ignore', ...this._lintOptions(templates), ...relativePaths];
      const result = spawnSync(binary, args, {
        cwd: workDir,
        encoding: 'utf8',
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, NO_COLOR: '1' },
        windowsHide: true,
      });
      const report = readRun(result, binary);

      if (result.status === 1 && report.findings.length === 0) {
        throw new Error('trustlint exited with status 1 but reported no findings');
      }
      const templateOf = (file) => {
        const original = copies.get(path.resolve(workDir, file));
        return original && { templatePath: original, text: fs.readFileSync(original, 'utf8') };
      };
      const describe = (message) => restorePaths(message, relativePaths, templates);
      const violations = violationsFromFindings(report.findings, templateOf, describe);
      const errors = report.findings.filter((f) => f.severity === 'error').length;
      const warnings = report.findings.length - errors;
      return {
        // Exit status 1 means findings that fail the run: errors, or warnings under
        // --deny-warnings / `deny-warnings = true`. Warnings alone are reported but pass.
        success: result.status === 0 && errors === 0,
        violations,
        pluginVersion: this.version,
        metadata: {
          'trustlint version': String(report.tool?.version ?? 'unknown'),
          'roles checked': String(report.summary?.roles_checked ?? ''),
          errors: String(errors),
          warnings: String(warnings),
        },
      };
    } finally {
      fs.rmSync(workDir, { recursive: true, force: true });
    }
  }

  /** The configuration, rule and severity flags for `trustlint lint`. */
  _lintOptions(templates) {
    const o = this._options;
    const args = [];
    const config = o.config === undefined ? findConfig([path.dirname(templates[0]), process.cwd()]) : o.config;
    if (config) args.push('--config', path.resolve(config));
    if (o.select?.length) args.push('--select', o.select.join(','));
    if (o.ignore?.length) args.push('--ignore', o.ignore.join(','));
    if (o.denyWarnings) args.push('--deny-warnings');
    if (o.extraArgs?.length) args.push(...o.extraArgs);
    return args;
  }
}

/**
 * A binary named by a relative path (`../../target/debug/trustlint`) is relative to the current
 * directory, not to the temporary directory trustlint runs in; a bare name is looked up on PATH.
 */
function resolveBinary(binary) {
  return binary.includes('/') || binary.includes(path.sep) ? path.resolve(binary) : binary;
}

/** The first trustlint.toml/.trustlint.toml in one of the directories or above. */
function findConfig(startDirs) {
  for (const start of startDirs) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      for (const name of CONFIG_FILE_NAMES) {
        const candidate = path.join(dir, name);
        if (fs.statSync(candidate, { throwIfNoEntry: false })?.isFile()) return candidate;
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  return undefined;
}

/**
 * The templates with those of their nested stacks (CDK passes only the stacks' own templates).
 * A stack's asset manifest (`Stack.assets.json`) lists the nested templates of every depth;
 * `aws:asset:path` resource metadata (written under the CDK CLI) covers the legacy synthesizer.
 */
function withNestedTemplates(templatePaths, includeNested) {
  const seen = new Set();
  const out = [];
  const add = (file) => {
    const absolute = path.resolve(file);
    if (seen.has(absolute) || !fs.existsSync(absolute)) return false;
    seen.add(absolute);
    out.push(absolute);
    return true;
  };
  const queue = [];
  for (const t of templatePaths) {
    if (add(t)) queue.push(path.resolve(t));
    else if (!seen.has(path.resolve(t))) throw new Error(`template ${t} does not exist`);
  }
  if (!includeNested) return out;
  while (queue.length > 0) {
    const template = queue.shift();
    const dir = path.dirname(template);
    const nested = [];
    const assets = path.join(dir, path.basename(template).replace(/\.template\.json$/, '.assets.json'));
    if (assets !== template) {
      const manifest = readJson(assets);
      for (const file of Object.values(manifest?.files ?? {})) {
        const source = file?.source?.path;
        if (typeof source === 'string' && source.endsWith('.nested.template.json')) nested.push(source);
      }
    }
    for (const resource of Object.values(readJson(template)?.Resources ?? {})) {
      const source = resource?.Metadata?.['aws:asset:path'];
      if (resource?.Type === 'AWS::CloudFormation::Stack' && typeof source === 'string' && source.endsWith('.nested.template.json')) {
        nested.push(source);
      }
    }
    for (const source of nested) {
      const file = path.resolve(dir, source);
      if (add(file)) queue.push(file);
    }
  }
  return out;
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** Checks how trustlint ended and returns its JSON report; throws a clear error otherwise. */
function readRun(result, binary) {
  if (result.error) {
    const hint =
      result.error.code === 'ENOENT'
        ? ' (install trustlint, put it on PATH, or set TRUSTLINT_BIN or the `binary` option)'
        : '';
    throw new Error(`cannot run trustlint binary '${binary}': ${result.error.message}${hint}`);
  }
  const stderr = stripAnsi(result.stderr ?? '').trim();
  if (result.status !== 0 && result.status !== 1) {
    const how = result.status === null ? `was killed by ${result.signal}` : `exited with status ${result.status}`;
    throw new Error(`trustlint ${how}${stderr ? `: ${stderr}` : ''}`);
  }
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch (e) {
    throw new Error(`trustlint printed no JSON report (${e.message})${stderr ? `: ${stderr}` : ''}`);
  }
  if (report?.version !== 1 || !Array.isArray(report.findings)) {
    throw new Error(`trustlint printed an unsupported report (version ${report?.version}); expected version 1`);
  }
  return report;
}

/**
 * trustlint findings → CDK violations. Findings with the same code and message (the message
 * names the role and principal, so in practice one finding) form one violation; its resources
 * carry the original template path, the logical id, and the statement's location as a property
 * path relative to the resource plus its line.
 *
 * @param {object[]} findings trustlint JSON findings
 * @param {(file: string) => ({ templatePath: string, text: string } | undefined)} templateOf
 * @param {(message: string) => string} [describe] rewrites a message (temporary paths)
 */
function violationsFromFindings(findings, templateOf, describe = (m) => m) {
  const violations = new Map();
  const locationsByFile = new Map();
  for (const f of findings) {
    const template = templateOf(f.file);
    const templatePath = template?.templatePath ?? f.file;
    if (template && !locationsByFile.has(templatePath)) {
      locationsByFile.set(templatePath, jsonLocations(template.text));
    }
    const description = describe(f.message);
    const key = `${f.code}\u0000${description}`;
    let violation = violations.get(key);
    if (!violation) {
      violation = {
        ruleName: `${f.code} ${f.rule}`,
        description,
        fix: fixFor(f.code),
        severity: f.severity,
        ruleMetadata: { code: f.code, rule: f.rule, explain: `trustlint explain ${f.code}` },
        violatingResources: [],
      };
      violations.set(key, violation);
    }
    // TL000 (a template trustlint cannot read) has no resource: it is about the whole template.
    const resourceLogicalId = f.resource ?? '(template)';
    const locations = [];
    const propertyPath = propertyPathAt(locationsByFile.get(templatePath), f.resource, f.line, f.column);
    if (propertyPath) locations.push(propertyPath);
    if (f.line) locations.push(`line ${f.line}`);
    const existing = violation.violatingResources.find(
      (r) => r.resourceLogicalId === resourceLogicalId && r.templatePath === templatePath,
    );
    if (existing) {
      for (const l of locations) if (!existing.locations.includes(l)) existing.locations.push(l);
    } else {
      violation.violatingResources.push({ resourceLogicalId, templatePath, locations });
    }
  }
  return [...violations.values()];
}

/** Replaces the temporary copies' paths (`3/Stack.template.json`) in a message by the templates' own paths. */
function restorePaths(message, relativePaths, templates) {
  const byRelative = new Map(relativePaths.map((relative, index) => [relative, templates[index]]));
  const alternatives = [...byRelative.keys()]
    .sort((a, b) => b.length - a.length)
    .map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const pattern = new RegExp(`(?<![\\w./-])(?:${alternatives.join('|')})`, 'g');
  return message.replace(pattern, (relative) => byRelative.get(relative));
}

function stripAnsi(text) {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;?]*[ -/]*[@-~]/g, '');
}

module.exports = { TrustlintValidator, violationsFromFindings, RULE_IDS, FIXES };
