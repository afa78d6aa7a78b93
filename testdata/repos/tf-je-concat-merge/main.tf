locals {
  human_statements = [
    {
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
      Condition = { StringLike = { "sts:RoleSessionName" = "$${aws:username}" } }
    },
  ]
  base_statement = {
    Effect = "Allow"
    Action = "sts:AssumeRole"
  }
}

resource "aws_iam_role" "mixed" {
  name = "mixed"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = concat(local.human_statements, [
      merge(local.base_statement, { Principal = { AWS = "arn:aws:iam::444455556666:root" } }),
    ])
  })
}
