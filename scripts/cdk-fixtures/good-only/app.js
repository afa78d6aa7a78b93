// CDK app synthesized by scripts/synth-cdk-fixtures.sh into
// testdata/cdk/good-only/cdk.out: every cross-account trust carries an
// sts:RoleSessionName condition, so trustlint must report nothing.
// Usage: node app.js <outdir>
'use strict';

const { App, Stack } = require('aws-cdk-lib');
const iam = require('aws-cdk-lib/aws-iam');

class GoodIamStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);

    const sessionName = { StringLike: { 'sts:RoleSessionName': '${aws:username}' } };

    // An account, bound to the caller's user name.
    new iam.Role(this, 'AccountRole', {
      assumedBy: new iam.AccountPrincipal('111122223333').withConditions(sessionName),
    });

    // A user ARN, bound to the caller's user name.
    new iam.Role(this, 'UserArnRole', {
      assumedBy: new iam.ArnPrincipal('arn:aws:iam::111122223333:user/ci').withConditions(sessionName),
    });

    // A role ARN: role sessions have no aws:username (TL003), so bind the
    // session name to the source identity instead.
    new iam.Role(this, 'RoleArnRole', {
      assumedBy: new iam.ArnPrincipal('arn:aws:iam::111122223333:role/ci').withConditions({
        StringEquals: { 'sts:RoleSessionName': '${aws:SourceIdentity}' },
      }),
    });

    // A service principal only: out of scope.
    new iam.Role(this, 'ServiceRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
  }
}

const outdir = process.argv[2];
if (!outdir) throw new Error('usage: node app.js <outdir>');

const app = new App({ outdir });
new GoodIamStack(app, 'GoodIamStack', {
  env: { account: '111122223333', region: 'eu-west-1' },
});
app.synth();
