variable "require_session_name" {
  type    = bool
  default = true
}

module "ops" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.0"

  create_role                = true
  role_name                  = "ops"
  trusted_role_arns          = ["arn:aws:iam::111122223333:root"]
  role_requires_mfa          = false
  role_requires_session_name = var.require_session_name
}
