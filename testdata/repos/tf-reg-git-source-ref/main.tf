module "legacy" {
  source = "git::https://github.com/terraform-aws-modules/terraform-aws-iam.git//modules/iam-assumable-role?ref=v5.20.0"

  create_role                = true
  role_name                  = "legacy"
  trusted_role_arns          = ["arn:aws:iam::111122223333:root"]
  role_requires_mfa          = false
  role_requires_session_name = true
}
