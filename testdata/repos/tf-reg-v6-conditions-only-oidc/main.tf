module "platform_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = ">= 6.0.0"

  name = "platform"

  trust_policy_permissions = {
    TrustAccount = {
      actions    = ["sts:AssumeRole"]
      principals = [{ type = "AWS", identifiers = ["arn:aws:iam::111122223333:root"] }]
    }
  }

  trust_policy_conditions = [{
    test     = "StringEquals"
    variable = "sts:RoleSessionName"
    values   = ["$${aws:username}"]
  }]
}
