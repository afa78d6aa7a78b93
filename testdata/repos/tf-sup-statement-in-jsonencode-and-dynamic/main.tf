locals {
  accounts = ["111122223333", "444455556666"]
}

resource "aws_iam_role" "a" {
  name = "a"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # trustlint:ignore TL001 vendor
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::999988887777:root" }
        Action    = "sts:AssumeRole"
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "sts:AssumeRole"
      },
    ]
  })
}

data "aws_iam_policy_document" "b" {
  // trustlint:ignore TL001 partner accounts use fixed session names
  dynamic "statement" {
    for_each = local.accounts
    content {
      actions = ["sts:AssumeRole"]
      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::${statement.value}:root"]
      }
    }
  }
}

resource "aws_iam_role" "b" {
  assume_role_policy = data.aws_iam_policy_document.b.json
}
