module "readonly" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.30"

  create_role             = true
  role_name               = "readonly"
  trusted_role_arns       = ["arn:aws:iam::111122223333:root"]
  custom_role_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}
