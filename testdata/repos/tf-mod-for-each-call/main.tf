module "team" {
  for_each     = toset(["data", "ml"])
  source       = "./modules/role"
  name         = "team-${each.key}"
  trusted_arns = ["arn:aws:iam::111122223333:role/${each.key}-admins"]
}
