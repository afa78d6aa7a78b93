locals {
  roles = {
    reader = "arn:aws:iam::111122223333:user/alice"
    writer = "arn:aws:iam::111122223333:user/bob"
  }
}

resource "aws_iam_role" "this" {
  for_each = local.roles
  name     = each.key
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = each.value }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "sts:RoleSessionName" = "$${aws:username}" } }
    }]
  })
}
