# é non-ascii
variable "trusted" {
  type    = list(string)
  default = ["arn:aws:iam::111122223333:root"]
}

variable "no_default" {}

locals {
  account = "111122223333"
}

resource "aws_iam_role" "heredoc" {
  name               = "heredoc"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::${local.account}:root" },
      "Action": "sts:AssumeRole"
    },
    {
      "Effect": "Allow",
      "Principal": { "AWS": ${jsonencode(var.trusted)} },
      "Action": "sts:AssumeRole",
      "Condition": { "StringLike": { "sts:RoleSessionName": "$${aws:username}" } }
    }
  ]
}
EOF
}

resource "aws_iam_role" "indented" {
  assume_role_policy = <<-JSON
    {
      "Statement": [{
        "Effect": "Allow",
        "Principal": {"AWS": "${var.no_default}"},
        "Action": "sts:AssumeRole"
      }]
    }
  JSON
}

resource "aws_iam_role" "encoded" {
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = var.trusted }
        Action    = "sts:AssumeRole"
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "*" }
        Action    = "sts:AssumeRole"
        Condition = { StringLike = { "sts:RoleSessionName" = "$${aws:username}*" } }
      },
    ]
  })
}

data "aws_iam_policy_document" "trust" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = var.trusted
    }
  }
  # trustlint:ignore TL001 reviewed
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:role/ci"]
    }
    condition {
      test     = "StringLike"
      variable = "sts:RoleSessionName"
      values   = ["&{aws:username}"]
    }
  }
}

resource "aws_iam_role" "doc" {
  for_each           = toset(["a", "b"])
  name               = "doc-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role" "none" {
  count              = 0
  assume_role_policy = data.aws_iam_policy_document.trust.json
}

resource "aws_iam_role" "fromfile" {
  assume_role_policy = file("${path.module}/trust.json")
}

resource "aws_iam_role" "unknown" {
  assume_role_policy = var.no_default
}

module "child" {
  source  = "./modules/role"
  trusted = ["arn:aws:iam::444455556666:root"]
}

module "registry" {
  source  = "terraform-aws-modules/iam/aws//modules/iam-assumable-role"
  version = "~> 5.0"
  create_role = true
  trusted_role_arns = ["arn:aws:iam::111122223333:root"]
  role_requires_mfa = false
  role_requires_session_name = true
}
