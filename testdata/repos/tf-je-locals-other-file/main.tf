resource "aws_iam_role" "tooling" {
  name               = "tooling-access"
  assume_role_policy = jsonencode(local.trust_policy)
}
