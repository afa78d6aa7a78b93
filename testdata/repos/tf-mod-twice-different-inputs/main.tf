module "admins" {
  source               = "./modules/assumable-role"
  name                 = "admins"
  trusted_arns         = ["arn:aws:iam::111122223333:root"]
  require_session_name = true
}

module "ci" {
  source       = "./modules/assumable-role"
  name         = "ci"
  trusted_arns = ["arn:aws:iam::444455556666:root"]
}

module "auditors" {
  source       = "./modules/assumable-role/"
  name         = "auditors"
  trusted_arns = ["arn:aws:iam::777788889999:root"]
}
