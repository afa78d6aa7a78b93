module "maybe_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.0"

  role_name         = "maybe"
  trusted_role_arns = ["arn:aws:iam::111122223333:root"]
}
