data "aws_iam_policy_document" "custom_trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:RoleSessionName"
      values   = ["&{aws:username}"]
    }
  }
}

module "custom" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.0"

  create_role              = true
  role_name                = "custom"
  trusted_role_arns        = ["arn:aws:iam::111122223333:root"]
  custom_role_trust_policy = data.aws_iam_policy_document.custom_trust.json
}
