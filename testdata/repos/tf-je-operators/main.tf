resource "aws_iam_role" "ops" {
  name = "ops"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "sts:AssumeRole"
        Condition = { "ForAnyValue:StringLikeIfExists" = { "sts:RoleSessionName" = ["$${aws:username}"] } }
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "sts:AssumeRole"
        Condition = { StringNotEquals = { "sts:RoleSessionName" = "root" } }
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "sts:AssumeRole"
        Condition = { stringLike = { "sts:RoleSessionName" = "$${aws:username}" } }
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "sts:AssumeRole"
        Condition = { StringEqualsIgnoreCase = { "STS:RoleSessionName" = "$${aws:userid}" } }
      },
    ]
  })
}
