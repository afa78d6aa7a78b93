module "admin" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.0"

  create_role       = true
  role_name         = "admin"
  trusted_role_arns = ["arn:aws:iam::111122223333:root"]
}
