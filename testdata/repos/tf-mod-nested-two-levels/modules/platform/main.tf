variable "environment" {
  type = string
}

module "deploy_role" {
  source       = "../role"
  name         = "deploy-${var.environment}"
  trusted_arns = ["arn:aws:iam::111122223333:role/ci-${var.environment}"]
}

module "breakglass_role" {
  source               = "../role"
  name                 = "breakglass-${var.environment}"
  trusted_arns         = ["arn:aws:iam::111122223333:user/oncall"]
  require_session_name = true
}
