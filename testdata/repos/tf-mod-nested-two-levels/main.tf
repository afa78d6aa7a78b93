module "platform" {
  source      = "./modules/platform"
  environment = "prod"
}
