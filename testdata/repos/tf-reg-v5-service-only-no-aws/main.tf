module "ec2" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.0"

  create_role           = true
  role_name             = "ec2"
  role_requires_mfa     = false
  trusted_role_services = ["ec2.amazonaws.com"]
}
