module "locked" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = "~> 6.0"

  name = "locked"

  trust_policy_permissions = {
    DenyPartner = {
      effect     = "Deny"
      actions    = ["sts:AssumeRole"]
      principals = [{ type = "AWS", identifiers = ["arn:aws:iam::444455556666:root"] }]
    }
  }
}
