# Rôle d'accès pour l'équipe « plateforme » — géré par Terraform, ne pas modifier à la main
locals {
  account_id = "111122223333"
}

variable "env" {
  type    = string
  default = "prod"
}

resource "aws_iam_role" "platform" {
  name               = "platform-${var.env}"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Sid": "Humans",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::${local.account_id}:root" },
      "Action": "sts:AssumeRole",
      "Condition": { "StringEquals": { "sts:RoleSessionName": "$${aws:username}" } }
    },
    {
      "Sid": "Ci",
      "Effect": "Allow",
      "Principal": { "AWS": "arn:aws:iam::${local.account_id}:role/ci-${var.env}" },
      "Action": "sts:AssumeRole"
    }
  ]
}
EOF
}
