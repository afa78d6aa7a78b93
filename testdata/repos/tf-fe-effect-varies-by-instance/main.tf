locals {
  roles = {
    open   = "Allow"
    closed = "Deny"
  }
}

resource "aws_iam_role" "r" {
  for_each = local.roles
  name     = each.key
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = each.value
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}
