locals {
  admin_arns = ["arn:aws:iam::111122223333:role/AWSReservedSSO_Admin_abc123"]

  admin_statement = {
    Effect    = "Allow"
    Principal = { AWS = local.admin_arns }
    Action    = "sts:AssumeRole"
  }

  ci_statement = {
    Effect    = "Allow"
    Principal = { AWS = "arn:aws:iam::111122223333:user/ci" }
    Action    = ["sts:AssumeRole"]
    Condition = { StringEquals = { "sts:RoleSessionName" = ["$${aws:username}"] } }
  }

  statements = [local.admin_statement, local.ci_statement]
}

resource "aws_iam_role" "admin" {
  name = "admin"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = local.statements
  })
}
