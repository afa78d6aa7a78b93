module "ci" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.0"

  create_role                = true
  role_name                  = "ci"
  trusted_role_arns          = ["arn:aws:iam::111122223333:user/ci"]
  role_requires_mfa          = false
  role_requires_session_name = true
  role_session_name          = ["ci-*"]
}
