module "trust" {
  source       = "./modules/trust-doc"
  trusted_arns = ["arn:aws:iam::111122223333:root"]
}

resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = module.trust.json
}
