resource "aws_iam_role" "platform" {
  name = "platform"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root"] }
        Action    = "sts:AssumeRole"
      },
      {
        Sid       = "RequireSessionName"
        Effect    = "Deny"
        Principal = { AWS = "*" }
        Action    = "sts:AssumeRole"
        Condition = { StringNotLike = { "sts:RoleSessionName" = "$${aws:username}" } }
      },
    ]
  })
}
