variable "create" {
  type    = bool
  default = true
}

module "role" {
  count  = var.create ? 1 : 0
  source = "./modules/role"
}
