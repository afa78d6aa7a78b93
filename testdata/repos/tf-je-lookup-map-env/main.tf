variable "env" {
  type    = string
  default = "staging"
}

locals {
  accounts = {
    staging = "111122223333"
    prod    = "444455556666"
  }
  session_condition = {
    staging = {}
    prod    = { StringEquals = { "sts:RoleSessionName" = "$${aws:username}" } }
  }
}

resource "aws_iam_role" "ops" {
  name = "ops-${var.env}"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::${lookup(local.accounts, var.env)}:root" }
      Action    = "sts:AssumeRole"
      Condition = local.session_condition[var.env]
    }]
  })
}
