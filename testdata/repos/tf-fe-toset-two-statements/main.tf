resource "aws_iam_role" "env" {
  for_each = toset(["dev", "staging", "prod"])
  name     = "deployer-${each.key}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "sts:AssumeRole"
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:role/${each.key}-ci" }
        Action    = "sts:AssumeRole"
      },
    ]
  })
}
