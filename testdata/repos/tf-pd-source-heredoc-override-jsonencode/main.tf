locals {
  legacy_trust = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Legacy",
      "Effect": "Allow",
      "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
      "Action": "sts:AssumeRole"
    }
  ]
}
EOF
}

data "aws_iam_policy_document" "trust" {
  source_policy_documents = [local.legacy_trust]
  override_policy_documents = [jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "Breakglass"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/breakglass" }
      Action    = "sts:AssumeRole"
    }]
  })]

  statement {
    sid     = "Legacy"
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
    condition {
      test     = "StringEquals"
      variable = "sts:RoleSessionName"
      values   = ["&{aws:username}"]
    }
  }
}

resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}
