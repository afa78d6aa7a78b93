variable "enabled" {
  type    = bool
  default = false
}

variable "ci_enabled" {
  type    = bool
  default = false
}

variable "extra_roles" {
  type    = list(string)
  default = []
}

locals {
  trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role" "disabled" {
  count              = var.enabled ? 1 : 0
  assume_role_policy = local.trust
}

resource "aws_iam_role" "ci" {
  count              = var.ci_enabled ? 1 : 0
  assume_role_policy = local.trust
}

resource "aws_iam_role" "zero" {
  count              = 0
  assume_role_policy = local.trust
}

resource "aws_iam_role" "empty_map" {
  for_each           = {}
  assume_role_policy = local.trust
}

resource "aws_iam_role" "empty_set" {
  for_each           = toset([])
  assume_role_policy = local.trust
}

resource "aws_iam_role" "extras" {
  count              = length(var.extra_roles)
  assume_role_policy = local.trust
}
