module "new" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.52"

  create_role       = true
  role_name         = "new"
  trusted_role_arns = ["arn:aws:iam::111122223333:root"]
  role_requires_mfa = false
  trust_policy_conditions = [
    {
      test     = "StringLike"
      variable = "sts:RoleSessionName"
      values   = ["$${aws:username}"]
    }
  ]
}

module "old" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.44.0"

  create_role       = true
  role_name         = "old"
  trusted_role_arns = ["arn:aws:iam::111122223333:root"]
  role_requires_mfa = false
  trust_policy_conditions = [
    {
      test     = "StringLike"
      variable = "sts:RoleSessionName"
      values   = ["$${aws:username}"]
    }
  ]
}
