module "gha" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = "~> 6.1"

  name               = "gha"
  enable_github_oidc = true
  oidc_subjects      = ["acme/infra:ref:refs/heads/main"]
}
