locals {
  trust_policy = {
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${local.tooling_account}:root" }
        Action    = "sts:AssumeRole"
      }
    ]
  }
  tooling_account = "222233334444"
}
