// Describe the synthesized CDK fixtures: walk every testdata/cdk/<name>/cdk.out
// cloud assembly the way trustlint should (manifest.json -> stacks ->
// templateFile, Stage assemblies, nested stack templates), list each
// AWS::IAM::Role with its construct path, template, statement lines and the
// first user frame of its creation trace, check the expectations of
// expected-codes.json against the templates, and write
// testdata/cdk/expected.json and testdata/cdk/README.md.
//
// Usage: node describe.js <testdata/cdk> <expected-codes.json>
'use strict';

const fs = require('fs');
const path = require('path');

const [outDir, expectedFile] = process.argv.slice(2);
if (!outDir || !expectedFile) throw new Error('usage: node describe.js <testdata/cdk> <expected-codes.json>');
const repoRoot = path.resolve(outDir, '..', '..');
const rel = (p) => path.relative(repoRoot, p).split(path.sep).join('/');
const expected = JSON.parse(fs.readFileSync(expectedFile, 'utf8')).roles;

// ---------------------------------------------------------------------------
// JSON with positions: `pos` maps each object/array to the 1-based line and
// column of its opening bracket (columns count characters).

function parseJsonWithPositions(text) {
  const pos = new WeakMap();
  let i = 0;
  let line = 1;
  let col = 1;
  const advance = () => {
    if (text[i] === '\n') { line += 1; col = 1; } else { col += 1; }
    i += 1;
  };
  const ws = () => { while (i < text.length && /\s/.test(text[i])) advance(); };
  const fail = (what) => { throw new Error(`JSON: ${what} at ${line}:${col}`); };
  function value() {
    ws();
    const c = text[i];
    if (c === '{') {
      const obj = {};
      pos.set(obj, { line, column: col });
      advance(); ws();
      if (text[i] === '}') { advance(); return obj; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('expected key');
        const key = string();
        ws();
        if (text[i] !== ':') fail('expected :');
        advance();
        obj[key] = value();
        ws();
        if (text[i] === ',') { advance(); continue; }
        if (text[i] === '}') { advance(); return obj; }
        fail('expected , or }');
      }
    }
    if (c === '[') {
      const arr = [];
      pos.set(arr, { line, column: col });
      advance(); ws();
      if (text[i] === ']') { advance(); return arr; }
      for (;;) {
        arr.push(value());
        ws();
        if (text[i] === ',') { advance(); continue; }
        if (text[i] === ']') { advance(); return arr; }
        fail('expected , or ]');
      }
    }
    if (c === '"') return string();
    const m = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 64));
    if (!m) fail('unexpected character');
    for (let k = 0; k < m[0].length; k += 1) advance();
    return JSON.parse(m[0]);
  }
  function string() {
    const start = i;
    advance();
    while (text[i] !== '"') {
      if (i >= text.length) fail('unterminated string');
      if (text[i] === '\\') advance();
      advance();
    }
    advance();
    return JSON.parse(text.slice(start, i));
  }
  const v = value();
  ws();
  if (i !== text.length) fail('trailing data');
  return { value: v, pos };
}

// ---------------------------------------------------------------------------
// Creation traces.

// The first frame of a trace that is the user's code: not a summary line
// ("...new Role2 in aws-cdk-lib...", "(no user code ...)"), not in
// node_modules, not node internals.
function firstUserFrame(frames) {
  for (const f of frames || []) {
    if (f.startsWith('...') || f.startsWith('(')) continue;
    const m = /^(?:(.*) \()?(.+):(\d+):(\d+)\)?$/.exec(f);
    if (!m) continue;
    const file = m[2];
    if (file.includes('/node_modules/') || file.includes('\\node_modules\\') || file.startsWith('node:')) continue;
    return { frame: f, file, line: Number(m[3]), column: Number(m[4]) };
  }
  return null;
}

function traceOf(entries) {
  for (const e of entries || []) {
    if (e.type === 'aws:cdk:logicalId' && Array.isArray(e.trace)) return { kind: 'trace on aws:cdk:logicalId', frames: e.trace };
  }
  for (const e of entries || []) {
    if (e.type === 'aws:cdk:creationStack' && Array.isArray(e.data)) return { kind: 'aws:cdk:creationStack', frames: e.data };
  }
  return null;
}

// ---------------------------------------------------------------------------
// Assemblies.

function inScope(st) {
  if (st.Effect !== 'Allow') return false;
  const p = st.Principal;
  return p === '*' || (p && typeof p === 'object' && 'AWS' in p);
}
function hasSessionNameCondition(st) {
  const c = st.Condition || {};
  return Object.values(c).some((kv) => kv && typeof kv === 'object'
    && Object.keys(kv).some((k) => k.toLowerCase() === 'sts:rolesessionname'));
}

const nestedSeen = [];
function readTemplate(file, metadata, via, roles) {
  const { value: tpl, pos } = parseJsonWithPositions(fs.readFileSync(file, 'utf8'));
  for (const [logicalId, res] of Object.entries(tpl.Resources || {})) {
    const md = res.Metadata || {};
    if (res.Type === 'AWS::CloudFormation::Stack' && typeof md['aws:asset:path'] === 'string') {
      const nested = path.join(path.dirname(file), md['aws:asset:path']);
      readTemplate(nested, metadata, `nested stack ${md['aws:cdk:path']}`, roles);
      nestedSeen.push(`\`${rel(nested)}\` (from \`${rel(file)}\` resource \`${logicalId}\` Metadata \`aws:asset:path\`)`);
      continue;
    }
    if (res.Type !== 'AWS::IAM::Role') continue;
    const cpath = md['aws:cdk:path'];
    const statements = ((res.Properties || {}).AssumeRolePolicyDocument || {}).Statement || [];
    const trace = traceOf(metadata[`/${cpath}`]);
    roles.push({
      resource: cpath,
      logicalId,
      template: rel(file),
      via,
      resourceLine: pos.get(res).line,
      statements: statements.map((st, index) => ({
        index,
        line: pos.get(st).line,
        column: pos.get(st).column,
        unenforced: inScope(st) && !hasSessionNameCondition(st),
      })),
      suppression: md.trustlint || null,
      trace: trace && { kind: trace.kind, frames: trace.frames.length, user: firstUserFrame(trace.frames) },
    });
  }
}

function readAssembly(dir, via, roles, layout, depth = 0) {
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  layout.push({ depth, manifest: rel(manifestFile), schema: manifest.version });
  for (const [id, art] of Object.entries(manifest.artifacts || {})) {
    if (art.type === 'cdk:cloud-assembly') {
      layout.push({ depth: depth + 1, text: `artifact \`${id}\` (\`cdk:cloud-assembly\`, Stage ${art.properties.displayName}): \`properties.directoryName\` = \`${art.properties.directoryName}\`` });
      readAssembly(path.join(dir, art.properties.directoryName), `Stage ${art.properties.displayName || id}`, roles, layout, depth + 2);
    } else if (art.type === 'aws:cloudformation:stack') {
      let metadata = art.metadata || {};
      let metadataWhere = art.metadata ? 'inline (manifest.json artifacts.<id>.metadata)' : 'none';
      if (art.additionalMetadataFile) {
        metadata = { ...metadata, ...JSON.parse(fs.readFileSync(path.join(dir, art.additionalMetadataFile), 'utf8')) };
        metadataWhere = rel(path.join(dir, art.additionalMetadataFile));
      }
      const where = metadataWhere.startsWith('inline') || metadataWhere === 'none' ? metadataWhere : `\`${metadataWhere}\``;
      layout.push({ depth: depth + 1, text: `artifact \`${id}\` (\`aws:cloudformation:stack\`, ${art.displayName}): template \`${rel(path.join(dir, art.properties.templateFile))}\`, metadata ${where}` });
      readTemplate(path.join(dir, art.properties.templateFile), metadata, via || `stack ${art.displayName || id}`, roles);
    }
  }
}

function libVersion(assemblyDir) {
  const tree = JSON.parse(fs.readFileSync(path.join(assemblyDir, 'tree.json'), 'utf8'));
  return tree.tree.constructInfo.version;
}

// ---------------------------------------------------------------------------

const HOW = {
  'roles-no-trace': 'scripts/cdk-fixtures/roles/app.js with context `aws:cdk:disable-creation-stack-traces: true` (no creation traces)',
  'roles-with-trace': 'scripts/cdk-fixtures/roles/app.js with `CDK_DEBUG=true` (as `cdk synth --debug`)',
  'roles-legacy-trace': 'scripts/cdk-fixtures/roles/app.js on the older aws-cdk-lib of scripts/cdk-fixtures/legacy, with `CDK_DEBUG=true`',
  'stage-nested': 'scripts/cdk-fixtures/stage-nested/app.js, plain (as `cdk synth` without `--debug`)',
  'good-only': 'scripts/cdk-fixtures/good-only/app.js, plain (as `cdk synth` without `--debug`)',
};

const fixtures = [];
for (const name of fs.readdirSync(outDir).sort()) {
  const asm = path.join(outDir, name, 'cdk.out');
  if (!fs.existsSync(path.join(asm, 'manifest.json'))) continue;
  const roles = [];
  const layout = [];
  nestedSeen.length = 0;
  readAssembly(asm, null, roles, layout);
  for (const n of nestedSeen) layout.push({ depth: 1, text: `nested stack template ${n}` });
  const errors = [];
  for (const r of roles) {
    const want = expected[r.resource];
    if (!want) { errors.push(`${name}: no expectation for ${r.resource}`); continue; }
    r.why = want.why;
    const bad = r.statements.filter((s) => s.unenforced);
    r.findings = want.code ? bad.map((s) => ({ code: want.code, file: r.template, line: s.line, column: s.column, resource: r.resource })) : [];
    r.suppressed = want.suppressed ? bad.map((s) => ({ code: want.suppressed, file: r.template, line: s.line, column: s.column, resource: r.resource })) : [];
    if ((want.code || want.suppressed) ? bad.length === 0 : bad.length !== 0) {
      errors.push(`${name}: ${r.resource}: expectation ${JSON.stringify(want)} disagrees with the template`);
    }
  }
  if (errors.length) throw new Error(errors.join('\n'));
  fixtures.push({ name, assembly: rel(asm), awsCdkLib: libVersion(asm), how: HOW[name] || '', layout, roles });
}

// expected.json: the findings a test can assert.
const expectedJson = {
  '//': 'Generated by scripts/synth-cdk-fixtures.sh (scripts/cdk-fixtures/describe.js). Paths are relative to the repository root; line/column are 1-based, at the offending statement\'s `{`; source is the first user frame of the recorded creation trace (absolute, as recorded), or null.',
  fixtures: fixtures.map((f) => ({
    name: f.name,
    assembly: f.assembly,
    aws_cdk_lib: f.awsCdkLib,
    findings: f.roles.flatMap((r) => r.findings.map((x) => ({
      ...x, source_kind: 'cdk', source: r.trace && r.trace.user ? { file: r.trace.user.file, line: r.trace.user.line, column: r.trace.user.column } : null,
    }))),
    suppressed: f.roles.flatMap((r) => r.suppressed),
    roles: f.roles.map((r) => ({
      resource: r.resource,
      logical_id: r.logicalId,
      template: r.template,
      line: r.resourceLine,
      expected: r.findings.length ? r.findings[0].code : null,
      trace: r.trace ? r.trace.kind : null,
      source: r.trace && r.trace.user ? r.trace.user.frame : null,
    })),
  })),
};
fs.writeFileSync(path.join(outDir, 'expected.json'), `${JSON.stringify(expectedJson, null, 2)}\n`);

// README.md
const md = [];
md.push(`# testdata/cdk — real synthesized CDK cloud assemblies

Generated by \`scripts/synth-cdk-fixtures.sh\`; do not edit by hand. The script runs
\`npm ci\` in \`scripts/cdk-fixtures/\` (and \`scripts/cdk-fixtures/legacy/\`), runs each small
plain-JavaScript app there with \`node app.js <outdir>\` (each app calls \`app.synth()\` itself,
with the context the CDK CLI passes to \`cdk synth\`: path metadata, asset metadata, version
reporting), deletes and rewrites \`testdata/cdk/<name>/cdk.out\`, then writes this README and
\`expected.json\` with \`scripts/cdk-fixtures/describe.js\` from the assemblies and
\`scripts/cdk-fixtures/expected-codes.json\`. No AWS account is contacted: every stack has
\`env: { account: '111122223333', region: 'eu-west-1' }\` and there are no lookups. Tests read
these files only; they never need npm.

Creation traces hold absolute paths of the machine that ran the script
(\`/work/main/scripts/cdk-fixtures/...\`); re-running it elsewhere changes only those strings.

| fixture | aws-cdk-lib | how | traces |
|---|---|---|---|`);
for (const f of fixtures) {
  const kinds = [...new Set(f.roles.map((r) => (r.trace ? r.trace.kind : 'none')))].join(', ');
  md.push(`| \`${f.name}\` | ${f.awsCdkLib} | ${f.how} | ${kinds} |`);
}
md.push(`
## What an assembly holds (as synthesized here)

- \`cdk.out/manifest.json\`: \`{ "version": <cloud-assembly schema>, "artifacts": {...} }\` (2.276.0 writes
  schema \`55.0.0\` and also \`minimumCliVersion\`; 2.180.0 writes \`39.0.0\`). \`artifacts\` maps an
  artifact id to \`{ type, properties, environment?, dependencies?, metadata?, additionalMetadataFile?, displayName? }\`:
  - \`aws:cloudformation:stack\`: \`properties.templateFile\` (relative to the directory of this
    manifest), \`environment\` (\`aws://111122223333/eu-west-1\`), \`displayName\` (the stack's construct
    path, \`Prod/AppStack\`), \`properties.stackName\` when it differs from the artifact id
    (\`Prod-AppStack\` for artifact \`ProdAppStack1BDC2C16\`). Construct metadata is either inline in
    \`metadata\` (2.180.0) or in the file named by \`additionalMetadataFile\` (2.276.0:
    \`<artifact id>.metadata.json\`); both are an object keyed by the construct path with a leading
    \`/\` (\`/PlatformIamStack/DeployRole/Resource\`) whose values are lists of \`{ type, data, trace? }\`.
    Entry types: \`aws:cdk:logicalId\` (data: the template's logical id), \`aws:cdk:creationStack\`
    (2.276.0, data: list of frames), \`aws:cdk:templateFile\` (2.276.0, on the stack's path and on a
    nested stack's path, data: its template file).
  - \`cdk:asset-manifest\`: \`properties.file\` = \`<id>.assets.json\` (file assets: the stack template
    itself and nested stack templates, \`files.<sha256>.source.path\`).
  - \`cdk:cloud-assembly\` (a Stage): \`properties.directoryName\` (\`assembly-Prod\`) and
    \`properties.displayName\` (\`Prod\`); that directory has its own \`manifest.json\` (same layout).
  - \`cdk:tree\`: \`properties.file\` = \`tree.json\` (the construct tree, with each construct's
    library version in \`constructInfo.version\`).
  - \`cdk:feature-flag-report\` (2.276.0; artifact id \`aws-cdk-lib/feature-flag-report\`): feature
    flags inline in \`properties.flags\`, no file.
- \`aws:cdk:path\` is in every template resource's \`Metadata\` (\`"aws:cdk:path":
  "PlatformIamStack/DeployRole/Resource"\`, no leading \`/\`), because the CLI's default context
  \`aws:cdk:enable-path-metadata\` is passed; a resource's other Metadata (\`trustlint\`) sits next
  to it. It is not in the manifest except as the metadata keys (with \`/\`).
- Nested stack: the parent template has an \`AWS::CloudFormation::Stack\` resource (path
  \`RootStack/IamNested.NestedStack/IamNested.NestedStackResource\`) whose \`TemplateURL\` is an S3
  URL (\`Fn::Join\` of the asset hash) and whose \`Metadata\` has \`aws:asset:path\` =
  \`RootStackIamNested7249DEA1.nested.template.json\` (relative to the assembly directory; present
  because of the CLI's default \`aws:cdk:enable-asset-metadata\`) and \`aws:asset:property\` =
  \`TemplateURL\`. The nested template lies next to the parent's; it is also listed in
  \`RootStack.assets.json\` and (2.276.0) as \`aws:cdk:templateFile\` under \`/RootStack/IamNested\`. It
  is no manifest artifact: its roles' metadata (logical ids, traces) is in the parent stack's
  metadata, keyed \`/RootStack/IamNested/NestedRole/Resource\`, and its resources' \`aws:cdk:path\`
  is the full path from the app.
- Creation traces:
  - aws-cdk-lib 2.276.0 records an \`aws:cdk:creationStack\` entry (\`data\`: list of strings) for
    every stack and every CloudFormation element (resources, parameters, rules) **by default, with or without \`CDK_DEBUG\`**
    (\`roles-with-trace\` and a plain synth are byte-identical); only the context key
    \`aws:cdk:disable-creation-stack-traces: true\` turns them off (\`roles-no-trace\`). Frames are
    condensed "just my code": \`"...new Role2 in aws-cdk-lib..."\`, \`"new PlatformIamStack
    (/abs/path/app.js:20:5)"\`, \`"<anonymous> (/abs/path/app.js:69:1)"\`, \`"...node internals..."\`,
    or \`"(no user code in 10 frames, use --stack-trace-limit to capture more)"\`.
  - aws-cdk-lib 2.180.0 (like the releases from about 2.41, September 2022, to at least 2.250.0;
    aws/aws-cdk#37643 then moved traces to \`aws:cdk:creationStack\`) records a \`trace\` array on the \`aws:cdk:logicalId\` entry only
    under \`CDK_DEBUG=true\`; frames are raw V8 lines: \`"new Role
    (/abs/path/node_modules/aws-cdk-lib/aws-iam/lib/role.js:1:7639)"\`, \`"new PlatformIamStack
    (/abs/path/app.js:20:5)"\`, \`"Object.<anonymous> (/abs/path/app.js:69:1)"\`, \`"Module._compile
    (node:internal/modules/cjs/loader:1521:14)"\`, and the bare \`"node:internal/main/run_main_module:28:49"\`.
- Other files: \`cdk.out/cdk.out\` (a file: \`{"version":"55.0.0"}\`), \`validation-report.json\`
  (2.276.0, empty \`pluginReports\`), \`tree.json\`, \`*.assets.json\`. No \`asset.*\` directories (no file
  assets besides templates).
`);

md.push(`
## Expected findings

\`line\`/\`column\` are those of the offending statement's \`{\` in the template (1-based);
\`resource\` is the construct path (\`aws:cdk:path\`); \`source\` is the first frame of the recorded
creation trace outside \`node_modules\` and node internals. The same data is in
\`expected.json\`.`);
for (const f of fixtures) {
  md.push(`
### \`${f.name}\` (aws-cdk-lib ${f.awsCdkLib})

Assembly layout:
`);
  for (const l of f.layout) {
    md.push(`${'  '.repeat(l.depth)}- ${l.manifest ? `\`${l.manifest}\` (schema ${l.schema})` : l.text}`);
  }
  md.push(`
| resource | logical id | expected | template:line:column | source (creation trace) |
|---|---|---|---|---|`);
  for (const r of f.roles) {
    const exp = r.findings.length ? r.findings.map((x) => x.code).join(', ')
      : (r.suppressed.length ? `none (${r.suppressed[0].code} suppressed)` : 'none');
    const at = (r.findings.length ? r.findings : r.suppressed).map((x) => `\`${x.file}:${x.line}:${x.column}\``).join(', ')
      || `role at \`${r.template}:${r.resourceLine}\``;
    const src = r.trace ? (r.trace.user ? `\`${path.basename(r.trace.user.file)}:${r.trace.user.line}:${r.trace.user.column}\`` : 'no user frame') : '—';
    md.push(`| \`${r.resource}\` | \`${r.logicalId}\` | ${exp} | ${at} | ${src} |`);
  }
  md.push('');
  for (const r of f.roles) md.push(`- \`${r.resource}\`: ${r.why}.`);
}
fs.writeFileSync(path.join(outDir, 'README.md'), `${md.join('\n')}\n`);
console.log(`wrote ${rel(path.join(outDir, 'README.md'))} and ${rel(path.join(outDir, 'expected.json'))}`);
