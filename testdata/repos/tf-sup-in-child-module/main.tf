module "a" {
  source = "./modules/r"
}
module "b" {
  source = "./modules/r"
}
