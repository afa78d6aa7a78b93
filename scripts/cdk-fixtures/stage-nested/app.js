// CDK app synthesized by scripts/synth-cdk-fixtures.sh into
// testdata/cdk/stage-nested/cdk.out: a Stage (nested cloud assembly) and a
// NestedStack (template written as a *.nested.template.json asset).
// Usage: node app.js <outdir>
'use strict';

const { App, NestedStack, Stack, Stage } = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');

const env = { account: '111122223333', region: 'eu-west-1' };

class AppStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);

    // Bad: the whole account, no sts:RoleSessionName condition.
    new iam.Role(this, 'AppDeployRole', {
      assumedBy: new iam.AccountPrincipal('111122223333'),
    });
  }
}

class ProdStage extends Stage {
  constructor(scope, id, props) {
    super(scope, id, props);
    new AppStack(this, 'AppStack', { env });
  }
}

class IamNested extends NestedStack {
  constructor(scope, id, props) {
    super(scope, id, props);

    // Bad: a single role ARN, no condition.
    new iam.Role(this, 'NestedRole', {
      assumedBy: new iam.ArnPrincipal('arn:aws:iam::111122223333:role/ci'),
    });
  }
}

class RootStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    new IamNested(this, 'IamNested');
  }
}

const outdir = process.argv[2];
if (!outdir) throw new Error('usage: node app.js <outdir>');

const app = new App({ outdir });
new ProdStage(app, 'Prod', { env });
new RootStack(app, 'RootStack', { env });
app.synth();
