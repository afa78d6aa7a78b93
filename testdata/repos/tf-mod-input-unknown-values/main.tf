variable "session_names" {
  type = list(string)
}

variable "trusted" {
  type = list(string)
}

module "svc" {
  source        = "./modules/svc"
  trusted       = var.trusted
  session_names = var.session_names
}
