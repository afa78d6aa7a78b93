module "platform_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = "6.2.1"

  create = false
  name   = "platform"

  trust_policy_permissions = {
    TrustCi = {
      actions    = ["sts:AssumeRole"]
      principals = [{ type = "AWS", identifiers = ["arn:aws:iam::111122223333:user/ci"] }]
    }
  }
}
