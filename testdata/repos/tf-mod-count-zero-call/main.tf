module "legacy" {
  count        = 0
  source       = "./modules/role"
  name         = "legacy"
  trusted_arns = ["arn:aws:iam::111122223333:root"]
}
