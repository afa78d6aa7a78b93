module "roles" {
  source = "./modules/roles"
  roles = {
    admin = { principals = ["arn:aws:iam::111122223333:root"] }
  }
}
