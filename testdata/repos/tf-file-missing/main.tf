resource "aws_iam_role" "r" {
  name               = "r"
  assume_role_policy = file("${path.module}/trust-policy.json")
}
