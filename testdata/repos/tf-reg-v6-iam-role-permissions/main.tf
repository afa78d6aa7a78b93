module "platform_role" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-role"
  version = "~> 6.0"

  name = "platform"

  trust_policy_permissions = {
    TrustAdmins = {
      actions = ["sts:AssumeRole", "sts:TagSession"]
      principals = [{
        type        = "AWS"
        identifiers = ["arn:aws:iam::111122223333:root"]
      }]
      condition = [{
        test     = "StringEquals"
        variable = "sts:RoleSessionName"
        values   = ["$${aws:username}"]
      }]
    }
    TrustCi = {
      actions = ["sts:AssumeRole"]
      principals = [{
        type        = "AWS"
        identifiers = ["arn:aws:iam::111122223333:user/ci"]
      }]
    }
  }
}
