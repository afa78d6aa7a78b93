module "deployer" {
  source       = "../../modules/role"
  name         = "deployer-dev"
  trusted_arns = ["arn:aws:iam::111122223333:root"]
}
