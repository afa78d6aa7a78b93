module "deployer" {
  source               = "../../modules/role"
  name                 = "deployer-prod"
  trusted_arns         = ["arn:aws:iam::999988887777:root"]
  require_session_name = true
}
