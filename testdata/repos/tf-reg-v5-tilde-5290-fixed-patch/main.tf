module "admin_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.29.0"

  create_role       = true
  role_name         = "admin"
  trusted_role_arns = ["arn:aws:iam::111122223333:root"]

  role_requires_mfa          = false
  role_requires_session_name = true
}
