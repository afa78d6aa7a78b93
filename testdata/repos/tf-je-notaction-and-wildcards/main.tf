resource "aws_iam_role" "a" {
  name = "a"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        NotAction = ["iam:*", "s3:*"]
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        NotAction = "sts:*"
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = ["STS:Assume*"]
      },
      {
        Effect    = "Allow"
        Principal = { Federated = "arn:aws:iam::111122223333:saml-provider/okta" }
        Action    = "sts:AssumeRoleWithSAML"
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "sts:AssumeRol?"
      },
    ]
  })
}
