module "runner" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.0"

  create_role                = true
  role_name                  = "runner"
  trusted_role_arns          = ["arn:aws:iam::111122223333:user/alice"]
  role_requires_mfa          = false
  role_requires_session_name = true
  allow_self_assume_role     = true
}
