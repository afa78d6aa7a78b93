module "hybrid" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.0"

  create_role                = true
  role_name                  = "hybrid"
  trusted_role_arns          = ["arn:aws:iam::111122223333:user/alice"]
  trusted_role_services      = ["ec2.amazonaws.com"]
  role_requires_mfa          = false
  role_requires_session_name = true
}
