module "platform_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = "~> 6.0"

  name = "platform"

  trust_policy_permissions = {
    Account = {
      actions    = ["sts:AssumeRole"]
      principals = [{ type = "AWS", identifiers = ["arn:aws:iam::111122223333:root"] }]
    }
    RequireSessionName = {
      effect     = "Deny"
      actions    = ["sts:AssumeRole"]
      principals = [{ type = "AWS", identifiers = ["*"] }]
      condition = [{
        test     = "StringNotEquals"
        variable = "sts:RoleSessionName"
        values   = ["$${aws:username}"]
      }]
    }
  }
}
