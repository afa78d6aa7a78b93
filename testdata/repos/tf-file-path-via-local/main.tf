locals {
  policy_dir = "${path.module}/iam"
}

resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = file("${local.policy_dir}/trust.json")
}
