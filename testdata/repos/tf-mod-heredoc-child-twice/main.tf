module "a" {
  source  = "./modules/r"
  account = "111122223333"
}
module "b" {
  source  = "./modules/r"
  account = "444455556666"
}
