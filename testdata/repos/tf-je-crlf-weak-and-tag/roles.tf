# Développeurs — accès en lecture seule
resource "aws_iam_role" "readonly" {
  name = "readonly"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "sts:AssumeRole"
        Condition = { StringLike = { "sts:RoleSessionName" = "$${aws:username}*" } }
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "sts:AssumeRole"
        Condition = { StringEquals = { "sts:RoleSessionName" = "$${aws:PrincipalTag/email}" } }
      }
    ]
  })
}
