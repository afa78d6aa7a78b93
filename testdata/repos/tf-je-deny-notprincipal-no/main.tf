resource "aws_iam_role" "platform" {
  name = "platform"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "sts:AssumeRole"
      },
      {
        Effect       = "Deny"
        NotPrincipal = { AWS = "arn:aws:iam::111122223333:role/breakglass" }
        Action       = "sts:AssumeRole"
        Condition    = { StringNotLike = { "sts:RoleSessionName" = "$${aws:username}" } }
      },
    ]
  })
}
