variable "require_session_name" {
  type    = bool
  default = false
}

module "role" {
  source               = "./modules/role"
  require_session_name = var.require_session_name
}
