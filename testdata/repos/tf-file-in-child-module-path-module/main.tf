module "app_role" {
  source = "./modules/app-role"
}
