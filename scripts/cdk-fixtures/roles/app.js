// CDK app synthesized three times by scripts/synth-cdk-fixtures.sh:
//   testdata/cdk/roles-no-trace/cdk.out     (creation stack traces off)
//   testdata/cdk/roles-with-trace/cdk.out   (CDK_DEBUG=true, as `cdk synth --debug`)
//   testdata/cdk/roles-legacy-trace/cdk.out (the same with the older aws-cdk-lib
//                                            of ../legacy, which records `trace` arrays)
// Usage: node app.js <outdir>
'use strict';

// CDK_FIXTURE_LIB_DIR names the package whose node_modules provide aws-cdk-lib
// (default: scripts/cdk-fixtures itself).
const libDir = process.env.CDK_FIXTURE_LIB_DIR || __dirname;
const { App, Stack } = require(require.resolve('aws-cdk-lib', { paths: [libDir] }));
const iam = require(require.resolve('aws-cdk-lib/aws-iam', { paths: [libDir] }));

class PlatformIamStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);

    // Bad: the whole account may assume the role, no sts:RoleSessionName condition.
    new iam.Role(this, 'DeployRole', {
      assumedBy: new iam.AccountPrincipal('111122223333'),
    });

    // Bad: a single role ARN, no condition.
    new iam.Role(this, 'ArnRole', {
      assumedBy: new iam.ArnPrincipal('arn:aws:iam::111122223333:role/ci'),
    });

    // Good: the session name is bound to the caller's user name.
    new iam.Role(this, 'ConditionedRole', {
      assumedBy: new iam.ArnPrincipal('arn:aws:iam::111122223333:root').withConditions({
        StringLike: { 'sts:RoleSessionName': '${aws:username}' },
      }),
    });

    // Bad: a service and an account in one statement, no condition.
    new iam.Role(this, 'CompositeRole', {
      assumedBy: new iam.CompositePrincipal(
        new iam.ServicePrincipal('lambda.amazonaws.com'),
        new iam.AccountPrincipal('111122223333'),
      ),
    });

    // Bad: AWS "*" limited only by aws:PrincipalOrgID (CDK requires ^o-[a-z0-9]{10,32}$).
    new iam.Role(this, 'OrgRole', {
      assumedBy: new iam.OrganizationPrincipal('o-abc1234567'),
    });

    // Good (out of scope): a service principal only.
    new iam.Role(this, 'ServiceRole', {
      assumedBy: new iam.ServicePrincipal('ec2.amazonaws.com'),
    });

    // Bad, but suppressed through resource Metadata.
    const suppressed = new iam.Role(this, 'SuppressedRole', {
      assumedBy: new iam.AccountPrincipal('111122223333'),
    });
    suppressed.node.defaultChild.addMetadata('trustlint', {
      ignore: ['TL001'],
      reason: 'reviewed',
    });
  }
}

const outdir = process.argv[2];
if (!outdir) throw new Error('usage: node app.js <outdir>');

const app = new App({ outdir });
new PlatformIamStack(app, 'PlatformIamStack', {
  env: { account: '111122223333', region: 'eu-west-1' },
});
app.synth();
