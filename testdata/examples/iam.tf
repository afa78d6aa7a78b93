# Terraform: the CI role trusts the tooling account; the policy document lacks the condition.
data "aws_iam_policy_document" "ci_trust" {
  statement {
    sid     = "ToolingAccount"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_iam_role" "ci" {
  name               = "ci-deploy"
  assume_role_policy = data.aws_iam_policy_document.ci_trust.json
}
